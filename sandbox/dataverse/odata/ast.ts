/**
 * The query options the emulator evaluates, in a small tree of its own. The grammar is parsed by
 * @odata/parser (OASIS ABNF); odata/parse.ts turns its tokens into these shapes.
 */
export type Comparison = 'eq' | 'ne' | 'lt' | 'le' | 'gt' | 'ge';

export type Literal =
  | { kind: 'literal'; type: 'string'; value: string }
  | { kind: 'literal'; type: 'guid'; value: string }
  | { kind: 'literal'; type: 'number'; value: number }
  | { kind: 'literal'; type: 'boolean'; value: boolean }
  | { kind: 'literal'; type: 'datetime'; value: string }
  | { kind: 'literal'; type: 'date'; value: string }
  | { kind: 'literal'; type: 'null'; value: null };

/** A property, possibly through single-valued navigation properties (`parentaccountid/name`). */
interface PropertyRef {
  kind: 'property';
  path: string[];
}

export type Operand = Literal | PropertyRef;

export type FilterExpr =
  | { kind: 'and' | 'or'; left: FilterExpr; right: FilterExpr }
  | { kind: 'not'; expr: FilterExpr }
  | { kind: 'compare'; op: Comparison; left: Operand; right: Operand }
  | { kind: 'call'; fn: 'contains' | 'startswith' | 'endswith'; args: Operand[] }
  /** Dataverse query functions: `Microsoft.Dynamics.CRM.In(PropertyName='x',PropertyValues=["a","b"])`, ... */
  | { kind: 'crm'; fn: string; property: string; values: string[] }
  /** `nav/any(x:...)`, `nav/all(x:...)` on a collection-valued navigation property; `any()` has no predicate. */
  | { kind: 'lambda'; op: 'any' | 'all'; navigation: string; predicate?: FilterExpr };

export interface OrderBy {
  property: string;
  descending: boolean;
}

export interface ExpandItem {
  navigation: string;
  options: QueryOptions;
  /** `nav/$ref`: references (`@odata.id`) instead of the related rows. */
  ref?: boolean;
  /** The options as written (`$select=a,b`, `$filter=...`), to write the collection's next link from. */
  raw?: string[];
}

export interface QueryOptions {
  select?: string[];
  filter?: FilterExpr;
  orderBy?: OrderBy[];
  top?: number;
  count?: boolean;
  expand?: ExpandItem[];
  skipToken?: string;
  deltaToken?: string;
}
