/**
 * `dtclm_template` rows for the admin mapping routes: read and saved as the calling admin
 * (CallerObjectId), the save guarded by the row's ETag (If-Match) so a concurrent edit is not
 * overwritten; and, for the health check, the active rows whose mapping is Broken, and those whose
 * mapping Fits (as the app).
 */
import type { DataverseGateway } from './client';
import { ChangedSinceReadError } from '../../services/errors';
import { MAPPING_STATE, type MappingSave, type MappingState, type TemplateAdminStore, type TemplateForAdmin } from '../../services/templates/ports';
import type { Caller } from '../../services/ports';
import type { ActiveMapping } from '../../services/health/ports';
import { isNotReadable } from './client';
import { PreconditionFailedError } from './errors';
import { TEMPLATE_SET } from './templates-repository';
import { guidKey } from './url-values';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const COLUMNS = ['dtclm_templateid', 'dtclm_name', 'dtclm_clmtemplateid', 'statecode', 'dtclm_fields', 'dtclm_mapping', 'dtclm_mappingstate'];
const STATE_BY_VALUE = new Map<number, MappingState>(Object.entries(MAPPING_STATE).map(([k, v]) => [v, k as MappingState]));

interface RowJson {
  dtclm_templateid: string;
  dtclm_name?: string | null;
  dtclm_clmtemplateid?: string | null;
  statecode?: number | null;
  dtclm_fields?: string | null;
  dtclm_mapping?: string | null;
  dtclm_mappingstate?: number | null;
  dtclm_mappingerrors?: string | null;
  '@odata.etag'?: string;
}

const changed = () => new ChangedSinceReadError('The template was changed by someone else since you read it: reload it, then save your mapping again.');

export class DataverseTemplateAdmin implements TemplateAdminStore {
  constructor(private readonly api: DataverseGateway) {}

  async read(templateId: string, as: Caller): Promise<TemplateForAdmin | undefined> {
    if (!GUID.test(templateId)) return undefined;
    try {
      const j = await this.api.retrieve<RowJson>({ collection: TEMPLATE_SET, key: guidKey(templateId), select: COLUMNS, impersonateAAD: as.callerObjectId });
      return {
        id: j.dtclm_templateid,
        name: j.dtclm_name ?? '',
        clmTemplateId: j.dtclm_clmtemplateid ?? '',
        active: (j.statecode ?? 0) === 0,
        fieldsJson: j.dtclm_fields ?? null,
        mappingJson: j.dtclm_mapping ?? null,
        mappingState: j.dtclm_mappingstate == null ? null : (STATE_BY_VALUE.get(j.dtclm_mappingstate) ?? null),
        etag: j['@odata.etag'] ?? '',
      };
    } catch (e) {
      if (isNotReadable(e)) return undefined;
      throw e;
    }
  }

  async saveMapping(templateId: string, save: MappingSave, ifMatch: string, as: Caller): Promise<string> {
    try {
      // A refused If-Match (412) is the gateway's PreconditionFailedError, answered as `changed()` below.
      const row: RowJson = await this.api.updateIfUnchanged<Record<string, unknown>, RowJson>({
        collection: TEMPLATE_SET,
        key: guidKey(templateId, 'The template id'),
        data: {
          dtclm_mapping: save.mappingJson,
          dtclm_triggerentity: save.triggerEntity,
          dtclm_mappingstate: MAPPING_STATE[save.state],
          dtclm_mappingerrors: save.errorsText === null ? null : save.errorsText.slice(0, 4000),
        },
        ifmatch: ifMatch,
        returnRepresentation: true,
        select: ['dtclm_templateid'],
        impersonateAAD: as.callerObjectId,
      });
      return row['@odata.etag'] ?? '';
    } catch (e) {
      if (e instanceof PreconditionFailedError) throw changed();
      throw e;
    }
  }

  async brokenActive(): Promise<{ id: string; name: string; errors: string | null }[]> {
    const answer = await this.api.retrieveMultiple<RowJson>({
      collection: TEMPLATE_SET,
      select: ['dtclm_templateid', 'dtclm_name', 'dtclm_mappingerrors'],
      filter: `dtclm_mappingstate eq ${MAPPING_STATE.broken} and statecode eq 0`,
      orderBy: ['dtclm_name'],
      top: 50,
    });
    return answer.value.map((j) => ({ id: j.dtclm_templateid, name: j.dtclm_name ?? '', errors: j.dtclm_mappingerrors ?? null }));
  }

  /** For the health check, as the app: the active templates whose mapping fits, with the mapping (every page). */
  async fittingActive(): Promise<ActiveMapping[]> {
    const answer = await this.api.retrieveAll<RowJson>({
      collection: TEMPLATE_SET,
      select: ['dtclm_templateid', 'dtclm_name', 'dtclm_mapping'],
      filter: `dtclm_mappingstate eq ${MAPPING_STATE.fits} and statecode eq 0`,
      orderBy: ['dtclm_name'],
    });
    return answer.value.filter((j) => j.dtclm_mapping).map((j) => ({ name: j.dtclm_name ?? '', mappingJson: j.dtclm_mapping ?? '' }));
  }
}
