/**
 * Finds the row a URL key names: the primary key `(guid)`, or an alternate key
 * `(dtclm_clmtemplateid='x')` that must match one of the table's declared keys exactly.
 */
import { accessCheckFailed, DataverseError, ErrorCodes, notFound, type AccessRight } from '../errors';
import type { Access } from '../security/access';
import { refId } from '../security/caller';
import type { Key, KeyValue } from '../odata/path';
import type { TableInfo } from '../schema/catalog';
import type { Row, Store } from '../store/store';
import type { SeedValue } from '../model/security-types';

export interface Located {
  /** The primary id when the key gives it, or the row's id when found by alternate key. */
  id?: string;
  row?: Row;
  /** Attribute values a create by this key must carry (alternate key columns, or the id). */
  keyValues: Record<string, SeedValue>;
}

export function locate(store: Store, info: TableInfo, key: Key): Located {
  const table = info.def.logicalName;
  const primary = info.def.primaryIdAttribute;
  if (key.kind === 'id') {
    const row = store.get(table, key.id);
    return { id: key.id, row, keyValues: { [primary]: key.id } };
  }
  const names = Object.keys(key.values);
  if (names.length === 1 && names[0] === primary && typeof key.values[primary] === 'string') {
    return locate(store, info, { kind: 'id', id: String(key.values[primary]) });
  }
  const attrValues: Record<string, SeedValue> = {};
  for (const [name, value] of Object.entries(key.values)) {
    const lookup = /^_(.+)_value$/.exec(name);
    const attrName = lookup ? lookup[1] : name;
    const attr = info.attributes.get(attrName);
    // Documented: a lookup column in an alternate key is named by its lookup property, `_x_value`.
    if (!lookup && attr && (attr.type === 'Lookup' || attr.type === 'Customer' || attr.type === 'Owner')) {
      throw new DataverseError(
        400,
        ErrorCodes.invalidArgument,
        `The lookup column '${name}' of a key must be written as its lookup property '_${name}_value'.`,
      );
    }
    attrValues[attrName] = value as KeyValue;
  }
  const keyDef = (info.def.alternateKeys ?? []).find((k) => k.attributes.length === names.length && k.attributes.every((a) => a in attrValues));
  if (!keyDef) {
    throw new DataverseError(400, ErrorCodes.invalidArgument, `The key specified ('${names.join(',')}') is not a valid alternate key for entity '${table}'.`);
  }
  const row = store.findByAlternateKey(table, keyDef.logicalName, attrValues);
  const keyValues: Record<string, SeedValue> = {};
  for (const a of keyDef.attributes) {
    const attr = info.attributes.get(a);
    const v = attrValues[a];
    // A lookup in a key is given as its id; store it as a reference to the lookup's (first) target.
    keyValues[a] = attr && attr.targets?.length && typeof v === 'string' ? { entity: attr.targets[0], id: v } : v;
  }
  return { id: row ? String(row[primary]) : undefined, row, keyValues };
}

/**
 * The row a key names, if the caller may read it. Absent: Dataverse's 404 (worded as Dataverse words
 * it for an alternate key). Present but out of reach: the missing privilege (0x80040220) when the
 * caller holds none on the table, else the access-check error (0x80048306).
 */
export function requireRow(located: Located, info: TableInfo, access: Access, right: AccessRight = 'ReadAccess'): Row {
  if (!located.row) throw missing(located, info);
  if (!access.canRead(info.def.logicalName, located.row)) throw outOfReach(located.row, info, access, right);
  return located.row;
}

export function outOfReach(row: Row, info: TableInfo, access: Access, right: AccessRight): DataverseError {
  access.requirePrivilege(info.def.logicalName, 'read');
  return accessCheckFailed({
    objectId: String(row[info.def.primaryIdAttribute]),
    ownerId: refId(row.ownerid) ?? access.caller.systemUserId,
    callingUser: access.caller.systemUserId,
    objectTypeCode: info.def.objectTypeCode,
    businessUnitId: refId(row.owningbusinessunit) ?? access.caller.businessUnitId ?? '',
    right,
  });
}

export function missing(located: Located, info: TableInfo): DataverseError {
  if (located.id) return notFound(info.def.logicalName, located.id);
  return new DataverseError(404, ErrorCodes.objectDoesNotExist, `A record with the specified key values does not exist in ${info.def.logicalName} entity`);
}
