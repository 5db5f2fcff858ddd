/**
 * The templates as the admin page lists them, read from Dataverse (`dtclm_templates`,
 * dataverse-model.md) with the user's own formats for dates, and their mapping state in words.
 */
import { MAPPING_STATE_VALUE } from '../../../api/vocabulary/choices';
import { dataverseRows, dataverseUrl, formatted } from '../../lib/dataverse';

export type MappingState = 'fits' | 'broken' | 'none' | 'unchecked';

/** dtclm_mappingstate (dataverse-model.md). */
const MAPPING_STATES: Record<number, MappingState> = {
  [MAPPING_STATE_VALUE.fits]: 'fits',
  [MAPPING_STATE_VALUE.broken]: 'broken',
  [MAPPING_STATE_VALUE.none]: 'none',
};

export interface TemplateRow {
  id: string;
  name: string;
  clmVersion: string;
  lastSynced: string;
  triggerEntity: string;
  active: boolean;
  mappingState: MappingState;
  /** Why the mapping no longer fits: one line per problem, with its JSON path. */
  mappingErrors: string[];
}

const COLUMNS = [
  'dtclm_templateid',
  'dtclm_name',
  'dtclm_clmversion',
  'dtclm_lastsyncedon',
  'dtclm_triggerentity',
  'dtclm_mappingstate',
  'dtclm_mappingerrors',
  'statecode',
];

export async function loadTemplateRows(): Promise<TemplateRow[]> {
  const rows = await dataverseRows<Record<string, unknown>>(dataverseUrl('dtclm_templates', { $select: COLUMNS.join(','), $orderby: 'dtclm_name' }), {
    formatted: true,
  });
  return rows.map((r) => ({
    id: String(r.dtclm_templateid),
    name: String(r.dtclm_name ?? ''),
    clmVersion: formatted(r, 'dtclm_clmversion'),
    lastSynced: formatted(r, 'dtclm_lastsyncedon'),
    triggerEntity: String(r.dtclm_triggerentity ?? ''),
    active: r.statecode === 0,
    mappingState: typeof r.dtclm_mappingstate === 'number' ? (MAPPING_STATES[r.dtclm_mappingstate] ?? 'unchecked') : 'unchecked',
    mappingErrors: String(r.dtclm_mappingerrors ?? '')
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean),
  }));
}
