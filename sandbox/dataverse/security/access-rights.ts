/**
 * Dataverse's AccessRights flags (Microsoft.Dynamics.CRM.AccessRights): what a share grants on one
 * record. On the wire (GrantAccess, RetrievePrincipalAccess) they are an OData enum-flags string,
 * `"ReadAccess, WriteAccess"`; in principalobjectaccess they are the integer mask.
 */
import type { PrivilegeAction } from '../model/security-types';
import { badRequest, ErrorCodes } from '../errors';

export const ACCESS_RIGHTS = {
  ReadAccess: 1,
  WriteAccess: 2,
  AppendAccess: 4,
  AppendToAccess: 16,
  CreateAccess: 32,
  DeleteAccess: 65536,
  ShareAccess: 262144,
  AssignAccess: 524288,
} as const;

type AccessRightName = keyof typeof ACCESS_RIGHTS;

/** The right a share must carry for a privilege check on a record to pass through it. */
export const RIGHT_FOR_ACTION: Record<PrivilegeAction, number> = {
  read: ACCESS_RIGHTS.ReadAccess,
  write: ACCESS_RIGHTS.WriteAccess,
  append: ACCESS_RIGHTS.AppendAccess,
  appendTo: ACCESS_RIGHTS.AppendToAccess,
  create: ACCESS_RIGHTS.CreateAccess,
  delete: ACCESS_RIGHTS.DeleteAccess,
  share: ACCESS_RIGHTS.ShareAccess,
  assign: ACCESS_RIGHTS.AssignAccess,
};

export const ACTION_FOR_RIGHT = Object.fromEntries(Object.entries(RIGHT_FOR_ACTION).map(([action, bit]) => [bit, action as PrivilegeAction])) as Record<
  number,
  PrivilegeAction
>;

/** `"ReadAccess, WriteAccess"` (or `"None"`) -> mask; an unknown member is Dataverse's 400. */
export function parseAccessMask(value: unknown, parameter: string): number {
  if (typeof value !== 'string') {
    throw badRequest(`${parameter}.AccessMask must be a string of AccessRights members, e.g. "ReadAccess, WriteAccess".`, ErrorCodes.invalidArgument);
  }
  let mask = 0;
  for (const raw of value.split(',')) {
    const name = raw.trim().replace(/^Microsoft\.Dynamics\.CRM\.AccessRights'(.*)'$/, '$1');
    if (name === 'None' || name === '') continue;
    const bit = (ACCESS_RIGHTS as Record<string, number>)[name];
    if (bit === undefined) {
      throw badRequest(`The value '${raw.trim()}' is not a valid member of the enum type 'Microsoft.Dynamics.CRM.AccessRights'.`, ErrorCodes.invalidArgument);
    }
    mask |= bit;
  }
  return mask;
}

/** mask -> `"ReadAccess, WriteAccess"` in the flags' order, `"None"` for 0. */
export function formatAccessMask(mask: number): string {
  const names = (Object.entries(ACCESS_RIGHTS) as [AccessRightName, number][]).filter(([, bit]) => (mask & bit) !== 0).map(([name]) => name);
  return names.length ? names.join(', ') : 'None';
}
