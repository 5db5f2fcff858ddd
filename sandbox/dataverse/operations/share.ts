/**
 * Sharing a record, as the Web API's unbound actions do it (learn.microsoft.com, "Sharing and
 * assigning"; the GrantAccess, ModifyAccess and RevokeAccess actions):
 *
 *   POST GrantAccess  { Target: { "@odata.type": "Microsoft.Dynamics.CRM.opportunity", opportunityid },
 *                       PrincipalAccess: { Principal: { "@odata.type": "Microsoft.Dynamics.CRM.systemuser", systemuserid },
 *                                          AccessMask: "ReadAccess, WriteAccess" } }
 *   POST ModifyAccess { Target, PrincipalAccess }      (replaces the principal's rights)
 *   POST RevokeAccess { Target, Revokee: { "@odata.type": ..., systemuserid | teamid } }
 *
 * The caller needs prvShare on the table and ShareAccess on the record, and may grant only rights
 * they hold on it. The share cascades to child rows along relationships whose Share (Unshare for a
 * revoke) cascades, as inherited rights; "if the caller does not have share privileges for those
 * entity types ... the child records are not shared" (GrantAccessRequest, notes for callers).
 * Each answers 204 No Content.
 */
import { badRequest, ErrorCodes, notFound, DataverseError } from '../errors';
import type { TableInfo } from '../schema/catalog';
import { normalizeId, type Row } from '../store/store';
import { emptyResponse, readJson, type ApiRequest, type ApiResponse } from '../http/types';
import { privilegeDepth } from '../security/caller';
import { ACTION_FOR_RIGHT, formatAccessMask, parseAccessMask } from '../security/access-rights';
import { getShare, putShare, type PrincipalType } from '../security/shares';
import { cascadeChildren } from './cascade';
import { locate, outOfReach } from './locate';
import { parseKey, splitPath } from '../odata/path';
import type { Scope } from './scope';

export const SHARING_ACTIONS = ['GrantAccess', 'ModifyAccess', 'RevokeAccess'] as const;
export type SharingAction = (typeof SHARING_ACTIONS)[number];

interface Principal {
  id: string;
  type: PrincipalType;
}

export function shareAction(scope: Scope, action: SharingAction, req: ApiRequest): ApiResponse {
  const body = readJson(req) as Record<string, unknown>;
  const target = targetRow(scope, body.Target, 'Target');
  scope.access.requireOnRow(target.info.def.logicalName, 'share', target.row);
  if (action === 'RevokeAccess') {
    const revokee = principalOf(scope, body.Revokee, 'Revokee');
    scope.store.transaction(() => revoke(scope, target.info, target.row, revokee));
    return emptyResponse(204);
  }
  const principalAccess = body.PrincipalAccess as Record<string, unknown> | undefined;
  if (!principalAccess || typeof principalAccess !== 'object') throw badRequest(`${action} needs the parameter PrincipalAccess.`, ErrorCodes.invalidArgument);
  const principal = principalOf(scope, principalAccess.Principal, 'PrincipalAccess.Principal');
  const mask = parseAccessMask(principalAccess.AccessMask, 'PrincipalAccess');
  assertHolds(scope, target.info, target.row, mask);
  scope.store.transaction(() => grant(scope, target.info, target.row, principal, mask, action === 'ModifyAccess'));
  return emptyResponse(204);
}

function grant(scope: Scope, info: TableInfo, row: Row, principal: Principal, mask: number, replace: boolean): void {
  const id = String(row[info.def.primaryIdAttribute]);
  const current = getShare(scope.store, id, principal.id);
  const explicit = replace ? mask : (current?.explicit ?? 0) | mask;
  putShare(scope.store, {
    objectId: id,
    objectTable: info.def.logicalName,
    principalId: principal.id,
    principalType: principal.type,
    explicit,
    inherited: current?.inherited ?? 0,
  });
  inheritDown(scope, info, row, principal, mask, replace);
}

/** Hands the rights down to the children (and theirs) as inherited rights. */
function inheritDown(scope: Scope, info: TableInfo, row: Row, principal: Principal, mask: number, replace: boolean): void {
  for (const children of cascadeChildren(scope, info, row, 'cascadeShare')) {
    if (!privilegeDepth(scope.caller, children.info.def.logicalName, 'share')) continue;
    for (const child of children.rows) {
      const childId = String(child[children.info.def.primaryIdAttribute]);
      const current = getShare(scope.store, childId, principal.id);
      const inherited = replace ? mask : (current?.inherited ?? 0) | mask;
      putShare(scope.store, {
        objectId: childId,
        objectTable: children.info.def.logicalName,
        principalId: principal.id,
        principalType: principal.type,
        explicit: current?.explicit ?? 0,
        inherited,
      });
      inheritDown(scope, children.info, child, principal, mask, replace);
    }
  }
}

