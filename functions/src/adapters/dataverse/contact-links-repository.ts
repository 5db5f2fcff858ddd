/**
 * dtclm_contactlink rows (dataverse-model.md): one per Dynamics contact that contact sync keeps in
 * step, with the CLM id and version, the synced values (JSON) and their hash, the state and the
 * last error in an admin's words (services/contacts/ports.ts ContactLinkStore).
 */
import { SYNC_STATE_VALUE } from '../../../../api/vocabulary/choices';
import { ENTITY_SET } from '../../../../api/vocabulary/tables';
import type { DataverseGateway } from './client';
import { parseSynced, serialiseSynced } from '../../domain/contact-sync';
import type { ContactLink, ContactLinkStore, LinkState } from '../../services/contacts/ports';
import { chunks } from './contacts-repository';
import { NotFoundError } from '../../services/errors';
import { PreconditionFailedError } from './errors';
import { entityPath, equalsString, guidKey } from './url-values';

type Row = Record<string, unknown>;

const SET = ENTITY_SET.dtclm_contactlink;
const COLUMNS = [
  'dtclm_contactlinkid',
  'dtclm_name',
  '_dtclm_contactid_value',
  'dtclm_clmcontactid',
  'dtclm_clmversion',
  'dtclm_syncedhash',
  'dtclm_syncedvalues',
  'dtclm_syncstate',
  'dtclm_lasterror',
];
const STATE_CODES: Record<LinkState, number> = SYNC_STATE_VALUE;
const STATE_OF = new Map(Object.entries(STATE_CODES).map(([k, v]) => [v, k as LinkState]));
const PER_QUERY = 50;
/** Rows per $batch: well under Dataverse's 1000 operations per batch. */
const PER_BATCH = 100;

function linkFromRow(row: Row): ContactLink {
  return {
    rowId: String(row.dtclm_contactlinkid),
    contactId: String(row._dtclm_contactid_value),
    clmContactId: typeof row.dtclm_clmcontactid === 'string' && row.dtclm_clmcontactid ? row.dtclm_clmcontactid : null,
    clmVersion: typeof row.dtclm_clmversion === 'number' ? row.dtclm_clmversion : null,
    synced: parseSynced(row.dtclm_syncedvalues as string | null),
    hash: typeof row.dtclm_syncedhash === 'string' ? row.dtclm_syncedhash : undefined,
    state: STATE_OF.get(Number(row.dtclm_syncstate)) ?? 'pending',
    lastError: typeof row.dtclm_lasterror === 'string' ? row.dtclm_lasterror : null,
    ...(typeof row.dtclm_name === 'string' ? { name: row.dtclm_name } : {}),
  };
}

export class DataverseContactLinks implements ContactLinkStore {
  constructor(
    private readonly api: DataverseGateway,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async all(): Promise<{ links: ContactLink[]; withoutContact: ContactLink[] }> {
    const rows = await this.api.retrieveAll<Row>({ collection: SET, select: COLUMNS, maxPageSize: 5000 });
    const hasContact = (row: Row) => typeof row._dtclm_contactid_value === 'string' && row._dtclm_contactid_value !== '';
    return {
      links: rows.value.filter(hasContact).map(linkFromRow),
      withoutContact: rows.value.filter((r) => !hasContact(r)).map((r) => ({ ...linkFromRow(r), contactId: '' })),
    };
  }

  async remove(rowId: string): Promise<void> {
    try {
      await this.api.deleteRecord({ collection: SET, key: guidKey(rowId) });
    } catch (e) {
      // Removed meanwhile (a run taken over, removing again): gone, as wanted.
      if (!(e instanceof NotFoundError)) throw e;
    }
  }

  async byContactIds(ids: readonly string[]): Promise<ContactLink[]> {
    return this.where(ids, (id) => `_dtclm_contactid_value eq ${guidKey(id)}`);
  }

  async byClmContactIds(ids: readonly string[]): Promise<ContactLink[]> {
    return this.where(ids, (id) => equalsString('dtclm_clmcontactid', id));
  }

  private async where(ids: readonly string[], term: (id: string) => string): Promise<ContactLink[]> {
    const out: ContactLink[] = [];
    for (const group of chunks([...new Set(ids)], PER_QUERY)) {
      const rows = await this.api.retrieveAll<Row>({ collection: SET, select: COLUMNS, filter: group.map(term).join(' or ') });
      out.push(...rows.value.map(linkFromRow));
    }
    return out;
  }

  async save(link: ContactLink, name: string): Promise<ContactLink> {
    const data = this.rowOf(link, name);
    if (link.rowId) {
      await this.api.update({ collection: SET, key: guidKey(link.rowId), data });
      return link;
    }
    return this.createOne(link, data);
  }

  /**
   * New links in `$batch` requests of 100 (queued and sent in one synchronous step, so no other
   * call of the shared client slips into the batch). A batch that fails (a twin key stops it) is
   * made again row by row, where an existing row is updated instead.
   */
  async saveAll(items: readonly { link: ContactLink; name: string }[]): Promise<void> {
    const updates = items.filter((i) => i.link.rowId);
    for (const i of updates) await this.save(i.link, i.name);
    const creates = items.filter((i) => !i.link.rowId);
    for (let start = 0; start < creates.length; start += PER_BATCH) {
      const group = creates.slice(start, start + PER_BATCH);
      try {
        await this.api.batch(
          group.map((i) => ({ op: 'create', request: { collection: SET, data: this.createData(i.link, this.rowOf(i.link, i.name)) } })),
          { inChangeSet: false },
        );
      } catch {
        for (const i of group) await this.createOne(i.link, this.rowOf(i.link, i.name));
      }
    }
  }

  private createData(link: ContactLink, data: Row): Row {
    return { ...data, 'dtclm_contactid@odata.bind': entityPath('contacts', link.contactId) };
  }

  private rowOf(link: ContactLink, name: string): Row {
    return {
      dtclm_name: name.slice(0, 200),
      dtclm_clmcontactid: link.clmContactId,
      dtclm_clmversion: link.clmVersion,
      dtclm_syncedhash: link.hash ?? null,
      dtclm_syncedvalues: link.synced ? serialiseSynced(link.synced) : null,
      dtclm_syncstate: STATE_CODES[link.state],
      dtclm_lasterror: link.lastError ? link.lastError.slice(0, 4000) : null,
      dtclm_lastsyncedon: this.now().toISOString(),
    };
  }

  private async createOne(link: ContactLink, data: Row): Promise<ContactLink> {
    try {
      const id = await this.api.create({ collection: SET, data: this.createData(link, data) });
      return { ...link, rowId: String(id) };
    } catch (e) {
      // Another run (or the Sync to CLM button) linked this contact meanwhile: the key refuses a twin.
      if (!(e instanceof PreconditionFailedError && e.alreadyExists)) throw e;
      const [existing] = await this.byContactIds([link.contactId]);
      if (!existing?.rowId) throw e;
      await this.api.update({ collection: SET, key: existing.rowId, data });
      return { ...link, rowId: existing.rowId };
    }
  }
}
