/**
 * RetrieveUserPrivileges, the function bound to a systemuser that lists the privileges the user
 * holds through their roles (Microsoft, "RetrieveUserPrivileges Function"; its answer is a
 * RetrieveUserPrivilegesResponse of RolePrivilege: Depth, PrivilegeId, BusinessUnitId, PrivilegeName):
 *
 *   GET systemusers(id)/Microsoft.Dynamics.CRM.RetrieveUserPrivileges()
 *   -> { "RolePrivileges": [{ "Depth": "Global", "PrivilegeName": "prvReadOpportunity", ... }] }
 *
 * Roles held through a team count, as they do for every privilege check but impersonation. A role
 * granting every table ('*': System Administrator) lists each table's privileges.
 */
import type { PrivilegeAction, PrivilegeDepth, RoleDef } from '../model/security-types';
import { badRequest } from '../errors';
import type { TableInfo } from '../schema/catalog';
import type { Row } from '../store/store';
import { jsonResponse, type ApiResponse } from '../http/types';
import { buildCaller, privilegeDepth } from '../security/caller';
import { privilegeActions, privilegeId, privilegeName } from '../security/privilege-names';
import type { Scope } from './scope';

export const RETRIEVE_USER_PRIVILEGES = 'Microsoft.Dynamics.CRM.RetrieveUserPrivileges';

interface RolePrivilege {
  Depth: PrivilegeDepth;
  PrivilegeId: string;
  BusinessUnitId: string | null;
  PrivilegeName: string;
  RecordFilterId: null;
  RecordFilterUniqueName: null;
}

export function retrieveUserPrivileges(scope: Scope, roles: RoleDef[], info: TableInfo, user: Row): ApiResponse {
  if (info.def.logicalName !== 'systemuser') throw badRequest(`RetrieveUserPrivileges is bound to systemuser, not ${info.def.logicalName}.`);
  const held = buildCaller(scope.store, roles, user);
  const entry = (name: string, depth: PrivilegeDepth): RolePrivilege => ({
    Depth: depth,
    PrivilegeId: privilegeId(name),
    BusinessUnitId: held.businessUnitId ?? null,
    PrivilegeName: name,
    RecordFilterId: null,
    RecordFilterUniqueName: null,
  });
  const privileges: RolePrivilege[] = [];
  for (const table of scope.catalog.tables.values()) {
    for (const action of privilegeActions(table.def) as PrivilegeAction[]) {
      const depth = privilegeDepth(held, table.def.logicalName, action);
      if (depth) privileges.push(entry(privilegeName(table.def, action), depth));
    }
  }
  for (const misc of held.miscPrivileges) privileges.push(entry(misc, 'Global'));
  return jsonResponse(200, {
    '@odata.context': `${scope.apiUrl}$metadata#Microsoft.Dynamics.CRM.RetrieveUserPrivilegesResponse`,
    RolePrivileges: privileges,
  });
}