function revoke(scope: Scope, info: TableInfo, row: Row, principal: Principal): void {
  const id = String(row[info.def.primaryIdAttribute]);
  const current = getShare(scope.store, id, principal.id);
  if (current) putShare(scope.store, { ...current, explicit: 0 });
  revokeDown(scope, info, row, principal);
}

/** Removing the parent's share removes what the children inherited from it; their own shares stay. */
function revokeDown(scope: Scope, info: TableInfo, row: Row, principal: Principal): void {
  for (const children of cascadeChildren(scope, info, row, 'cascadeUnshare')) {
    if (!privilegeDepth(scope.caller, children.info.def.logicalName, 'share')) continue;
    for (const child of children.rows) {
      const current = getShare(scope.store, String(child[children.info.def.primaryIdAttribute]), principal.id);
      if (current) putShare(scope.store, { ...current, inherited: 0 });
      revokeDown(scope, children.info, child, principal);
    }
  }
}

/** One may share only the rights one holds on the record (Dataverse's SecLib::GrantAccess check). */
function assertHolds(scope: Scope, info: TableInfo, row: Row, mask: number): void {
  for (let bit = 1; bit <= mask; bit <<= 1) {
    if (!(mask & bit)) continue;
    const action = ACTION_FOR_RIGHT[bit];
    if (action && !scope.access.can(info.def.logicalName, action, row)) {
      throw new DataverseError(
        403,
        ErrorCodes.privilegeDenied,
        `SecLib::GrantAccess failed: the caller (Id=${scope.caller.systemUserId}) does not hold ${formatAccessMask(bit)} on ${info.def.logicalName} With Id = ${String(row[info.def.primaryIdAttribute])}, so cannot share it.`,
      );
    }
  }
}

/** An entity-typed parameter: `{ "@odata.type": "Microsoft.Dynamics.CRM.x", xid }` or `{ "@odata.id": "xs(id)" }`. */
function targetRow(scope: Scope, value: unknown, parameter: string): { info: TableInfo; row: Row } {
  if (!value || typeof value !== 'object')
    throw badRequest(
      `The parameter ${parameter} is required: { "@odata.type": "Microsoft.Dynamics.CRM.<table>", "<table>id": "<guid>" }.`,
      ErrorCodes.invalidArgument,
    );
  const ref = value as Record<string, unknown>;
  if (typeof ref['@odata.id'] === 'string') {
    const path = ref['@odata.id'].replace(/^.*\/api\/data\/v[\d.]+\//, '');
    const [seg] = splitPath(path);
    const info = seg ? scope.catalog.byEntitySet(seg.name) : undefined;
    if (!info || !seg.key) throw badRequest(`${parameter}: '${ref['@odata.id']}' does not name a record.`, ErrorCodes.invalidArgument);
    return readable(scope, info, locate(scope.store, info, parseKey(seg.key)).row, seg.key);
  }
  const type = typeof ref['@odata.type'] === 'string' ? ref['@odata.type'].replace(/^#?Microsoft\.Dynamics\.CRM\./, '') : undefined;
  const info = type ? scope.catalog.tables.get(type) : undefined;
  if (!info) throw badRequest(`${parameter} must carry "@odata.type": "Microsoft.Dynamics.CRM.<table>" of a table that exists.`, ErrorCodes.invalidArgument);
  const id = ref[info.def.primaryIdAttribute];
  if (typeof id !== 'string') throw badRequest(`${parameter} must carry the record's id in ${info.def.primaryIdAttribute}.`, ErrorCodes.invalidArgument);
  return readable(scope, info, scope.store.get(info.def.logicalName, id), id);
}

/** A record the caller may not read is refused as any access to it is (the access check, 403). */
function readable(scope: Scope, info: TableInfo, row: Row | undefined, id: string): { info: TableInfo; row: Row } {
  if (!row) throw notFound(info.def.logicalName, id);
  if (!scope.access.canRead(info.def.logicalName, row)) throw outOfReach(row, info, scope.access, 'ReadAccess');
  return { info, row };
}

function principalOf(scope: Scope, value: unknown, parameter: string): Principal {
  const { info, row } = targetRow(scope, value, parameter);
  const type = info.def.logicalName;
  if (type !== 'systemuser' && type !== 'team') throw badRequest(`${parameter} must be a systemuser or a team, not a ${type}.`, ErrorCodes.invalidArgument);
  return { id: normalizeId(String(row[info.def.primaryIdAttribute])), type };
}
