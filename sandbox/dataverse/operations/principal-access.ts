/**
 * RetrievePrincipalAccess, the function bound to a systemuser or team that answers what rights the
 * principal holds on one record, from its roles (at their depth) and from shares:
 *
 *   GET systemusers(id)/Microsoft.Dynamics.CRM.RetrievePrincipalAccess(Target=@tid)?@tid={'@odata.id':'contacts(id)'}
 *   -> { "@odata.context": "...#Microsoft.Dynamics.CRM.RetrievePrincipalAccessResponse", "AccessRights": "ReadAccess, WriteAccess" }
 */
import type { RoleDef } from '../model/security-types';
import { badRequest, ErrorCodes, notFound } from '../errors';
import { parseKey, splitPath } from '../odata/path';
import type { TableInfo } from '../schema/catalog';
import { normalizeId, type Row } from '../store/store';
import { jsonResponse, type ApiRequest, type ApiResponse } from '../http/types';
import { Access } from '../security/access';
import { buildCaller, grantedBy, privilegeDepth, refId, type Caller } from '../security/caller';
import { ACCESS_RIGHTS, formatAccessMask, RIGHT_FOR_ACTION } from '../security/access-rights';
import { PRIVILEGE_ACTIONS } from '../../../solution/model/types';
import { locate } from './locate';
import type { Scope } from './scope';

export const RETRIEVE_PRINCIPAL_ACCESS = 'Microsoft.Dynamics.CRM.RetrievePrincipalAccess';

export function retrievePrincipalAccess(
  scope: Scope,
  roles: RoleDef[],
  info: TableInfo,
  principal: Row,
  parameters: string | undefined,
  req: ApiRequest,
): ApiResponse {
  const table = info.def.logicalName;
  if (table !== 'systemuser' && table !== 'team') throw badRequest(`RetrievePrincipalAccess is bound to systemuser or team, not ${table}.`);
  const target = targetOf(scope, parameters, req.query);
  const access = new Access(
    scope.catalog,
    scope.store,
    table === 'systemuser' ? buildCaller(scope.store, roles, principal) : teamAsCaller(scope, roles, principal),
  );
  let mask = 0;
  for (const action of PRIVILEGE_ACTIONS) if (access.can(target.info.def.logicalName, action, target.row)) mask |= RIGHT_FOR_ACTION[action];
  // Create is a table right: it shows when the principal may create rows of the table at all.
  if (!(mask & ACCESS_RIGHTS.CreateAccess) && privilegeDepth(access.caller, target.info.def.logicalName, 'create')) mask |= ACCESS_RIGHTS.CreateAccess;
  return jsonResponse(200, {
    '@odata.context': `${scope.apiUrl}$metadata#Microsoft.Dynamics.CRM.RetrievePrincipalAccessResponse`,
    AccessRights: formatAccessMask(mask),
  });
}

/** `Target=@tid` with `@tid={'@odata.id':'contacts(id)'}` (single or double quotes), or the object inline. */
function targetOf(scope: Scope, parameters: string | undefined, query: URLSearchParams): { info: TableInfo; row: Row } {
  const m = /^\s*Target\s*=\s*(.+)$/s.exec(parameters ?? '');
  if (!m) throw badRequest("RetrievePrincipalAccess needs its parameter: (Target=@tid)?@tid={'@odata.id':'<entityset>(<id>)'}.");
  const raw = m[1].startsWith('@') ? query.get(m[1]) : m[1];
  let ref: unknown;
  try {
    ref = JSON.parse((raw ?? '').replace(/'/g, '"'));
  } catch {
    throw badRequest(`The parameter Target '${raw ?? m[1]}' is not valid JSON: {'@odata.id':'<entityset>(<id>)'}.`);
  }
  const url = (ref as Record<string, unknown> | null)?.['@odata.id'];
  if (typeof url !== 'string') throw badRequest("The parameter Target must be {'@odata.id':'<entityset>(<id>)'}.");
  const [seg] = splitPath(url.replace(/^.*\/api\/data\/v[\d.]+\//, ''));
  const info = seg ? scope.catalog.byEntitySet(seg.name) : undefined;
  if (!info || !seg.key) throw badRequest(`The parameter Target '${url}' does not name a record.`, ErrorCodes.invalidArgument);
  const row = locate(scope.store, info, parseKey(seg.key)).row;
  if (!row) throw notFound(info.def.logicalName, seg.key);
  return { info, row };
}

/** A team as a principal: the roles the team holds, its business unit, and itself as owner. */
function teamAsCaller(scope: Scope, roles: RoleDef[], team: Row): Caller {
  const teamId = normalizeId(String(team.teamid));
  const roleIds = new Set(
    scope.store
      .all('teamroles')
      .filter((r) => refId(r.teamid) === teamId)
      .map((r) => refId(r.roleid) ?? ''),
  );
  const privileges = grantedBy(roles, roleIds);
  return {
    systemUserId: teamId,
    fullName: String(team.name ?? ''),
    businessUnitId: refId(team.businessunitid),
    teamIds: new Set([teamId]),
    roleIds,
    privileges,
    miscPrivileges: new Set(),
    directMiscPrivileges: new Set(),
    localeId: 1033,
    timeZone: 'UTC',
  };
}
