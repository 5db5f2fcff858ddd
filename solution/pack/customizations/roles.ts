/**
 * The connector's security roles as `<Roles>`. Privilege names follow Dataverse's pattern
 * prv<Action><table>: prvCreatedtclm_Contract for a custom table (its schema name), prvReadUser for
 * systemuser. The roles hold the connector's privileges only: users also need a Dynamics role
 * (Salesperson, ...) that lets them open the app and the opportunity or quote.
 */
import { PRIVILEGE_ACTIONS, type PrivilegeAction, type RoleDef } from '../../model/types';
import type { TableDef } from '../../model/types';
import { braced } from '../guid';
import { privilegeSuffix } from '../names';
import { el, textEl, type XmlElement } from '../xml';
import { INTRODUCED_VERSION } from './labels';

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

interface RolePrivilege {
  name: string;
  level: string;
}

function rolePrivileges(role: RoleDef, tables: TableDef[]): RolePrivilege[] {
  const out: RolePrivilege[] = [];
  for (const [table, grants] of Object.entries(role.privileges)) {
    if (table === '*') throw new Error(`Role "${role.name}" grants privileges on every table ('*'); a solution role must name its tables`);
    const suffix = privilegeSuffix(table, tables);
    for (const action of PRIVILEGE_ACTIONS) {
      const depth = grants[action];
      if (depth) out.push({ name: `prv${ACTION_NAMES[action]}${suffix}`, level: depth });
    }
  }
  for (const misc of role.miscPrivileges ?? []) out.push({ name: misc, level: 'Global' });
  const key = (p: RolePrivilege) => p.name.toLowerCase();
  return out.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

export function rolesXml(roles: RoleDef[], tables: TableDef[]): XmlElement {
  return el(
    'Roles',
    {},
    roles.map((role) =>
      el(
        'Role',
        { id: braced(role.roleId), name: role.name },
        textEl('IsCustomizable', 1),
        textEl('IntroducedVersion', INTRODUCED_VERSION),
        el(
          'RolePrivileges',
          {},
          rolePrivileges(role, tables).map((p) => el('RolePrivilege', { name: p.name, level: p.level })),
        ),
      ),
    ),
  );
}
