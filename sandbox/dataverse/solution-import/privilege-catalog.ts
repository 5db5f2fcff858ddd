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

const ACTION_NAMES: Record<PrivilegeAction, string> = {
  create: 'Create',
  read: 'Read',
  write: 'Write',
  delete: 'Delete',
  append: 'Append',
  appendTo: 'AppendTo',
  assign: 'Assign',
  share: 'Share',
};

const ALL_DEPTHS: readonly PrivilegeDepth[] = ['Basic', 'Local', 'Deep', 'Global'];

/** Tables without privileges of their own (Microsoft, "Privileges by entity"). */
const TABLES_WITHOUT_PRIVILEGES: ReadonlySet<string> = new Set([
  'opportunityproduct',
  'quotedetail',
  'systemuserroles',
  'teammembership',
  'teamroles',
  'timezonedefinition',
]);

/** Privilege name suffixes that are not the table's schema name. */
const SUFFIX: Record<string, string> = { systemuser: 'User' };

/** Privileges not about one table that the organization has, with the depths they take. */
const MISC_PRIVILEGES: Record<string, readonly PrivilegeDepth[]> = {
  // "Impersonate another user": a global privilege.
  prvActOnBehalfOfAnotherUser: ['Global'],
};

export type CatalogEntry =
  { kind: 'table'; table: TableDef; action: PrivilegeAction; depths: readonly PrivilegeDepth[] } | { kind: 'misc'; depths: readonly PrivilegeDepth[] };

function actionsOf(table: TableDef): PrivilegeAction[] {
  const record: PrivilegeAction[] = ['create', 'read', 'write', 'delete', 'append', 'appendTo'];
  return table.ownershipType === 'UserOwned' ? [...record, 'assign', 'share'] : record;
}

function depthsOf(table: TableDef): readonly PrivilegeDepth[] {
  return table.ownershipType === 'OrganizationOwned' ? ['Global'] : ALL_DEPTHS;
}

/** Every privilege of an organization holding `tables`, by name (lower case: names compare without case). */
export function privilegeCatalog(tables: TableDef[]): Map<string, CatalogEntry> {
  const catalog = new Map<string, CatalogEntry>();
  for (const table of tables) {
    if (TABLES_WITHOUT_PRIVILEGES.has(table.logicalName) || table.isIntersect) continue;
    const suffix = SUFFIX[table.logicalName] ?? table.schemaName;
    for (const action of actionsOf(table)) {
      catalog.set(`prv${ACTION_NAMES[action]}${suffix}`.toLowerCase(), { kind: 'table', table, action, depths: depthsOf(table) });
    }
  }
  for (const [name, depths] of Object.entries(MISC_PRIVILEGES)) catalog.set(name.toLowerCase(), { kind: 'misc', depths });
  return catalog;
}
