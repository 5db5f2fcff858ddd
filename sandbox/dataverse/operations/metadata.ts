/**
 * Serves the metadata the model helper generates (sandbox/dataverse/metadata) at the Web API's
 * addresses: `EntityDefinitions`, `EntityDefinitions(LogicalName='x')` or `(MetadataId)`,
 * `.../Attributes`, `.../Attributes(LogicalName='y')`, with $select, $filter (eq/ne/and/or/not on
 * top-level properties) and $expand=Attributes($select;$filter).
 */
import { badRequest, DataverseError, ErrorCodes } from '../errors';
import type { FilterExpr, Operand, QueryOptions } from '../odata/ast';
import { parseQueryOptions } from '../odata/parse';
import { parseKey, type Segment } from '../odata/path';
import { jsonResponse, type ApiResponse } from '../http/types';

export type MetadataObject = Record<string, unknown>;

/** What the model helper's generator gives: every entity, one attribute with its OptionSet, the global choices. */
export interface MetadataSource {
  definitions(): MetadataObject[];
  attributeWithOptionSet(entity: string, attribute: string): MetadataObject | undefined;
  globalOptionSets(): MetadataObject[];
}

const CAST = /^Microsoft\.Dynamics\.CRM\.(\w+AttributeMetadata)$/;

export function serveMetadata(apiUrl: string, source: MetadataSource, segments: Segment[], query: URLSearchParams): ApiResponse {
  const options = parseQueryOptions(query);
  const definitions = source.definitions();
  const [root, child, third, fourth] = segments;
  const cast = CAST.exec(third?.name ?? '')?.[1];
  if (root.key && child?.name === 'Attributes' && cast && child.key && fourth) {
    // .../Attributes(x)/Microsoft.Dynamics.CRM.PicklistAttributeMetadata/OptionSet: the option set alone.
    const def = findByKey(definitions, root.key, 'EntityMetadata');
    const attribute = findByKey(def.Attributes as MetadataObject[], child.key, cast);
    const full = source.attributeWithOptionSet(String(def.LogicalName), String(attribute.LogicalName));
    const sub = full?.[fourth.name];
    if (!sub || typeof sub !== 'object') throw new DataverseError(404, ErrorCodes.resourceNotFound, `Resource not found for the segment '${fourth.name}'.`);
    return jsonResponse(200, {
      '@odata.context': `${apiUrl}$metadata#EntityDefinitions('${String(def.LogicalName)}')/Attributes(${String(attribute.MetadataId)})/Microsoft.Dynamics.CRM.${cast}/${fourth.name}/$entity`,
      ...pick(sub as MetadataObject, options.select),
    });
  }
  if (root.key && child?.name === 'Attributes' && cast)
    return serveAttributeCast(apiUrl, source, findByKey(definitions, root.key, 'EntityMetadata'), child.key, cast, options);
  if (third) throw new DataverseError(404, ErrorCodes.resourceNotFound, `Resource not found for the segment '${third.name}'.`);
  const context = `${apiUrl}$metadata#EntityDefinitions`;
  if (!root.key) {
    if (child) throw badRequest('A key is required before a navigation segment of EntityDefinitions.');
    const list = definitions.filter((d) => matches(d, options.filter)).map((d) => shape(d, options));
    return jsonResponse(200, { '@odata.context': `${context}${selectSuffix(options)}`, value: list });
  }
  const def = findByKey(definitions, root.key, 'EntityMetadata');
  if (!child) return jsonResponse(200, { '@odata.context': `${context}${selectSuffix(options)}/$entity`, ...shape(def, options) });
  const collection = def[child.name];
  if (!Array.isArray(collection)) throw new DataverseError(404, ErrorCodes.resourceNotFound, `Resource not found for the segment '${child.name}'.`);
  const items = collection as MetadataObject[];
  const itemContext = `${context}('${String(def.LogicalName)}')/${child.name}`;
  if (child.key) {
    const item = findByKey(items, child.key, 'AttributeMetadata');
    return jsonResponse(200, { '@odata.context': `${itemContext}/$entity`, ...pick(item, options.select) });
  }
  return jsonResponse(200, {
    '@odata.context': `${itemContext}${selectSuffix(options)}`,
    value: items.filter((i) => matches(i, options.filter)).map((i) => pick(i, options.select)),
  });
}

