/**
 * Query options from the URL, parsed with @odata/parser and turned into odata/ast.ts shapes.
 * Syntax errors come back as Dataverse's 400 (0x80060888).
 */
import { defaultParser } from '@odata/parser';
import { badRequest, DataverseError } from '../errors';
import type { Comparison, ExpandItem, FilterExpr, Literal, Operand, OrderBy, QueryOptions } from './ast';
import { refuseAliasesInExpand, substituteAliases } from './aliases';
import { extractLambdas, LAMBDA_PLACEHOLDER } from './lambda';

/** The parser's token: a type, a value whose shape depends on the type, and the raw text. */
interface Token {
  type: string;
  value: unknown;
  raw?: string;
}

const asToken = (v: unknown): Token => v as Token;

function parseWith<T>(what: string, text: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof DataverseError) throw e;
    throw badRequest(`Syntax error in ${what}: '${text}'.`);
  }
}

/** Reads `$select`, `$filter`, ... from a URL's search params (names are case-sensitive, as in Dataverse). */
/** System query options Dataverse accepts on these resources; any other `$x` is refused as it refuses it. */
const KNOWN = new Set(['$select', '$filter', '$orderby', '$top', '$count', '$expand', '$skiptoken', '$deltatoken', '$id']);

export function parseQueryOptions(params: URLSearchParams): QueryOptions {
  for (const name of params.keys()) {
    if (name.startsWith('$') && !KNOWN.has(name)) throw badRequest(`The query parameter ${name} is not supported`);
    if (name === 'fetchXml' || name === 'savedQuery' || name === 'userQuery')
      throw badRequest(`The sandbox does not run ${name} queries; use OData query options.`);
  }
  const options: QueryOptions = {};
  const select = params.get('$select');
  if (select !== null) options.select = parseSelect(select);
  // Parameter aliases may stand in $filter and $orderby, "but not inside the $expand option".
  const filter = params.get('$filter');
  if (filter !== null) options.filter = parseWith('$filter', filter, () => parseFilter(percentSafe(substituteAliases(filter, params))));
  const orderby = params.get('$orderby');
  if (orderby !== null) options.orderBy = parseOrderBy(substituteAliases(orderby, params));
  const top = params.get('$top');
  if (top !== null) options.top = parseNonNegative('$top', top);
  const count = params.get('$count');
  if (count !== null) {
    if (count !== 'true' && count !== 'false') throw badRequest(`Invalid value '${count}' for $count query option found.`);
    options.count = count === 'true';
  }
  const expand = params.get('$expand');
  if (expand !== null) {
    refuseAliasesInExpand(expand);
    options.expand = parseExpand(expand);
  }
  const skipToken = params.get('$skiptoken');
  if (skipToken !== null) options.skipToken = skipToken;
  const deltaToken = params.get('$deltatoken');
  if (deltaToken !== null) options.deltaToken = deltaToken;
  return options;
}

function parseNonNegative(name: string, text: string): number {
  if (!/^\d+$/.test(text)) throw badRequest(`Invalid value '${text}' for ${name} query option found.`);
  return Number(text);
}

function parseSelect(text: string): string[] {
  // $select is a plain comma list of property names: validated against the model by the caller.
  const items = text.split(',').map((s) => s.trim());
  if (items.some((s) => !/^[A-Za-z_][A-Za-z0-9_]*$/.test(s) && s !== '*')) throw badRequest(`Syntax error in $select: '${text}'.`);
  return items;
}

/**
 * The URL is percent-decoded once (URLSearchParams), as Dataverse decodes it; what is left is data.
 * @odata/parser reads the ABNF of the encoded URL, where `%27` is a quote: handed `'evt_pc%27t'`
 * it would decode it a second time and end the literal early. So every `%` that is left goes to
 * the parser as `%25`, and string literals turn it back into `%` (literalValue).
 */
function percentSafe(text: string): string {
  return text.replace(/%/g, '%25');
}

/** A string literal's value: the quotes off, `''` as `'`, the `%` percentSafe escaped back. */
function literalValue(quoted: string): string {
  return quoted.replace(/''/g, "'").replace(/%25/g, '%');
}

