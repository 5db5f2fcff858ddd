/**
 * The templates as the admin page lists them, read from Dataverse (`dtclm_templates`,
 * dataverse-model.md) a page at a time: the search is a `$filter` Dataverse runs
 * (`contains(dtclm_name, ...)`, "Filter rows using OData"), the pages follow `@odata.nextLink`
 * (`Prefer: odata.maxpagesize`, "Page results using OData"), so an org with 9,000 templates is
 * searched and paged whole, not through a first page filtered in the browser. The count is
 * Dataverse's `@odata.count`, which stops at 5,000 (then the page says "more than 5,000").
 */
import { MAPPING_STATE_VALUE } from '../../../api/vocabulary/choices';
import { dataverseGet, dataverseUrl, quoted, samePathOf } from '../../lib/dataverse';
import type { DateSettings } from '../../lib/date-settings';
import { whenText } from './run-words';

export type MappingState = 'fits' | 'broken' | 'none' | 'unchecked';

/** dtclm_mappingstate (dataverse-model.md). */
const MAPPING_STATES: Record<number, MappingState> = {
  [MAPPING_STATE_VALUE.fits]: 'fits',
  [MAPPING_STATE_VALUE.broken]: 'broken',
  [MAPPING_STATE_VALUE.none]: 'none',
};

export const TEMPLATES_PER_PAGE = 50;

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

export interface TemplatePage {
  rows: TemplateRow[];
  /** `@odata.count` of the search (at most 5,000). */
  count: number;
  /** More rows match than Dataverse counts (over 5,000). */
  countExceeded: boolean;
  /** The next page's URL, none on the last page. */
  next?: string;
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

/** A term for `contains()`: Dataverse reads `%`, `_` and `[` as LIKE wildcards, so they are bracketed to mean themselves. */
function likeLiteral(term: string): string {
  return term.replace(/[[%_]/g, (c) => `[${c}]`);
}

/** The first page of the templates whose name contains `search` (all when empty), by name. */
export function firstPageUrl(search: string): string {
  const term = search.trim();
  return dataverseUrl('dtclm_templates', {
    $select: COLUMNS.join(','),
    // The id breaks ties between equal names, so paging is stable.
    $orderby: 'dtclm_name,dtclm_templateid',
    $count: 'true',
    $filter: term ? `contains(dtclm_name,${quoted(likeLiteral(term))})` : undefined,
  });
}

/** One template, by id or by exact name (the page's `template=` data). */
export function templateNamedUrl(wanted: string): string {
  const id = wanted.replace(/[{}]/g, '').toLowerCase();
  const byId = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id);
  return dataverseUrl('dtclm_templates', {
    $select: COLUMNS.join(','),
    $top: '1',
    $filter: byId ? `dtclm_templateid eq ${id}` : `dtclm_name eq ${quoted(wanted)}`,
  });
}

export async function loadTemplatePage(url: string, dates: DateSettings): Promise<TemplatePage> {
  const { body } = await dataverseGet<Record<string, unknown> & { value: Array<Record<string, unknown>> }>(url, {
    formatted: true,
    maxPageSize: TEMPLATES_PER_PAGE,
  });
  const rows = body?.value ?? [];
  const next = body?.['@odata.nextLink'];
  return {
    rows: rows.map((r) => toRow(r, dates)),
    count: typeof body?.['@odata.count'] === 'number' ? body['@odata.count'] : rows.length,
    countExceeded: body?.['@Microsoft.Dynamics.CRM.totalrecordcountlimitexceeded'] === true,
    ...(typeof next === 'string' ? { next: samePathOf(next) } : {}),
  };
}

function toRow(r: Record<string, unknown>, dates: DateSettings): TemplateRow {
  return {
    id: String(r.dtclm_templateid),
    name: String(r.dtclm_name ?? ''),
    clmVersion: r.dtclm_clmversion === null || r.dtclm_clmversion === undefined ? '' : String(r.dtclm_clmversion),
    // The same format as every other time on the page (run-words.ts whenText): the user's.
    lastSynced: typeof r.dtclm_lastsyncedon === 'string' ? whenText(r.dtclm_lastsyncedon, dates) : '',
    triggerEntity: String(r.dtclm_triggerentity ?? ''),
    active: r.statecode === 0,
    mappingState: typeof r.dtclm_mappingstate === 'number' ? (MAPPING_STATES[r.dtclm_mappingstate] ?? 'unchecked') : 'unchecked',
    mappingErrors: String(r.dtclm_mappingerrors ?? '')
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean),
  };
}
