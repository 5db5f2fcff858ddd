/**
 * Evaluates a parsed $filter on a row, with Dataverse's semantics: string comparisons ignore case
 * (SQL collation), GUIDs compare case-insensitively, dates compare as instants, and a comparison with
 * null is true only for `eq null` / `ne null`.
 */
import type { AttributeDef } from '../../../solution/model/types';
import type { SeedValue } from '../model/security-types';
import type { Catalog, TableInfo } from '../schema/catalog';
import type { Row, Store } from '../store/store';
import { badRequest } from '../errors';
import type { Comparison, FilterExpr, Operand } from './ast';
import { comparableValue, requireAttribute, resolvePath } from './properties';
import { checkQueryFunction, evaluateQueryFunction, type FilterContext } from './query-functions';

type Scalar = string | number | boolean | null;

export function compileFilter(catalog: Catalog, store: Store, info: TableInfo, expr: FilterExpr, ctx: FilterContext): (row: Row) => boolean {
  // Validate property names once, before any row is read, so that a typo is a 400 even on an empty table.
  validate(info, catalog, expr);
  return (row) => evaluate(catalog, store, info, row, expr, ctx);
}

function validate(info: TableInfo, catalog: Catalog, expr: FilterExpr): void {
  const walk = (e: FilterExpr): void => {
    if (e.kind === 'and' || e.kind === 'or') {
      walk(e.left);
      walk(e.right);
    } else if (e.kind === 'not') walk(e.expr);
    else if (e.kind === 'crm') checkQueryFunction(e.fn, functionAttribute(info, e.property));
    else if (e.kind === 'compare' || e.kind === 'call') {
      const operands = e.kind === 'compare' ? [e.left, e.right] : e.args;
      for (const o of operands) if (o.kind === 'property') resolvePath(catalog, emptyStore, info, {}, o.path);
      if (e.kind === 'compare') checkTypes(catalog, info, e.op, e.left, e.right);
    }
  };
  walk(expr);
}

const edmOf = (a: AttributeDef): string => {
  switch (a.type) {
    case 'Uniqueidentifier':
    case 'Lookup':
    case 'Customer':
    case 'Owner':
    case 'File':
      return 'Edm.Guid';
    case 'String':
    case 'Memo':
    case 'EntityName':
      return 'Edm.String';
    case 'Boolean':
      return 'Edm.Boolean';
    case 'DateTime':
      return a.dateTimeBehavior === 'DateOnly' ? 'Edm.Date' : 'Edm.DateTimeOffset';
    default:
      return 'Edm.Int32';
  }
};

const literalEdm: Record<string, string> = {
  string: 'Edm.String',
  guid: 'Edm.Guid',
  number: 'Edm.Int32',
  boolean: 'Edm.Boolean',
  datetime: 'Edm.DateTimeOffset',
  date: 'Edm.Date',
};

const compatible = (column: string, literal: string): boolean =>
  column === literal ||
  (column === 'Edm.Int32' && literal === 'Edm.Int32') ||
  ((column === 'Edm.DateTimeOffset' || column === 'Edm.Date') && (literal === 'Edm.DateTimeOffset' || literal === 'Edm.Date'));

const opNames: Record<Comparison, string> = { eq: 'Equal', ne: 'NotEqual', lt: 'LessThan', le: 'LessThanOrEqual', gt: 'GreaterThan', ge: 'GreaterThanOrEqual' };

/** A column compared with a literal of another type is refused as Dataverse refuses it (e.g. a quoted GUID). */
function checkTypes(catalog: Catalog, info: TableInfo, op: Comparison, left: Operand, right: Operand): void {
  const [prop, lit] = left.kind === 'property' ? [left, right] : [right, left];
  if (prop.kind !== 'property' || lit.kind !== 'literal' || lit.type === 'null') return;
  const { attr } = resolvePath(catalog, emptyStore, info, {}, prop.path);
  const column = edmOf(attr);
  const literal = literalEdm[lit.type];
  if (!compatible(column, literal)) {
    throw badRequest(
      `A binary operator with incompatible types was detected. Found operand types '${column}' and '${literal}' for operator kind '${opNames[op]}'.`,
    );
  }
}

