/**
 * The emulator's seed data types. Roles are part of the solution and described in
 * solution/model/types.ts; they are re-exported here for the emulator's convenience.
 */
export type { PrivilegeAction, PrivilegeDepth, RoleDef } from '../../../solution/model/types';

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
