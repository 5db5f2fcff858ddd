/**
 * From verified token claims (and the CallerObjectId / MSCRMCallerID headers) to the systemuser a
 * request runs as. An app token maps to the application user whose applicationid is the token's
 * client id; a user token to the systemuser whose azureactivedirectoryobjectid is its oid.
 * Impersonation needs prvActOnBehalfOfAnotherUser; the target must exist and be enabled.
 */
import type { RoleDef } from '../model/security-types';
import type { Row, Store } from '../store/store';
import { normalizeId } from '../store/store';
import { DataverseError, ErrorCodes } from '../errors';
import { buildCaller, intersectPrivileges, type Caller } from '../security/caller';
import type { TokenClaims } from './token';
import { privilegeId } from '../security/privilege-names';

const ACT_ON_BEHALF = 'prvActOnBehalfOfAnotherUser';

export function resolveCaller(store: Store, roles: RoleDef[], claims: TokenClaims, headers: { callerObjectId?: string; mscrmCallerId?: string }): Caller {
  const users = store.all('systemuser');
  const isApp = claims.idtyp === 'app' || (!claims.preferred_username && !('scp' in claims));
  const clientId = (claims.appid ?? claims.azp ?? '').toLowerCase();
  const oid = (claims.oid ?? '').toLowerCase();
  const self = isApp
    ? users.find((u) => typeof u.applicationid === 'string' && u.applicationid.toLowerCase() === clientId)
    : users.find((u) => typeof u.azureactivedirectoryobjectid === 'string' && u.azureactivedirectoryobjectid.toLowerCase() === oid);
  if (!self) {
    throw new DataverseError(
      403,
      ErrorCodes.userNotInOrganization,
      isApp
        ? `The application ${clientId} is not a user of this organization: create an application user for it.`
        : `The user with object id ${oid} is not a member of the organization.`,
    );
  }
  assertEnabled(self);
  const caller = buildCaller(store, roles, self);

  let target: Row | undefined;
  let callerObjectId: string | undefined;
  if (headers.callerObjectId) {
    callerObjectId = normalizeId(headers.callerObjectId);
    target = users.find((u) => typeof u.azureactivedirectoryobjectid === 'string' && u.azureactivedirectoryobjectid.toLowerCase() === callerObjectId);
    if (!target) {
      throw new DataverseError(
        403,
        ErrorCodes.userNotInOrganization,
        `The user with AzureActiveDirectoryObjectId = ${callerObjectId} (CallerObjectId) is not a member of the organization.`,
      );
    }
  } else if (headers.mscrmCallerId) {
    const id = normalizeId(headers.mscrmCallerId);
    target = users.find((u) => normalizeId(String(u.systemuserid)) === id);
    if (!target) throw new DataverseError(404, ErrorCodes.objectDoesNotExist, `systemuser With Id = ${id} Does Not Exist`);
  }
  if (!target) return caller;
  // The privilege must come from a role assigned to the caller directly: "it can't be inherited
  // through a Team" (Microsoft, "Impersonate another user", Direct assignment required).
  if (!caller.directMiscPrivileges.has(ACT_ON_BEHALF)) throw actOnBehalfDenied(caller);
  assertEnabled(target);
  const acting = buildCaller(store, roles, target);
  return { ...acting, privileges: intersectPrivileges(acting, caller), callerObjectId, impersonatorId: caller.systemUserId };
}

function assertEnabled(user: Row): void {
  if (user.isdisabled === true) {
    throw new DataverseError(
      403,
      ErrorCodes.userDisabled,
      `The user with SystemUserId=${normalizeId(String(user.systemuserid))} is disabled. Disabled users cannot access the system. Consider enabling this user.`,
    );
  }
}

/**
 * PrivilegeDenied as the security library words a failed privilege check ("SecLib::CheckPrivilege
 * failed. User: ..., PrivilegeName: ..., PrivilegeId: ..., Required Depth: ..."), the form Microsoft's
 * troubleshooting articles quote, with 0x80040220 (Web service error codes: PrivilegeDenied).
 */
function actOnBehalfDenied(caller: Caller): DataverseError {
  const held = [...caller.privileges.values()].reduce((n, actions) => n + actions.size, 0) + caller.miscPrivileges.size;
  return new DataverseError(
    403,
    ErrorCodes.privilegeDenied,
    `SecLib::CheckPrivilege failed. User: ${caller.systemUserId}, PrivilegeName: ${ACT_ON_BEHALF}, PrivilegeId: ${privilegeId(ACT_ON_BEHALF)}, ` +
      `Required Depth: Basic, BusinessUnitId: ${caller.businessUnitId ?? ''}, User Privileges Count: ${held}`,
  );
}