/** A query function's PropertyName is a column's logical name (lookups included) or its `_x_value` form. */
function functionAttribute(info: TableInfo, name: string): AttributeDef {
  return info.attributes.get(name) ?? requireAttribute(info, name);
}

/** resolvePath only reads the store when a navigation step has a row to follow; validation passes none. */
const emptyStore = { get: () => undefined } as unknown as Store;

function evaluate(catalog: Catalog, store: Store, info: TableInfo, row: Row, expr: FilterExpr, ctx: FilterContext): boolean {
  switch (expr.kind) {
    case 'and':
      return evaluate(catalog, store, info, row, expr.left, ctx) && evaluate(catalog, store, info, row, expr.right, ctx);
    case 'or':
      return evaluate(catalog, store, info, row, expr.left, ctx) || evaluate(catalog, store, info, row, expr.right, ctx);
    case 'not':
      return !evaluate(catalog, store, info, row, expr.expr, ctx);
    case 'crm': {
      const attr = functionAttribute(info, expr.property);
      return evaluateQueryFunction(expr.fn, attr, row[attr.logicalName], expr.values, ctx);
    }
    case 'compare': {
      const left = operandValue(catalog, store, info, row, expr.left);
      const right = operandValue(catalog, store, info, row, expr.right);
      return compare(expr.op, left, right);
    }
    case 'call': {
      const [subject, search] = expr.args.map((a) => operandValue(catalog, store, info, row, a));
      if (typeof search.value !== 'string') throw badRequest(`${expr.fn} expects a string literal.`);
      if (typeof subject.value !== 'string') return false;
      const s = subject.value.toLowerCase();
      const q = search.value.toLowerCase();
      return expr.fn === 'contains' ? s.includes(q) : expr.fn === 'startswith' ? s.startsWith(q) : s.endsWith(q);
    }
  }
}

interface Value {
  value: Scalar;
  attr?: AttributeDef;
  literalType?: string;
}

function operandValue(catalog: Catalog, store: Store, info: TableInfo, row: Row, operand: Operand): Value {
  if (operand.kind === 'literal') return { value: operand.value, literalType: operand.type };
  const { attr, value } = resolvePath(catalog, store, info, row, operand.path);
  return { value: (comparableValue(value) ?? null) as Scalar, attr };
}

function compare(op: Comparison, left: Value, right: Value): boolean {
  if (left.value === null || right.value === null) {
    const bothNull = left.value === null && right.value === null;
    return op === 'eq' ? bothNull : op === 'ne' ? !bothNull : false;
  }
  const isDate = left.attr?.type === 'DateTime' || right.attr?.type === 'DateTime' || left.literalType === 'datetime' || right.literalType === 'datetime';
  const a = normalize(left.value, isDate);
  const b = normalize(right.value, isDate);
  switch (op) {
    case 'eq':
      return a === b;
    case 'ne':
      return a !== b;
    case 'lt':
      return a < b;
    case 'le':
      return a <= b;
    case 'gt':
      return a > b;
    case 'ge':
      return a >= b;
  }
}

function normalize(value: Exclude<Scalar, null>, isDate: boolean): string | number | boolean {
  if (isDate && typeof value === 'string') {
    const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
    if (!Number.isNaN(ms)) return ms;
  }
  return typeof value === 'string' ? value.toLowerCase() : value;
}

/** Sort order: nulls first ascending (SQL Server), strings without case, then by primary id for stability. */
export function compareForSort(a: SeedValue | undefined, b: SeedValue | undefined, attr: AttributeDef): number {
  const x = comparableValue(a) ?? null;
  const y = comparableValue(b) ?? null;
  if (x === null || y === null) return x === y ? 0 : x === null ? -1 : 1;
  const nx = normalize(x as Exclude<Scalar, null>, attr.type === 'DateTime');
  const ny = normalize(y as Exclude<Scalar, null>, attr.type === 'DateTime');
  return nx < ny ? -1 : nx > ny ? 1 : 0;
}
