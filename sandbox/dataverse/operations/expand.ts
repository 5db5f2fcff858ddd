/**
 * $expand: single-valued navigation properties to any depth, collection-valued ones (1:N and N:N)
 * at the first level, each with its own $select/$filter/$orderby/$top. Related rows the caller may
 * not read are left out (a single-valued one comes back null), as Dataverse does.
 */
import type { ExpandItem } from '../odata/ast';
import { badRequest } from '../errors';
import type { TableInfo } from '../schema/catalog';
import { isEntityRef, type Row } from '../store/store';
import { formatRow } from '../format/entity';
import { queryRows } from './query';
import type { Scope } from './scope';
import { relatedRows } from './related';

export function expandInto(scope: Scope, info: TableInfo, row: Row, items: ExpandItem[], out: Record<string, unknown>, depth: number): void {
  const id = String(row[info.def.primaryIdAttribute]);
  for (const item of items) {
    const nav = info.navigation.get(item.navigation);
    if (!nav) throw badRequest(`Could not find a property named '${item.navigation}' on type 'Microsoft.Dynamics.CRM.${info.def.logicalName}'.`);
    const target = scope.catalog.table(nav.target);
    if (nav.kind === 'single') {
      if (item.options.filter || item.options.orderBy || item.options.top !== undefined) {
        throw badRequest(`Only $select and $expand are supported on the single-valued navigation property '${nav.name}'.`);
      }
      const ref = row[nav.attribute];
      const related = isEntityRef(ref) && ref.entity === nav.target ? scope.store.get(nav.target, ref.id) : undefined;
      out[nav.name] = related && scope.access.canRead(nav.target, related) ? formatRow(scope, target, related, item.options, depth + 1) : null;
      continue;
    }
    if (depth > 0) {
      throw badRequest(`Expansion of collection-valued navigation property '${nav.name}' is only supported at the first level of $expand.`);
    }
    if (item.options.expand?.some((e) => target.navigation.get(e.navigation)?.kind !== 'single')) {
      throw badRequest(`Nested $expand inside the collection-valued navigation property '${nav.name}' supports single-valued navigation properties only.`);
    }
    const candidates = relatedRows(scope, nav, id);
    let rows = queryRows(scope, target, candidates, item.options);
    if (item.options.top !== undefined) rows = rows.slice(0, item.options.top);
    out[nav.name] = rows.map((r) => formatRow(scope, target, r, item.options, depth + 1));
  }
}
