/**
 * `<Roles>`: each role with its `<RolePrivilege name level>`s, turned into the grants the emulator
 * enforces. Dataverse refuses a role that names a privilege the organization does not have (after
 * the solution's own tables made theirs), or grants one at a depth its table's ownership does not
 * have: an organization-owned table is granted at the organization (Global) depth only.
 */
import type { PrivilegeDepth, RoleDef } from '../../../solution/model/types';
import { IMPORT_ERROR, SolutionImportError } from './import-error';
import type { CatalogEntry } from './privilege-catalog';
import { normalizeId } from './tables';
import { all, type XNode } from './xml-tree';

const DEPTHS: Record<string, PrivilegeDepth> = { Basic: 'Basic', Local: 'Local', Deep: 'Deep', Global: 'Global' };

function readRole(node: XNode, catalog: Map<string, CatalogEntry>): RoleDef {
  const name = node.attrs.name ?? '';
  const component = `Role ${name}`;
  const role: RoleDef = { roleId: normalizeId(node.attrs.id ?? ''), name, privileges: {} };
  for (const p of all(node, 'RolePrivileges/RolePrivilege')) {
    const privilege = p.attrs.name ?? '';
    const entry = catalog.get(privilege.toLowerCase());
    if (!entry) {
      // Our wording: no article gives the import's message for a privilege the organization lacks.
      throw new SolutionImportError(
        IMPORT_ERROR.privilegeNotFound,
        component,
        `The security role "${name}" names the privilege ${privilege}, which does not exist in this organization` +
          ' (an organization-owned table has no Assign or Share privilege; some tables have no privileges of their own).',
      );
    }
    const depth = DEPTHS[p.attrs.level ?? ''];
    if (!depth || !entry.depths.includes(depth)) {
      const table =
        entry.kind === 'table'
          ? ` (${entry.table.logicalName} is ${entry.table.ownershipType === 'OrganizationOwned' ? 'organization-owned' : 'user-owned'})`
          : '';
      throw new SolutionImportError(
        IMPORT_ERROR.invalidPrivilegeDepth,
        component,
        `The security role "${name}" grants ${privilege} at depth "${p.attrs.level ?? ''}", which the privilege does not have${table}: valid depths are ${entry.depths.join(', ')}.`,
      );
    }
    if (entry.kind === 'misc') {
      role.miscPrivileges = [...(role.miscPrivileges ?? []), privilege];
    } else {
      const grants = (role.privileges[entry.table.logicalName] ??= {});
      grants[entry.action] = depth;
    }
  }
  return role;
}

export function readRoles(customizations: XNode, catalog: Map<string, CatalogEntry>): RoleDef[] {
  return all(customizations, 'Roles/Role').map((r) => readRole(r, catalog));
}
