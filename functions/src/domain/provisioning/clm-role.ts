/**
 * The five CLM roles (scim-profile.md), highest first: when several apply, the highest wins.
 * `choice` is the value of the `dtclm_clmrole` choice of the `dtclm_userlink` row (dataverse-model.md).
 */
export const CLM_ROLES = ['Administrator', 'Editor', 'Contributor', 'Validator', 'Reader'] as const;
export type ClmRole = (typeof CLM_ROLES)[number];

export const CLM_ROLE_CHOICE: Record<ClmRole, number> = {
  Administrator: 718900000,
  Editor: 718900001,
  Contributor: 718900002,
  Validator: 718900003,
  Reader: 718900004,
};

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
