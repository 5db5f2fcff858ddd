/**
 * $expand as "Join tables using OData" documents it, once expand-rules.ts accepted the query:
 * - single-valued navigation properties to any depth, with `$select`, `$filter` (a related row that
 *   does not match comes back null) and `$expand`;
 * - collection-valued ones (1:N, N:N). Without a nested `$expand` in the query, the rows are not paged
 *   (up to 5,000, `$orderby`/`$top` applied) and `<name>@odata.nextLink` is the URL of the filtered
 *   collection with the query options and no paging information. With a nested `$expand` anywhere in
 *   the query, each expanded collection is paged at `odata.maxpagesize` (5,000 by default) and its
 *   `<name>@odata.nextLink`, present only when more rows exist, carries a `$skiptoken`.
 * Related rows the caller may not read are left out (a single-valued one comes back null).
 */
import type { ExpandItem, QueryOptions } from '../odata/ast';
import type { TableInfo } from '../schema/catalog';
import { isEntityRef, type Row } from '../store/store';
import { compileFilter } from '../odata/evaluate';
import { filterContextOf, queryRows } from './query';
import type { Scope } from './scope';
import { relatedRows } from './related';
import { nestsExpand } from './expand-rules';
import { pageSizeOf, skipTokenFor } from './paging';
import { encodeQuery } from './links';

/** "up to 5,000 related records can be returned for each expanded collection-valued navigation property". */
const UNPAGED_LIMIT = 5000;

/** format/entity.ts's formatRow, passed in so that the two modules do not import each other. */
export type FormatRow = (scope: Scope, info: TableInfo, row: Row, options: QueryOptions, depth: number) => Record<string, unknown>;

export function expandInto(
  scope: Scope,
  info: TableInfo,
  row: Row,
  items: ExpandItem[],
  out: Record<string, unknown>,
  depth: number,
  formatRow: FormatRow,
): void {
  const id = String(row[info.def.primaryIdAttribute]);
  // Below the first level the query necessarily nests.
  const nested = depth > 0 || nestsExpand(items);
  for (const item of items) {
    const nav = info.navigation.get(item.navigation);
    if (!nav) continue; // validateExpand refused it before any row was read
    if (nav.kind === 'single') {
      const ref = row[nav.attribute];
      // `ownerid` leads to the `principal` base type: the row is the owning systemuser or team,
      // answered with its `@odata.type`.
      const polymorphic = !scope.catalog.tables.has(nav.target);
      const table = polymorphic && isEntityRef(ref) ? ref.entity : nav.target;
      const related = isEntityRef(ref) && ref.entity === table ? scope.store.get(table, ref.id) : undefined;
      const target = scope.catalog.tables.get(table);
      if (!target) {
        out[nav.name] = null;
        continue;
      }
      const visible = related && scope.access.canRead(table, related) && matches(scope, target, related, item);
      if (!visible) out[nav.name] = null;
      else if (item.ref) out[nav.name] = { '@odata.id': `${scope.apiUrl}${target.def.entitySetName}(${String(related[target.def.primaryIdAttribute])})` };
      else {
        const formatted = withoutEtag(formatRow(scope, target, related, item.options, depth + 1));
        out[nav.name] = polymorphic ? { '@odata.type': `#Microsoft.Dynamics.CRM.${table}`, ...formatted } : formatted;
      }
      continue;
    }
    const target = scope.catalog.table(nav.target);
    const rows = queryRows(scope, target, relatedRows(scope, nav, id), item.options);
    const link = (extra: URLSearchParams) => {
      const params = new URLSearchParams((item.raw ?? []).join('&'));
      extra.forEach((v, k) => params.set(k, v));
      const query = encodeQuery(params);
      return `${scope.apiUrl}${info.def.entitySetName}(${id})/${nav.name}${query ? `?${query}` : ''}`;
    };
    if (nested) {
      const pageSize = pageSizeOf(scope);
      out[nav.name] = rows.slice(0, pageSize).map((r) => formatRow(scope, target, r, item.options, depth + 1));
      if (rows.length > pageSize) out[`${nav.name}@odata.nextLink`] = link(new URLSearchParams({ $skiptoken: skipTokenFor(pageSize, 2) }));
    } else {
      const limited = item.options.top !== undefined ? rows.slice(0, item.options.top) : rows;
      out[nav.name] = limited.slice(0, UNPAGED_LIMIT).map((r) => formatRow(scope, target, r, item.options, depth + 1));
      out[`${nav.name}@odata.nextLink`] = link(new URLSearchParams());
    }
  }
}

/** An expanded single-valued row carries no `@odata.etag` in the article's responses (primarycontactid, createdby). */
function withoutEtag(row: Record<string, unknown>): Record<string, unknown> {
  delete row['@odata.etag'];
  return row;
}

function matches(scope: Scope, info: TableInfo, row: Row, item: ExpandItem): boolean {
  return !item.options.filter || compileFilter(scope.catalog, scope.store, info, item.options.filter, filterContextOf(scope))(row);
}