/**
 * `Attributes/Microsoft.Dynamics.CRM.PicklistAttributeMetadata` (all attributes of that type) or
 * `Attributes(LogicalName='x')/Microsoft.Dynamics.CRM.PicklistAttributeMetadata`, where
 * `$expand=OptionSet,GlobalOptionSet` brings the choices.
 */
function serveAttributeCast(
  apiUrl: string,
  source: MetadataSource,
  def: MetadataObject,
  key: string | undefined,
  cast: string,
  options: QueryOptions,
): ApiResponse {
  const entity = String(def.LogicalName);
  const attributes = (def.Attributes as MetadataObject[]).filter((a) => a['@odata.type'] === `#Microsoft.Dynamics.CRM.${cast}`);
  const expanded = new Set((options.expand ?? []).map((e) => e.navigation));
  const shapeOne = (a: MetadataObject): MetadataObject => {
    const full = expanded.size ? (source.attributeWithOptionSet(entity, String(a.LogicalName)) ?? a) : a;
    const out = pick(full, options.select);
    for (const name of expanded) if (name in full) out[name] = full[name];
    return out;
  };
  const context = `${apiUrl}$metadata#EntityDefinitions('${entity}')/Attributes/Microsoft.Dynamics.CRM.${cast}`;
  if (key) {
    const found = findByKey(attributes, key, cast);
    return jsonResponse(200, { '@odata.context': `${context}/$entity`, ...shapeOne(found) });
  }
  return jsonResponse(200, { '@odata.context': context, value: attributes.filter((a) => matches(a, options.filter)).map(shapeOne) });
}

/**
 * `RelationshipDefinitions`, `RelationshipDefinitions(SchemaName='x')` and the casts
 * `/Microsoft.Dynamics.CRM.OneToManyRelationshipMetadata` / `ManyToManyRelationshipMetadata`:
 * every relationship the entities list, once.
 */
export function serveRelationships(apiUrl: string, source: MetadataSource, segments: Segment[], query: URLSearchParams): ApiResponse {
  const options = parseQueryOptions(query);
  const bySchema = new Map<string, MetadataObject>();
  for (const def of source.definitions()) {
    for (const kind of ['OneToManyRelationships', 'ManyToManyRelationships']) {
      for (const r of (def[kind] as MetadataObject[] | undefined) ?? []) bySchema.set(String(r.SchemaName), r);
    }
  }
  let all = [...bySchema.values()];
  const [root, cast] = segments;
  const castType = /^Microsoft\.Dynamics\.CRM\.(\w+RelationshipMetadata)$/.exec(cast?.name ?? '')?.[1];
  if (cast && !castType) throw new DataverseError(404, ErrorCodes.resourceNotFound, `Resource not found for the segment '${cast.name}'.`);
  // OneToManyRelationshipMetadata -> RelationshipType 'OneToManyRelationship'.
  if (castType) all = all.filter((r) => r['@odata.type'] === `#Microsoft.Dynamics.CRM.${castType}` || r.RelationshipType === castType.replace(/Metadata$/, ''));
  const context = `${apiUrl}$metadata#RelationshipDefinitions${castType ? `/Microsoft.Dynamics.CRM.${castType}` : ''}`;
  if (root.key) return jsonResponse(200, { '@odata.context': `${context}/$entity`, ...pick(findByKey(all, root.key, 'RelationshipMetadata'), options.select) });
  return jsonResponse(200, { '@odata.context': context, value: all.filter((r) => matches(r, options.filter)).map((r) => pick(r, options.select)) });
}

/** `GlobalOptionSetDefinitions` and `GlobalOptionSetDefinitions(Name='x')`. */
export function serveGlobalOptionSets(apiUrl: string, source: MetadataSource, segments: Segment[], query: URLSearchParams): ApiResponse {
  const options = parseQueryOptions(query);
  const all = source.globalOptionSets();
  const [root] = segments;
  const context = `${apiUrl}$metadata#GlobalOptionSetDefinitions`;
  if (root.key) return jsonResponse(200, { '@odata.context': `${context}/$entity`, ...pick(findByKey(all, root.key, 'OptionSetMetadata'), options.select) });
  return jsonResponse(200, { '@odata.context': context, value: all.filter((o) => matches(o, options.filter)).map((o) => pick(o, options.select)) });
}

