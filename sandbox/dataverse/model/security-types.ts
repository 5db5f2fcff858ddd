/**
 * Dataverse's security model, as far as the emulator enforces it: a role grants privileges on a
 * table at a depth; a user holds roles directly and through teams; the deepest grant wins.
 * (Real Dataverse: prvReadOpportunity at Basic/Local/Deep/Global depth.)
 */

/** Basic = own records (and the user's teams'), Local = business unit, Deep = BU and children, Global = organization. */
export type PrivilegeDepth = 'Basic' | 'Local' | 'Deep' | 'Global';

export type PrivilegeAction = 'create' | 'read' | 'write' | 'delete' | 'append' | 'appendTo';

export interface RoleDef {
  roleId: string;
  name: string;
  /** Table logical name -> what the role may do there, and how deep. '*' means every table. */
  privileges: Record<string, Partial<Record<PrivilegeAction, PrivilegeDepth>>>;
  /** Privileges that are not about one table, e.g. 'prvActOnBehalfOfAnotherUser'. */
  miscPrivileges?: string[];
}

/** A row of seed data: attribute logical name -> value in Web API JSON form, lookups as references. */
export type SeedValue = string | number | boolean | null | EntityRef;

/** A lookup value (Lookup, Customer, Owner): which table and which row. */
export interface EntityRef {
  entity: string;
  id: string;
}

export type SeedRow = Record<string, SeedValue>;

/** Seed data: table logical name -> rows (each row carries its primary id). */
export type SeedData = Record<string, SeedRow[]>;