function parseFilter(text: string): FilterExpr {
  const { text: plain, lambdas } = extractLambdas(text);
  const token = parseWith('$filter', text.replace(/%25/g, '%'), () => asToken(defaultParser.filter(plain)));
  const expr = toFilter(token);
  if (lambdas.length === 0) return expr;
  // Each placeholder becomes its lambda again, the predicate parsed as a filter of the related table.
  const restore = (e: FilterExpr): FilterExpr => {
    if (e.kind === 'and' || e.kind === 'or') return { ...e, left: restore(e.left), right: restore(e.right) };
    if (e.kind === 'not') return { ...e, expr: restore(e.expr) };
    if (e.kind !== 'crm' || e.fn !== LAMBDA_PLACEHOLDER) return e;
    const lambda = lambdas[Number(e.property)];
    return {
      kind: 'lambda',
      op: lambda.op,
      navigation: lambda.navigation,
      predicate: lambda.predicate === undefined ? undefined : parseFilter(lambda.predicate),
    };
  };
  return restore(expr);
}

function parseOrderBy(text: string): OrderBy[] {
  const token = parseWith('$orderby', text, () => asToken(defaultParser.query(`$orderby=${text}`)));
  const option = findOption(token, 'OrderBy');
  return orderByItems(option);
}

function parseExpand(text: string): ExpandItem[] {
  // `nav/$ref` ("Join tables using OData", Return references): the parser does not read it, so the
  // suffix is taken off here and the item marked.
  const refs = new Set<string>();
  const plain = text.replace(/([A-Za-z_][A-Za-z0-9_]*)\/\$ref(?=$|[,)])/g, (_m, nav: string) => (refs.add(nav), nav));
  const token = parseWith('$expand', text, () => asToken(defaultParser.query(`$expand=${plain}`)));
  // Shapes the emulator does not read (`$expand=*`, a type cast) are a 400, never a 500.
  return parseWith('$expand', text, () => expandItems(findOption(token, 'Expand'), refs));
}

function findOption(queryToken: Token, type: string): Token {
  const options = (queryToken.value as { options: Token[] }).options;
  const found = options.find((o) => o.type === type);
  if (!found) throw badRequest(`Syntax error in query option ${type}.`);
  return found;
}

function orderByItems(option: Token): OrderBy[] {
  return (option.value as { items: Token[] }).items.map((item) => {
    const v = item.value as { expr: Token; direction: number };
    const operand = toOperand(v.expr);
    if (operand.kind !== 'property' || operand.path.length !== 1) throw badRequest('$orderby supports properties of the entity only.');
    return { property: operand.path[0], descending: v.direction === -1 };
  });
}

function expandItems(option: Token, refs: ReadonlySet<string> = new Set()): ExpandItem[] {
  return (option.value as { items: Token[] }).items.map((item) => {
    const v = item.value as { path: Token; options?: Token[] };
    const segments = (v.path.value as Token[]).map((s) => (s.value as { name: string }).name);
    if (segments.length !== 1) throw badRequest(`Invalid $expand path '${segments.join('/')}'.`);
    const ref = refs.has(segments[0]);
    const options: QueryOptions = {};
    const raw: string[] = [];
    for (const o of v.options ?? []) {
      if (o.raw) raw.push(o.raw);
      switch (o.type) {
        case 'Select':
          options.select = (o.value as { items: Token[] }).items.map((i) => selectItemName(i));
          break;
        case 'Filter':
          options.filter = toFilter(asToken(o.value));
          break;
        case 'OrderBy':
          options.orderBy = orderByItems(o);
          break;
        case 'Top':
          options.top = Number(asToken(o.value).raw);
          break;
        case 'Expand':
          options.expand = expandItems(o, refs);
          break;
        default:
          throw badRequest(`The query option '${o.type}' is not supported inside $expand.`);
      }
    }
    return { navigation: segments[0], options, raw, ...(ref ? { ref } : {}) };
  });
}

function selectItemName(item: Token): string {
  if (item.raw) return item.raw.trim();
  let t: Token = item;
  while (t && typeof t.value === 'object' && t.value !== null && !('name' in (t.value as object))) t = asToken(t.value);
  return (t.value as { name: string }).name;
}

const comparisons: Record<string, Comparison> = {
  EqualsExpression: 'eq',
  NotEqualsExpression: 'ne',
  LesserThanExpression: 'lt',
  LesserOrEqualsExpression: 'le',
  GreaterThanExpression: 'gt',
  GreaterOrEqualsExpression: 'ge',
};

/** Wrappers that carry no meaning of their own for evaluation. */
const transparent = new Set(['CommonExpression', 'BoolParenExpression', 'ParenExpression', 'BoolCommonExpression']);

