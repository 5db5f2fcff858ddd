/**
 * Tables whose security is not their own (Microsoft, "Privileges by entity" / security role
 * editor): they have no privileges a role could name, so a role that only names tables with
 * privileges (as a solution's role must) still reaches them.
 *
 * - Opportunity and quote lines follow their parent: reading a line is reading its opportunity or
 *   quote, changing one is changing the parent (the security role editor has no row for them).
 * - The intersect tables of users, teams and roles, and the time zone definitions, have "no
 *   specific privileges": any user of the organization may read them.
 */
import type { PrivilegeAction } from '../model/security-types';

/** Read by any user; no role names them. */
export const READABLE_BY_EVERY_USER: ReadonlySet<string> = new Set(['systemuserroles', 'teamroles', 'teammembership', 'timezonedefinition']);

/** A table secured by its parent row: the parent's table and the lookup column that names it. */
export interface ParentSecurity {
  table: string;
  lookup: string;
}

export const SECURED_BY_PARENT: Readonly<Record<string, ParentSecurity>> = {
  opportunityproduct: { table: 'opportunity', lookup: 'opportunityid' },
  quotedetail: { table: 'quote', lookup: 'quoteid' },
};

/**
 * The parent's action for an action on a line: reading a line is reading the parent; adding,
 * changing or removing a line changes the parent; Append / AppendTo (the line's own lookups) keep
 * their name.
 */
export function parentAction(action: PrivilegeAction): PrivilegeAction {
  if (action === 'read' || action === 'append' || action === 'appendTo') return action;
  return action === 'assign' || action === 'share' ? action : 'write';
}

/**
 * Activity tables have no privileges of their own: prvCreateActivity, prvReadActivity, ... (those of
 * `activitypointer`) cover every activity, task and close activities alike (Microsoft, "Privileges
 * by entity": Activity).
 */
const ACTIVITY_PRIVILEGE_TABLE = 'activitypointer';
const ACTIVITY_TABLES: ReadonlySet<string> = new Set(['task', 'opportunityclose', 'quoteclose']);

/** The table whose privileges govern `table`: activitypointer for an activity, else the table itself. */
export function privilegeTableOf(table: string): string {
  return ACTIVITY_TABLES.has(table) ? ACTIVITY_PRIVILEGE_TABLE : table;
}

/** Whether a table has privileges of its own (so that a role can name it). */
export function hasOwnPrivileges(table: string): boolean {
  return !READABLE_BY_EVERY_USER.has(table) && !(table in SECURED_BY_PARENT) && !ACTIVITY_TABLES.has(table);
}
