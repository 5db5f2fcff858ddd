/**
 * The five CLM roles (scim-profile.md), highest first: when several apply, the highest wins.
 * `choice` is the value of the `dtclm_clmrole` choice of the `dtclm_userlink` row (dataverse-model.md).
 */
import { CLM_ROLE_VALUE } from '../../../../api/vocabulary/choices';

export const CLM_ROLES = ['Administrator', 'Editor', 'Contributor', 'Validator', 'Reader'] as const;
export type ClmRole = (typeof CLM_ROLES)[number];

export const CLM_ROLE_CHOICE: Record<ClmRole, number> = CLM_ROLE_VALUE;

/** The highest of the roles given, or undefined when there is none. */
export function highestRole(roles: Iterable<ClmRole>): ClmRole | undefined {
  let best: number | undefined;
  for (const role of roles) {
    const rank = CLM_ROLES.indexOf(role);
    if (best === undefined || rank < best) best = rank;
  }
  return best === undefined ? undefined : CLM_ROLES[best];
}

export function isClmRole(value: unknown): value is ClmRole {
  return typeof value === 'string' && (CLM_ROLES as readonly string[]).includes(value);
}
