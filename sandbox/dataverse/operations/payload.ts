/**
 * A create/update body -> attribute values to store. Columns are checked against their type and
 * limits the way Dataverse validates them; lookups are set only through `nav@odata.bind`
 * (entity set + key, an absolute URL, or a `$n` Content-ID reference in a change set).
 */
import type { AttributeDef } from '../../../solution/model/types';
import type { SeedValue } from '../model/security-types';
import { DataverseError, ErrorCodes, badRequest, notFound, segmentNotFound } from '../errors';
import { parseKey, splitPath } from '../odata/path';
import { isLookupType, type TableInfo } from '../schema/catalog';
import type { Row } from '../store/store';
import { locate } from './locate';
import type { Scope } from './scope';

export function readPayload(scope: Scope, info: TableInfo, body: unknown, mode: 'create' | 'update'): Row {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw badRequest('The request body must be a JSON object.');
  const table = info.def.logicalName;
  const values: Row = {};
  for (const [key, raw] of Object.entries(body as Record<string, unknown>)) {
    const at = key.indexOf('@');
    if (at >= 0) {
      const property = key.slice(0, at);
      const annotation = key.slice(at + 1);
      if (annotation !== 'odata.bind' || property === '') continue; // other annotations (@odata.type, echoes) carry no data
      const nav = info.navigation.get(property);
      if (!nav || nav.kind !== 'single') {
        throw badRequest(
          `An undeclared property '${property}' which only has property annotations in the payload but no property value was found in the payload. In OData, only declared navigation properties and declared named streams can be represented as properties without values.`,
        );
      }
      if (raw === null) {
        values[nav.attribute] = null;
        continue;
      }
      if (typeof raw !== 'string') throw badRequest(`The value of '${key}' must be a URL string.`);
      values[nav.attribute] = resolveBind(scope, nav.target, raw);
      continue;
    }
    // "You can remove a reference to a single-valued navigation property when updating by setting the
    // value to null ... just use the name of the single-valued navigation property" (Associate and
    // disassociate tables using the Web API).
    const single = info.navigation.get(key);
    if (raw === null && single?.kind === 'single') {
      values[single.attribute] = null;
      continue;
    }
    const attr = info.attributes.get(key);
    if (!attr) {
      throw badRequest(
        `The property '${key}' does not exist on type 'Microsoft.Dynamics.CRM.${table}'. Make sure to only use property names that are defined by the type.`,
      );
    }
    if (isLookupType(attr)) {
      throw badRequest(`Invalid property '${key}' was found in entity 'Microsoft.Dynamics.CRM.${table}'. Set lookups with '<navigation property>@odata.bind'.`);
    }
    if (typeof raw === 'object' && raw !== null) throw invalid(attr, table, JSON.stringify(raw));
    if (attr.isPrimaryId && mode === 'update') continue;
    const computed = mode === 'create' ? attr.isValidForCreate === false : attr.isValidForUpdate === false;
    if (computed && !attr.isPrimaryId) continue; // Dataverse ignores values for columns it computes
    values[attr.logicalName] = convert(scope, info, attr, raw as SeedValue);
  }
  return values;
}

function resolveBind(scope: Scope, expectedTable: string, reference: string): SeedValue {
  let path = reference.trim();
  if (path.startsWith('$')) {
    const target = scope.contentIds?.get(path.slice(1));
    if (!target) throw badRequest(`Content-ID reference '${path}' does not name an earlier request of the change set.`);
    path = target;
  }
  const apiIndex = path.indexOf('/api/data/');
  if (apiIndex >= 0) path = path.slice(apiIndex).replace(/^\/api\/data\/v[\d.]+\//, '');
  const segments = splitPath(path);
  if (segments.length !== 1 || !segments[0].key) throw badRequest(`The reference '${reference}' is not a valid entity URL.`);
  const info = scope.catalog.byEntitySet(segments[0].name);
  if (!info) throw segmentNotFound(segments[0].name);
  // `owner` is polymorphic: Dataverse takes `ownerid@odata.bind` to /systemusers(id) or /teams(id).
  const ownerTarget = expectedTable === 'owner' && (info.def.logicalName === 'systemuser' || info.def.logicalName === 'team');
  if (info.def.logicalName !== expectedTable && !ownerTarget) {
    throw badRequest(`The reference '${reference}' is a '${info.def.logicalName}', not a '${expectedTable}'.`);
  }
  const located = locate(scope.store, info, parseKey(segments[0].key));
  if (!located.row) throw notFound(info.def.logicalName, located.id ?? segments[0].key);
  return { entity: info.def.logicalName, id: String(located.row[info.def.primaryIdAttribute]).toLowerCase() };
}

function invalid(attr: AttributeDef, table: string, value: unknown): DataverseError {
  return new DataverseError(
    400,
    ErrorCodes.invalidArgument,
    `Cannot convert the literal '${String(value)}' to the expected type of '${attr.logicalName}' on '${table}'.`,
  );
}

function convert(scope: Scope, info: TableInfo, attr: AttributeDef, value: SeedValue): SeedValue {
  const table = info.def.logicalName;
  if (value === null) return null;
  switch (attr.type) {
    case 'String':
    case 'Memo':
    case 'EntityName':
      if (typeof value !== 'string') throw invalid(attr, table, value);
      if (attr.maxLength !== undefined && value.length > attr.maxLength) {
        throw new DataverseError(
          400,
          '0x80044331',
          `A validation error occurred. The length of the '${attr.logicalName}' attribute of the '${table}' entity exceeded the maximum allowed length of '${attr.maxLength}'.`,
        );
      }
      return value;
    case 'Integer':
    case 'BigInt':
      if (typeof value !== 'number' || !Number.isInteger(value)) throw invalid(attr, table, value);
      return value;
    case 'Decimal':
    case 'Double':
    case 'Money':
      if (typeof value !== 'number') throw invalid(attr, table, value);
      return value;
    case 'Boolean':
      if (typeof value !== 'boolean') throw invalid(attr, table, value);
      return value;
    case 'Picklist':
    case 'State':
    case 'Status': {
      if (typeof value !== 'number') throw invalid(attr, table, value);
      const options = scope.catalog.options(attr);
      if (options && !options.options.some((o) => o.value === value)) {
        throw new DataverseError(
          400,
          '0x8004431a',
          `A validation error occurred. The value ${value} of '${attr.logicalName}' on record of type '${table}' is outside the valid range.`,
        );
      }
      return value;
    }
    case 'DateTime': {
      if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) throw invalid(attr, table, value);
      if (attr.dateTimeBehavior === 'DateOnly') return value.slice(0, 10);
      return toDataverseInstant(value);
    }
    case 'Uniqueidentifier':
      if (typeof value !== 'string') throw invalid(attr, table, value);
      return value.toLowerCase();
    case 'File':
      throw badRequest(`The file column '${attr.logicalName}' is set by uploading to '${info.def.entitySetName}(id)/${attr.logicalName}'.`);
    default:
      return value;
  }
}

/** Dataverse stores date-times to the second and returns them as `YYYY-MM-DDTHH:mm:ssZ`. */
export function toDataverseInstant(value: string | Date): string {
  const d = typeof value === 'string' ? new Date(value) : value;
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
