import { randomUUID } from 'node:crypto';

/** The five CLM roles (scim-profile.md), highest first. */
export const CLM_ROLE_NAMES = ['Administrator', 'Editor', 'Contributor', 'Validator', 'Reader'] as const;
export type ClmRoleName = (typeof CLM_ROLE_NAMES)[number];

/**
 * The role UUIDs of one CLM organization. They differ per organization, so each sandbox start
 * makes new ones: a connector that hard-codes a UUID fails here as it would at a second customer.
 */
export class ClmRoles {
  private byName = new Map<ClmRoleName, string>();

  constructor() {
    this.regenerate();
  }

  /** New UUIDs for every role (a test control): users keep their role, under its new UUID. */
  regenerate(): Map<string, string> {
    const renamed = new Map<string, string>();
    for (const name of CLM_ROLE_NAMES) {
      const next = randomUUID();
      const previous = this.byName.get(name);
      if (previous) renamed.set(previous, next);
      this.byName.set(name, next);
    }
    return renamed;
  }

  idOf(name: ClmRoleName): string {
    return this.byName.get(name)!;
  }

  nameOf(id: string): ClmRoleName | undefined {
    for (const [name, uuid] of this.byName) if (uuid === id) return name;
    return undefined;
  }

  ids(): string[] {
    return CLM_ROLE_NAMES.map((n) => this.idOf(n));
  }

  /** The `description` of the roleId attribute, in the documented form. */
  description(): string {
    return CLM_ROLE_NAMES.map((n) => `${n}=${this.idOf(n)}`).join(', ');
  }
}
