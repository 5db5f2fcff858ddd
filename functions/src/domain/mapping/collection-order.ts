/**
 * A collection's `orderBy` and `top` applied by the connector itself. Dataverse refuses `$orderby`
 * and `$top` inside a collection's `$expand` whenever a nested `$expand` appears anywhere in the
 * query (0x80060888, "Join tables using OData"), so such a read asks for every row that passes
 * `filter` and orders and cuts them here, the way Dataverse would have: nulls first when ascending
 * (SQL Server), text without regard to case, numbers and dates by value, ties by the row's id.
 */
/** A row of the Web API's JSON (record-graph.ts's JsonRecord; not imported, to keep the modules acyclic). */
type JsonRecord = Record<string, unknown>;

export interface LocalOrder {
  /** The property to order by, as the Web API returns it (`_x_value` for a lookup); none: by id. */
  property?: string;
  descending: boolean;
  top?: number;
  /** The row's primary id, which breaks ties as Dataverse's paging does. */
  idProperty: string;
}

/** `"name desc"` -> `{ property: 'name', descending: true }`. */
export function parseOrderBy(orderBy: string | undefined): { property?: string; descending: boolean } {
  if (!orderBy) return { descending: false };
  const [property, direction] = orderBy.trim().split(/\s+/);
  return { property, descending: direction?.toLowerCase() === 'desc' };
}

type Comparable = string | number | boolean | null;

function comparable(value: unknown): Comparable {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return value.toLowerCase();
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  return String(value);
}

function compareValues(a: unknown, b: unknown): number {
  const x = comparable(a);
  const y = comparable(b);
  if (x === null || y === null) return x === y ? 0 : x === null ? -1 : 1;
  return x < y ? -1 : x > y ? 1 : 0;
}

/** The rows in Dataverse's order, cut to `top`. Returns a new array; the rows themselves are not copied. */
export function orderRows(rows: readonly JsonRecord[], order: LocalOrder): JsonRecord[] {
  const sorted = [...rows].sort((a, b) => {
    if (order.property) {
      const c = compareValues(a[order.property], b[order.property]);
      if (c !== 0) return order.descending ? -c : c;
    }
    return compareValues(a[order.idProperty], b[order.idProperty]);
  });
  return order.top !== undefined ? sorted.slice(0, order.top) : sorted;
}
