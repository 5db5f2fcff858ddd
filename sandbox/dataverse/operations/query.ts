/**
 * The shared middle of every read: the rows the caller may read, then $filter, then $orderby.
 * Paging and $top are left to the caller (a collection, or an expanded collection).
 */
import type { QueryOptions } from '../odata/ast';
import { compileFilter, compareForSort, type EvaluationContext } from '../odata/evaluate';
import { requireAttribute } from '../odata/properties';
import type { TableInfo } from '../schema/catalog';
import type { Row } from '../store/store';
import { relatedRows } from './related';
import type { Scope } from './scope';

/** What `$filter`'s user, team, business unit and date functions, and its lambdas, are evaluated against. */
export const filterContextOf = (scope: Scope): EvaluationContext => ({
  userId: scope.caller.systemUserId,
  businessUnitId: scope.caller.businessUnitId,
  teamIds: scope.caller.teamIds,
  timeZone: scope.caller.timeZone,
  now: new Date(),
  // A lambda sees the related rows the caller may read, as every other read does.
  related: (nav, row, info) => relatedRows(scope, nav, String(row[info.def.primaryIdAttribute])).filter((r) => scope.access.canRead(nav.target, r)),
});

export function queryRows(scope: Scope, info: TableInfo, candidates: Row[], options: QueryOptions): Row[] {
  const table = info.def.logicalName;
  const matches = options.filter ? compileFilter(scope.catalog, scope.store, info, options.filter, filterContextOf(scope)) : () => true;
  const sorts = (options.orderBy ?? []).map((o) => ({ attr: requireAttribute(info, o.property), descending: o.descending }));
  const rows = candidates.filter((row) => scope.access.canRead(table, row) && matches(row));
  const primary = info.def.primaryIdAttribute;
  return rows.sort((a, b) => {
    for (const s of sorts) {
      const c = compareForSort(a[s.attr.logicalName], b[s.attr.logicalName], s.attr);
      if (c !== 0) return s.descending ? -c : c;
    }
    // Dataverse orders by the primary key when nothing else decides, which keeps paging stable.
    const x = String(a[primary]);
    const y = String(b[primary]);
    return x < y ? -1 : x > y ? 1 : 0;
  });
}
