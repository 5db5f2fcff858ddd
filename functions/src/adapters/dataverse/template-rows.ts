/**
 * `dtclm_template` rows as template sync reads and writes them, as the connector app (the sync is
 * the app's own work, not a user's). Reads: every row once, paged by Dataverse (5000 a page),
 * small columns and the mapping, never the big fields column. Writes: one `$batch` per call, no
 * change set and `continue-on-error`, so one refused row does not hold back the others.
 * New rows are created with POST, never by key: CLM ids may hold characters Dataverse refuses in a
 * key URL (dataverse-model.md "Alternate keys"); the key still refuses a twin (0x80040237), which
 * is answered as a duplicate. Lookups by CLM id use `$filter` for the same reason.
 */
import type { BatchPart, DataverseGateway } from './client';
import {
  MAPPING_STATE,
  type MappingState,
  type TemplateRows,
  type TemplateRowSummary,
  type TemplateRowValues,
  type TemplateWrite,
  type WriteOutcome,
} from '../../services/templates/ports';
import { equalsString, guidKey } from './url-values';
import { TEMPLATE_SET } from './templates-repository';

const SUMMARY_COLUMNS = ['dtclm_templateid', 'dtclm_clmtemplateid', 'dtclm_clmversion', 'statecode', 'dtclm_mappingstate', 'dtclm_mapping'];
const PAGE_SIZE = 5000;
const DUPLICATE_KEY = '0x80040237';

interface RowJson {
  dtclm_templateid: string;
  dtclm_clmtemplateid?: string | null;
  dtclm_clmversion?: number | null;
  statecode?: number | null;
  dtclm_mappingstate?: number | null;
  dtclm_mapping?: string | null;
}

const STATE_BY_VALUE = new Map<number, MappingState>(Object.entries(MAPPING_STATE).map(([k, v]) => [v, k as MappingState]));

function toSummary(j: RowJson): TemplateRowSummary {
  return {
    id: j.dtclm_templateid,
    clmTemplateId: j.dtclm_clmtemplateid ?? '',
    clmVersion: typeof j.dtclm_clmversion === 'number' ? j.dtclm_clmversion : null,
    active: (j.statecode ?? 0) === 0,
    mappingState: j.dtclm_mappingstate == null ? null : (STATE_BY_VALUE.get(j.dtclm_mappingstate) ?? null),
    mappingJson: j.dtclm_mapping ?? null,
  };
}

/** The row's columns for the values given (only those: an update sends what changed). */
function rowData(values: Partial<TemplateRowValues>): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  if (values.name !== undefined) data.dtclm_name = values.name.slice(0, 200);
  if (values.clmVersion !== undefined) data.dtclm_clmversion = values.clmVersion;
  if (values.fieldsJson !== undefined) data.dtclm_fields = values.fieldsJson;
  if (values.lastSyncedOn !== undefined) data.dtclm_lastsyncedon = values.lastSyncedOn;
  if (values.active !== undefined) Object.assign(data, values.active ? { statecode: 0, statuscode: 1 } : { statecode: 1, statuscode: 2 });
  if (values.mappingState !== undefined) data.dtclm_mappingstate = MAPPING_STATE[values.mappingState];
  if (values.mappingErrors !== undefined) data.dtclm_mappingerrors = values.mappingErrors === null ? null : values.mappingErrors.slice(0, 4000);
  return data;
}

function outcomeOf(part: unknown, created: boolean): WriteOutcome {
  const e = part as { status?: unknown; code?: unknown; message?: unknown } | null;
  const failed = part instanceof Error || (e && typeof e === 'object' && typeof e.status === 'number' && e.status >= 400);
  if (!failed) return created && typeof part === 'string' ? { ok: true, rowId: part } : { ok: true };
  if (typeof e?.code === 'string' && e.code.toLowerCase() === DUPLICATE_KEY) return { ok: false, duplicate: true };
  const status = typeof e?.status === 'number' ? ` (HTTP ${e.status}${typeof e.code === 'string' ? `, ${e.code}` : ''})` : '';
  return { ok: false, duplicate: false, message: `Dataverse refused the row${status}.` };
}

export class DataverseTemplateRows implements TemplateRows {
  constructor(private readonly api: DataverseGateway) {}

  async readAll(): Promise<TemplateRowSummary[]> {
    const answer = await this.api.retrieveAll<RowJson>({ collection: TEMPLATE_SET, select: SUMMARY_COLUMNS, maxPageSize: PAGE_SIZE });
    return answer.value.map(toSummary);
  }

  async findByClmId(clmTemplateId: string): Promise<TemplateRowSummary | undefined> {
    const answer = await this.api.retrieveMultiple<RowJson>({
      collection: TEMPLATE_SET,
      select: SUMMARY_COLUMNS,
      filter: equalsString('dtclm_clmtemplateid', clmTemplateId),
      top: 1,
    });
    return answer.value[0] ? toSummary(answer.value[0]) : undefined;
  }

  async write(writes: TemplateWrite[]): Promise<WriteOutcome[]> {
    if (writes.length === 0) return [];
    const batch: BatchPart[] = writes.map((w) => {
      if (w.op === 'create') {
        const { active: _state, ...values } = w.values;
        return { op: 'create', request: { collection: TEMPLATE_SET, data: { dtclm_clmtemplateid: w.clmTemplateId, ...rowData(values) } } };
      }
      return { op: 'update', request: { collection: TEMPLATE_SET, key: guidKey(w.rowId, 'The template row id'), data: rowData(w.values) } };
    });
    const parts = await this.api.batch(batch, { inChangeSet: false, continueOnError: true });
    return writes.map((w, i) => outcomeOf(parts[i], w.op === 'create'));
  }
}
