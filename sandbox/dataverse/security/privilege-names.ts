/**
 * Privilege names and ids as Dataverse spells them: `prv<Verb><suffix>`, the suffix being the
 * table's schema name (`prvReaddtclm_Contract`, `prvReadOpportunity`) or, for a few system tables,
 * a name of their own (`prvReadUser` for systemuser: solution/pack/names.ts). Which privileges a
 * table has follows its ownership: Assign and Share exist only where rows have owners
 * (Microsoft, "Security concepts in Dataverse": organization-owned tables have no Assign or Share).
 */
import { SYSTEM_TABLES } from '../../../solution/pack/names';
import type { PrivilegeAction } from '../model/security-types';
import type { TableDef } from '../../../solution/model/types';
import { uuidV5 } from '../metadata/ids';
import { hasOwnPrivileges } from './privilege-owner';

export const PRIVILEGE_VERBS: Record<PrivilegeAction, string> = {
  create: 'Create',
  read: 'Read',
  write: 'Write',
  delete: 'Delete',
  append: 'Append',
  appendTo: 'AppendTo',
  assign: 'Assign',
  share: 'Share',
};

const ROW_ACTIONS: PrivilegeAction[] = ['create', 'read', 'write', 'delete', 'append', 'appendTo'];
const OWNER_ACTIONS: PrivilegeAction[] = ['assign', 'share'];

export function privilegeName(table: Pick<TableDef, 'logicalName' | 'schemaName'>, action: PrivilegeAction): string {
  return `prv${PRIVILEGE_VERBS[action]}${SYSTEM_TABLES[table.logicalName]?.privilegeName ?? table.schemaName}`;
}

/** The emulator's id of a privilege (stable across starts; a real org has ids of its own). */
export function privilegeId(name: string): string {
  return uuidV5(`privilege:${name}`);
}

/** The actions a table has privileges for: none for tables secured by a parent or by no one. */
export function privilegeActions(table: Pick<TableDef, 'logicalName' | 'ownershipType'>): PrivilegeAction[] {
  if (!hasOwnPrivileges(table.logicalName)) return [];
  return table.ownershipType === 'UserOwned' ? [...ROW_ACTIONS, ...OWNER_ACTIONS] : ROW_ACTIONS;
}
