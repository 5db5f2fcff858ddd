/**
 * The privileges an organization has, by name: Dataverse makes `prv<Action><Table>` for each table
 * that has privileges of its own, according to its ownership (Microsoft, "Security concepts in
 * Dataverse" and "Privileges by entity"):
 * - a user- or team-owned table has Create, Read, Write, Delete, Append, Append To, Assign and Share,
 *   at any depth (Basic, Local, Deep, Global);
 * - an organization-owned table has no Assign and no Share (nobody owns its rows), and only the
 *   organization (Global) depth;
 * - tables that take their parent's privileges or have none have no privilege of their own:
 *   opportunity and quote lines (opportunityproduct, quotedetail), the membership tables
 *   (systemuserroles, teammembership, teamroles) and time zone definitions ("There are no specific
 *   privileges").
 * Business-owned system tables (systemuser, team, role, businessunit, usersettings) have the six
 * record privileges without Assign and Share.
 * A custom table's suffix is its schema name (prvReaddtclm_Contract); systemuser's is `User`.
 */
import type { PrivilegeAction, PrivilegeDepth, TableDef } from '../../../solution/model/types';
// One spelling of privilege names and one list of the tables that have them, shared with the
// emulator's privilege checks (security/privilege-names.ts).
import { privilegeActions, privilegeName } from '../security/privilege-names';

const ALL_DEPTHS: readonly PrivilegeDepth[] = ['Basic', 'Local', 'Deep', 'Global'];

/** Privileges not about one table that the organization has, with the depths they take. */
const MISC_PRIVILEGES: Record<string, readonly PrivilegeDepth[]> = {
  // "Impersonate another user": a global privilege.
  prvActOnBehalfOfAnotherUser: ['Global'],
};

export type CatalogEntry =
  { kind: 'table'; table: TableDef; action: PrivilegeAction; depths: readonly PrivilegeDepth[] } | { kind: 'misc'; depths: readonly PrivilegeDepth[] };

function depthsOf(table: TableDef): readonly PrivilegeDepth[] {
  return table.ownershipType === 'OrganizationOwned' ? ['Global'] : ALL_DEPTHS;
}

/** Every privilege of an organization holding `tables`, by name (lower case: names compare without case). */
export function privilegeCatalog(tables: TableDef[]): Map<string, CatalogEntry> {
  const catalog = new Map<string, CatalogEntry>();
  for (const table of tables) {
    if (table.isIntersect) continue;
    for (const action of privilegeActions(table)) {
      catalog.set(privilegeName(table, action).toLowerCase(), { kind: 'table', table, action, depths: depthsOf(table) });
    }
  }
  for (const [name, depths] of Object.entries(MISC_PRIVILEGES)) catalog.set(name.toLowerCase(), { kind: 'misc', depths });
  return catalog;
}
