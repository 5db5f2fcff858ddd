/**
 * EntityMetadata.Privileges: the SecurityPrivilegeMetadata of a table (Name, PrivilegeId,
 * PrivilegeType, CanBeBasic/Local/Deep/Global), what a client reads to learn a table's privilege
 * names. Tables without privileges of their own (lines, intersect tables, time zones) have none;
 * organization-owned tables have no Assign or Share and only organization depth.
 */
import type { TableDef } from '../../../solution/model/types';
import { PRIVILEGE_VERBS, privilegeActions, privilegeId, privilegeName } from '../security/privilege-names';
import type { JsonObject } from './labels';

export function privilegesMetadata(table: TableDef): JsonObject[] {
  const owned = table.ownershipType === 'UserOwned';
  return privilegeActions(table).map((action) => {
    const name = privilegeName(table, action);
    return {
      Name: name,
      PrivilegeId: privilegeId(name),
      PrivilegeType: PRIVILEGE_VERBS[action],
      CanBeBasic: owned,
      CanBeLocal: owned,
      CanBeDeep: owned,
      CanBeGlobal: true,
      CanBeEntityReference: false,
      CanBeParentEntityReference: false,
    };
  });
}
