/**
 * Counting rows ("Count rows using OData"): `$count=true` adds `@odata.count`, "up to 5,000, that
 * matches the filter criteria irrespective of the page size requested"; the annotations
 * `Microsoft.Dynamics.CRM.totalrecordcount` (the same count, -1 without `$count=true`) and
 * `totalrecordcountlimitexceeded` (more than 5,000) when `Prefer: odata.include-annotations` asks
 * for them; and `collection/$count`, the number alone as `text/plain`.
 */
import type { QueryOptions } from '../odata/ast';
import type { TableInfo } from '../schema/catalog';
import type { Row } from '../store/store';
import type { ApiResponse } from '../http/types';
import { queryRows } from './query';
import type { Scope } from './scope';

const COUNT_LIMIT = 5000;
const TOTAL = 'Microsoft.Dynamics.CRM.totalrecordcount';
const EXCEEDED = 'Microsoft.Dynamics.CRM.totalrecordcountlimitexceeded';

/** The count annotations of a collection whose filter matched `matched` rows, in the order Dataverse writes them. */
export function countAnnotations(scope: Scope, options: QueryOptions, matched: number): Record<string, number | boolean> {
  const out: Record<string, number | boolean> = {};
  if (options.count) out['@odata.count'] = Math.min(matched, COUNT_LIMIT);
  if (scope.wantsAnnotation(TOTAL)) out[`@${TOTAL}`] = options.count ? Math.min(matched, COUNT_LIMIT) : -1;
  if (scope.wantsAnnotation(EXCEEDED)) out[`@${EXCEEDED}`] = options.count === true && matched > COUNT_LIMIT;
  return out;
}

/** `GET set/$count` (or `set(id)/collection/$count`), with `$filter` if given. */
export function countRows(scope: Scope, info: TableInfo, candidates: Row[], options: QueryOptions): ApiResponse {
  const matched = queryRows(scope, info, candidates, { filter: options.filter }).length;
  return { status: 200, headers: { 'OData-Version': '4.0', 'Content-Type': 'text/plain' }, body: String(Math.min(matched, COUNT_LIMIT)) };
}
