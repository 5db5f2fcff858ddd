/**
 * Dataverse's rules for the `$expand` of one query, checked before any row is read, so that a query
 * is refused whether or not rows match (Microsoft, "Join tables using OData"):
 * - at most 15 `$expand` options, nested ones counted (0x8004430D, "Number of link entities in query
 *   exceeded maximum limit.", the limit FetchXML's link-entity documents for the same join);
 * - a single-valued navigation property takes `$select`, `$filter` and `$expand` only, and when a
 *   nested `$expand` appears anywhere in the query a collection-valued one takes `$select` and
 *   `$filter` only (0x80060888, the message the article quotes);
 * - N:N relationships cannot be nested, nor combined with any other relationship in one query
 *   ("Supported Relationship types for $expand": Combinations with N:N ✘, Only N:N nested ✘).
 */
import { DataverseError, badRequest } from '../errors';
import type { ExpandItem } from '../odata/ast';
import type { Catalog, NavigationProperty, TableInfo } from '../schema/catalog';

const MAX_EXPANDS = 15;

const TOO_MANY_LINK_ENTITIES = '0x8004430D';

const ONLY_SELECT_AND_FILTER =
  'Only $select and $filter clause can be provided while doing $expand on many-to-one relationship or nested one-to-many relationship.';

/** True when a nested `$expand` appears anywhere in the query: expanded collections are then paged. */
export const nestsExpand = (items: readonly ExpandItem[] | undefined): boolean => (items ?? []).some((i) => (i.options.expand?.length ?? 0) > 0);

function count(items: readonly ExpandItem[] | undefined): number {
  return (items ?? []).reduce((n, i) => n + 1 + count(i.options.expand), 0);
}

export function validateExpand(catalog: Catalog, info: TableInfo, items: readonly ExpandItem[] | undefined): void {
  if (!items?.length) return;
  if (count(items) > MAX_EXPANDS) {
    throw new DataverseError(400, TOO_MANY_LINK_ENTITIES, 'Number of link entities in query exceeded maximum limit.');
  }
  const nested = nestsExpand(items);
  const kinds: NavigationProperty['kind'][] = [];
  const walk = (table: TableInfo, list: readonly ExpandItem[], depth: number) => {
    for (const item of list) {
      const nav = table.navigation.get(item.navigation);
      if (!nav) throw badRequest(`Could not find a property named '${item.navigation}' on type 'Microsoft.Dynamics.CRM.${table.def.logicalName}'.`);
      kinds.push(nav.kind);
      if (item.ref && nav.kind !== 'single') throw badRequest('Expand with $ref is only supported on lookup type navigation property.');
      const { orderBy, top } = item.options;
      if ((orderBy || top !== undefined) && (nav.kind === 'single' || nested)) throw badRequest(ONLY_SELECT_AND_FILTER);
      if (nav.kind === 'manyToMany' && (depth > 0 || item.options.expand?.length)) {
        throw badRequest(`The many-to-many navigation property '${nav.name}' cannot be used in a nested $expand.`);
      }
      // A polymorphic target (ownerid: principal) is only known row by row.
      const next = catalog.tables.get(nav.target);
      if (item.options.expand?.length && next) walk(next, item.options.expand, depth + 1);
    }
  };
  walk(info, items, 0);
  if (kinds.includes('manyToMany') && kinds.some((k) => k !== 'manyToMany')) {
    throw badRequest('A many-to-many navigation property cannot be expanded together with other relationships in one query.');
  }
}
