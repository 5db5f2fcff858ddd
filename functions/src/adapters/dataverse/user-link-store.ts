/**
 * `dtclm_userlink` rows (dataverse-model.md), one per provisioned Dynamics user, as the connector
 * app. Written by upsert on the alternate key `dtclm_key_systemuser`, which Dataverse addresses by
 * the lookup's property (`_dtclm_systemuserid_value=<guid>`): a GUID, so no character the key
 * syntax refuses; an upsert is idempotent, so the client may retry it.
 */
import { SYNC_STATE_VALUE } from '../../../../api/vocabulary/choices';
import { ENTITY_SET } from '../../../../api/vocabulary/tables';
import type { DataverseGateway } from './client';
import { CLM_ROLE_CHOICE, CLM_ROLES, type ClmRole } from '../../domain/provisioning';
import type { LinkState, UserLink, UserLinkStore } from '../../services/users/ports';
import { readAllPages } from './read-pages';
import { guidKey, isGuid } from './url-values';

const SET = ENTITY_SET.dtclm_userlink;
const COLUMNS = [
  '_dtclm_systemuserid_value',
  'dtclm_name',
  'dtclm_scimid',
  'dtclm_clmrole',
  'dtclm_active',
  'dtclm_syncstate',
  'dtclm_lasterror',
  'dtclm_lastsyncedon',
];
/** dtclm_lasterror is multiline 4000. */
const LAST_ERROR_MAX = 4000;

const LINK_STATE_CHOICE: Record<LinkState, number> = { 'In sync': SYNC_STATE_VALUE.inSync, Pending: SYNC_STATE_VALUE.pending, Error: SYNC_STATE_VALUE.error };

interface LinkRow {
  _dtclm_systemuserid_value?: string | null;
  dtclm_name?: string | null;
  dtclm_scimid?: string | null;
  dtclm_clmrole?: number | null;
  dtclm_active?: boolean | null;
  dtclm_syncstate?: number | null;
  dtclm_lasterror?: string | null;
  dtclm_lastsyncedon?: string | null;
}

function toLink(row: LinkRow): UserLink | undefined {
  if (!row._dtclm_systemuserid_value) return undefined;
  const role = CLM_ROLES.find((r) => CLM_ROLE_CHOICE[r] === row.dtclm_clmrole);
  const state = (Object.keys(LINK_STATE_CHOICE) as LinkState[]).find((s) => LINK_STATE_CHOICE[s] === row.dtclm_syncstate);
  return {
    systemUserId: row._dtclm_systemuserid_value,
    name: row.dtclm_name ?? '',
    ...(row.dtclm_scimid ? { scimId: row.dtclm_scimid } : {}),
    ...(role ? { role } : {}),
    ...(row.dtclm_active !== null && row.dtclm_active !== undefined ? { active: row.dtclm_active } : {}),
    ...(state ? { state } : {}),
    ...(row.dtclm_lasterror ? { lastError: row.dtclm_lasterror } : {}),
    ...(row.dtclm_lastsyncedon ? { lastSyncedOn: row.dtclm_lastsyncedon } : {}),
  };
}

export class DataverseUserLinkStore implements UserLinkStore {
  constructor(private readonly api: DataverseGateway) {}

  async list(): Promise<UserLink[]> {
    const rows = await readAllPages<LinkRow>(this.api, { collection: SET, select: COLUMNS });
    return rows.map(toLink).filter((l): l is UserLink => l !== undefined);
  }

  async get(systemUserId: string): Promise<UserLink | undefined> {
    if (!isGuid(systemUserId)) return undefined;
    const rows = await readAllPages<LinkRow>(this.api, {
      collection: SET,
      select: COLUMNS,
      filter: `_dtclm_systemuserid_value eq ${guidKey(systemUserId)}`,
      top: 1,
    });
    return rows[0] ? toLink(rows[0]) : undefined;
  }

  async save(link: UserLink): Promise<void> {
    const data: Record<string, unknown> = {
      dtclm_name: link.name.slice(0, 200),
      dtclm_scimid: link.scimId ?? null,
      dtclm_clmrole: link.role ? CLM_ROLE_CHOICE[link.role as ClmRole] : null,
      dtclm_active: link.active ?? null,
      dtclm_syncstate: link.state ? LINK_STATE_CHOICE[link.state] : null,
      dtclm_lasterror: link.lastError ? link.lastError.slice(0, LAST_ERROR_MAX) : null,
      ...(link.lastSyncedOn ? { dtclm_lastsyncedon: link.lastSyncedOn } : {}),
    };
    await this.api.upsert({ collection: SET, key: `_dtclm_systemuserid_value=${guidKey(link.systemUserId, 'The user of a link row')}`, data });
  }
}
