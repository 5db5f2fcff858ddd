/**
 * What Dataverse asks of the caller before it associates or disassociates two rows of an N:N
 * relationship (a 1:N `$ref` is an update of the lookup, checked by write.ts: Write, Append,
 * AppendTo):
 *
 * - Microsoft's "Associate message privileges" and "Disassociate message privileges" (the
 *   AssociateRequest / DisassociateRequest tables): prvAppend on the primary row (the one in the
 *   URL) and prvAppendTo on the secondary one (the one in `@odata.id`), at a depth that reaches them.
 * - Security roles (`systemuserroles_association`, `teamroles_association`): assigning or removing
 *   one needs prvAppend on the user or team, and prvReadRole and prvAssignRole (the Assign
 *   privilege of the Security Role table, as
 *   "Assign custom security role to an administrative user to prevent privilege elevation" sets it
 *   up), and the caller may only hand out what they hold themselves: every privilege of the role,
 *   at least as deep, and its miscellaneous privileges ("they can only assign and remove roles that
 *   they themselves have ... the access permissions that make up the security role"). A user
 *   without roles therefore cannot give themselves one.
 * The refusals are Dataverse's privilege error (0x80040220), naming the privilege that is missing.
 */
import type { PrivilegeAction, PrivilegeDepth, RoleDef } from '../model/security-types';
import { DataverseError, ErrorCodes } from '../errors';
import { privilegeDepth } from '../security/caller';
import type { ManyToManyNav, TableInfo } from '../schema/catalog';
import { normalizeId, type Row } from '../store/store';
import type { Scope } from './scope';

/** The N:N relationships through which a security role is assigned to a principal. */
const ROLE_ASSIGNMENTS = new Set(['systemuserroles_association', 'teamroles_association']);

const DEPTH_RANK: Record<PrivilegeDepth, number> = { Basic: 1, Local: 2, Deep: 3, Global: 4 };

export interface AssociatedRow {
  info: TableInfo;
  row: Row;
}

export function requireAssociatePrivileges(
  scope: Scope,
  roles: readonly RoleDef[],
  nav: ManyToManyNav,
  primary: AssociatedRow,
  secondary: AssociatedRow,
): void {
  if (!ROLE_ASSIGNMENTS.has(nav.relationship.schemaName)) {
    scope.access.requireOnRow(primary.info.def.logicalName, 'append', primary.row);
    scope.access.requireOnRow(secondary.info.def.logicalName, 'appendTo', secondary.row);
    return;
  }
  // Whichever side the request starts from: Append on the user or team, Read and Assign on the role
  // (Microsoft's "App profile manager" roles list them so: prvReadUser, prvAppendUser, prvReadRole, prvAssignRole).
  const [role, principal] = primary.info.def.logicalName === 'role' ? [primary, secondary] : [secondary, primary];
  scope.access.requireOnRow(principal.info.def.logicalName, 'append', principal.row);
  scope.access.requireOnRow('role', 'read', role.row);
  scope.access.requireOnRow('role', 'assign', role.row);
  requireHoldsEverythingOf(scope, roles, String(role.row[role.info.def.primaryIdAttribute]));
}

/** The caller must hold each privilege of the role at its depth or deeper: no one hands out more than they have. */
function requireHoldsEverythingOf(scope: Scope, roles: readonly RoleDef[], roleId: string): void {
  const def = roles.find((r) => normalizeId(r.roleId) === normalizeId(roleId));
  if (!def) return; // a role the environment knows no privileges of grants nothing
  for (const [table, grants] of Object.entries(def.privileges)) {
    for (const [action, depth] of Object.entries(grants) as [PrivilegeAction, PrivilegeDepth][]) {
      const held = privilegeDepth(scope.caller, table, action);
      if (!held || DEPTH_RANK[held] < DEPTH_RANK[depth]) throw scope.access.missing(table === '*' ? 'role' : table, action);
    }
  }
  for (const misc of def.miscPrivileges ?? []) {
    if (!scope.caller.miscPrivileges.has(misc)) {
      throw new DataverseError(
        403,
        ErrorCodes.privilegeDenied,
        `Principal user (Id=${scope.caller.systemUserId}, type=8, roleCount=${scope.caller.roleIds.size}, privilegeDepth=None), is missing ${misc} privilege.`,
      );
    }
  }
}