function selectSuffix(options: QueryOptions): string {
  return options.select ? `(${options.select.join(',')})` : '';
}

function findByKey(items: MetadataObject[], keyText: string, kind: string): MetadataObject {
  const key = parseKey(keyText);
  const found =
    key.kind === 'id'
      ? items.find((i) => String(i.MetadataId).toLowerCase() === key.id)
      : items.find((i) => Object.entries(key.values).every(([k, v]) => i[k] === v));
  if (!found) {
    throw new DataverseError(404, ErrorCodes.objectDoesNotExist, `Could not find ${kind} for ${keyText}.`);
  }
  return found;
}

/**
 * Navigation collections (Attributes, relationships, Keys) only appear when expanded, as in
 * Dataverse; a collection of complex values that is a property (Privileges) is selected like any other.
 */
const COMPLEX_COLLECTION_PROPERTIES = new Set(['Privileges']);
function shape(def: MetadataObject, options: QueryOptions): MetadataObject {
  const isNavigation = (k: string, v: unknown) => Array.isArray(v) && v.every((x) => typeof x === 'object') && !COMPLEX_COLLECTION_PROPERTIES.has(k);
  const out = pick(Object.fromEntries(Object.entries(def).filter(([k, v]) => !isNavigation(k, v))), options.select);
  for (const e of options.expand ?? []) {
    const items = def[e.navigation];
    if (!Array.isArray(items)) throw badRequest(`Could not find a property named '${e.navigation}' on type 'Microsoft.Dynamics.CRM.EntityMetadata'.`);
    out[e.navigation] = (items as MetadataObject[]).filter((i) => matches(i, e.options.filter)).map((i) => pick(i, e.options.select));
  }
  return out;
}

function pick(item: MetadataObject, select: string[] | undefined): MetadataObject {
  if (!select) return { ...item };
  const out: MetadataObject = {};
  for (const key of ['@odata.type', 'MetadataId', ...select]) if (key in item) out[key] = item[key];
  return out;
}

function matches(item: MetadataObject, filter: FilterExpr | undefined): boolean {
  if (!filter) return true;
  switch (filter.kind) {
    case 'and':
      return matches(item, filter.left) && matches(item, filter.right);
    case 'or':
      return matches(item, filter.left) || matches(item, filter.right);
    case 'not':
      return !matches(item, filter.expr);
    case 'crm':
      throw badRequest('Query functions are not supported on metadata.');
    case 'lambda':
      throw badRequest('Lambda operators are not supported on metadata.');
    case 'call': {
      const [s, q] = filter.args.map((a) => value(item, a));
      if (typeof s !== 'string' || typeof q !== 'string') return false;
      return filter.fn === 'contains' ? s.includes(q) : filter.fn === 'startswith' ? s.startsWith(q) : s.endsWith(q);
    }
    case 'compare': {
      const a = value(item, filter.left);
      const b = value(item, filter.right);
      switch (filter.op) {
        case 'eq':
          return a === b;
        case 'ne':
          return a !== b;
        default:
          return (
            typeof a === typeof b &&
            a !== null &&
            b !== null &&
            (filter.op === 'lt' ? a! < b! : filter.op === 'le' ? a! <= b! : filter.op === 'gt' ? a! > b! : a! >= b!)
          );
      }
    }
  }
}

function value(item: MetadataObject, operand: Operand): string | number | boolean | null {
  if (operand.kind === 'literal') return operand.value;
  let current: unknown = item;
  for (const step of operand.path) current = (current as Record<string, unknown> | undefined)?.[step];
  // Metadata enum-like values ({ Value: 'Lookup' }) compare by their Value.
  if (current && typeof current === 'object' && 'Value' in current) current = (current as { Value: unknown }).Value;
  return (current ?? null) as string | number | boolean | null;
}
