/**
 * What the CLM should hold for one Dynamics user (scim-profile.md, "What the connector does").
 * Pure: the user as read from Dynamics (roles direct and through teams already gathered) and the
 * settings in, a decision out.
 */
import { CONNECTOR_ROLE_NAMES } from '../../../../api/vocabulary/roles';
import { highestRole, type ClmRole } from './clm-role';
import type { ScimSettings } from './scim-settings';

export interface DynamicsUser {
  systemUserId: string;
  fullName: string;
  firstName?: string;
  lastName?: string;
  /** internalemailaddress: the CLM userName. */
  email?: string;
  /** azureactivedirectoryobjectid: the CLM externalId. */
  objectId?: string;
  isDisabled: boolean;
  /** An application user (applicationid set, or access mode Non-interactive): never provisioned. */
  isApplicationUser: boolean;
  /** Security role names held directly or through a team. */
  roleNames: string[];
  teamNames: string[];
}

/** The connector's roles and the CLM role each gives (scim-profile.md). */
const CONNECTOR_ROLE_TO_CLM: ReadonlyMap<string, ClmRole> = new Map([
  [CONNECTOR_ROLE_NAMES.admin.toLowerCase(), 'Administrator'],
  [CONNECTOR_ROLE_NAMES.sendToSign.toLowerCase(), 'Editor'],
  [CONNECTOR_ROLE_NAMES.user.toLowerCase(), 'Contributor'],
  [CONNECTOR_ROLE_NAMES.readOnly.toLowerCase(), 'Reader'],
]);

interface ClmUserAttributes {
  userName: string;
  externalId: string;
  givenName: string;
  familyName: string;
}

export type DesiredUser =
  /** Never in the CLM's hands: an application user, no Entra object id, no e-mail. */
  | { kind: 'ineligible'; reason: string }
  /** Should be an active CLM user with this role. */
  | ({ kind: 'active'; role: ClmRole } & ClmUserAttributes)
  /** Disabled, or no connector role left: deactivated if the CLM has them, never created. */
  | ({ kind: 'inactive'; reason: string } & ClmUserAttributes);

/** The CLM role a user's Dynamics roles and teams give, the highest winning; undefined when none. */
export function clmRoleOf(user: Pick<DynamicsUser, 'roleNames' | 'teamNames'>, settings: Pick<ScimSettings, 'roleMap'>): ClmRole | undefined {
  const roles: ClmRole[] = [];
  for (const name of user.roleNames) {
    const key = name.trim().toLowerCase();
    const fixed = CONNECTOR_ROLE_TO_CLM.get(key);
    if (fixed) roles.push(fixed);
    const mapped = settings.roleMap.get(key);
    if (mapped) roles.push(mapped);
  }
  for (const team of user.teamNames) {
    const mapped = settings.roleMap.get(team.trim().toLowerCase());
    if (mapped) roles.push(mapped);
  }
  return highestRole(roles);
}

/** Given and family name; a user with only a full name gets it split at the last space. */
function nameParts(user: DynamicsUser): { givenName: string; familyName: string } {
  if (user.firstName || user.lastName) return { givenName: user.firstName ?? '', familyName: user.lastName ?? '' };
  const full = user.fullName.trim();
  const at = full.lastIndexOf(' ');
  return at > 0 ? { givenName: full.slice(0, at), familyName: full.slice(at + 1) } : { givenName: '', familyName: full };
}

export function desiredClmUser(user: DynamicsUser, settings: Pick<ScimSettings, 'roleMap'>): DesiredUser {
  if (user.isApplicationUser) return { kind: 'ineligible', reason: 'An application user is never provisioned.' };
  if (!user.objectId) return { kind: 'ineligible', reason: 'The user has no Entra object id.' };
  if (!user.email?.trim()) return { kind: 'ineligible', reason: 'The user has no primary e-mail (internalemailaddress), which is their CLM user name.' };
  const attributes: ClmUserAttributes = { userName: user.email.trim(), externalId: user.objectId.toLowerCase(), ...nameParts(user) };
  if (user.isDisabled) return { kind: 'inactive', reason: 'The user is disabled in Dynamics.', ...attributes };
  const role = clmRoleOf(user, settings);
  if (!role) return { kind: 'inactive', reason: 'The user has no connector role left.', ...attributes };
  return { kind: 'active', role, ...attributes };
}