function toFilter(token: Token): FilterExpr {
  if (transparent.has(token.type)) return toFilter(asToken(token.value));
  const cmp = comparisons[token.type];
  if (cmp) {
    const v = token.value as { left: Token; right: Token };
    return { kind: 'compare', op: cmp, left: toOperand(v.left), right: toOperand(v.right) };
  }
  switch (token.type) {
    case 'AndExpression':
    case 'OrExpression': {
      const v = token.value as { left: Token; right: Token };
      return { kind: token.type === 'AndExpression' ? 'and' : 'or', left: toFilter(v.left), right: toFilter(v.right) };
    }
    case 'NotExpression':
      return { kind: 'not', expr: toFilter(asToken(token.value)) };
    case 'FunctionExpression':
      return crmFunction(token);
    case 'MethodCallExpression': {
      const v = token.value as { method: string; parameters: Token[] };
      if (v.method !== 'contains' && v.method !== 'startswith' && v.method !== 'endswith') {
        throw badRequest(`The function '${v.method}' is not supported.`);
      }
      return { kind: 'call', fn: v.method, args: v.parameters.map(toOperand) };
    }
    default:
      throw badRequest(`The expression '${token.raw ?? token.type}' is not supported in $filter.`);
  }
}

/** `Microsoft.Dynamics.CRM.<Fn>(PropertyName='x', PropertyValue=v | PropertyValues=["a","b"])`. */
function crmFunction(token: Token): FilterExpr {
  const v = token.value as { fn: Token; params: Token };
  const fn = v.fn.value as { name: string; namespace?: string };
  if (fn.namespace !== 'Microsoft.Dynamics.CRM') throw badRequest(`The function '${v.fn.raw}' is not supported.`);
  let property = '';
  const values: string[] = [];
  for (const p of v.params.value as Token[]) {
    const param = p.value as { name: Token; value: Token };
    const name = (param.name.value as { name: string }).name;
    const inner = asToken(param.value.value);
    const literalText = (t: Token): string => literalValue((t.raw ?? '').replace(/^(['"])(.*)\1$/s, '$2'));
    if (name === 'PropertyName') property = literalText(inner);
    else if (name === 'PropertyValue') values.push(literalText(inner));
    else if (name === 'PropertyValues') values.push(...(inner.value as { items: Token[] }).items.map(literalText));
  }
  if (!property) throw badRequest(`${v.fn.raw} needs a PropertyName.`);
  return { kind: 'crm', fn: fn.name, property, values };
}

function toOperand(token: Token): Operand {
  if (token.type === 'Literal') return toLiteral(token);
  if (token.type === 'Enum') {
    // Metadata enums: Microsoft.Dynamics.CRM.AttributeTypeCode'Picklist' compares as the member name.
    const member = (token.value as { value: Token }).value.raw ?? '';
    return { kind: 'literal', type: 'string', value: member };
  }
  if (transparent.has(token.type) || token.type === 'FirstMemberExpression' || token.type === 'MemberExpression') {
    return toOperand(asToken(token.value));
  }
  if (token.type === 'PropertyPathExpression') return { kind: 'property', path: propertyPath(token) };
  throw badRequest(`The expression '${token.raw ?? token.type}' is not supported in $filter.`);
}

function propertyPath(token: Token): string[] {
  const v = token.value as { name?: string; current?: Token; next?: Token } & Token;
  if (v.current) {
    const head = propertyPath(v.current);
    return v.next ? [...head, ...propertyPath(v.next)] : head;
  }
  if (typeof v.name === 'string') return [v.name];
  if (v.type) return propertyPath(v as Token);
  throw badRequest(`Unsupported property path '${token.raw}'.`);
}

function toLiteral(token: Token): Literal {
  const raw = token.raw ?? '';
  switch (token.value) {
    case 'Edm.String':
      return { kind: 'literal', type: 'string', value: literalValue(raw.slice(1, -1)) };
    case 'Edm.Guid':
      return { kind: 'literal', type: 'guid', value: raw.toLowerCase() };
    case 'Edm.Boolean':
      return { kind: 'literal', type: 'boolean', value: raw.toLowerCase() === 'true' };
    case 'Edm.DateTimeOffset':
      return { kind: 'literal', type: 'datetime', value: raw };
    case 'Edm.Date':
      return { kind: 'literal', type: 'date', value: raw };
    case 'null':
      return { kind: 'literal', type: 'null', value: null };
    case 'Edm.SByte':
    case 'Edm.Byte':
    case 'Edm.Int16':
    case 'Edm.Int32':
    case 'Edm.Int64':
    case 'Edm.Decimal':
    case 'Edm.Double':
    case 'Edm.Single':
      return { kind: 'literal', type: 'number', value: Number(raw.replace(/[mMdDfFlL]$/, '')) };
    default:
      throw badRequest(`Unsupported literal '${raw}' in $filter.`);
  }
}
