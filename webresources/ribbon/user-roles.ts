/**
 * Which connector roles the signed-in user holds, from the roles Unified Interface already loaded
 * (userSettings.roles: the user's own roles). Roles held only through a team do not show here;
 * the functions check those on every call, so a missing button is a courtesy, not the protection.
 */
import { CONNECTOR_ROLE_NAMES } from '../../api/vocabulary/roles';

export type ConnectorRole = keyof typeof CONNECTOR_ROLE_NAMES;

export function connectorRoles(): Set<ConnectorRole> {
  const held = new Set<string>();
  Xrm.Utility.getGlobalContext().userSettings.roles.forEach((role) => {
    if (role.name) held.add(role.name);
  });
  const mine = new Set<ConnectorRole>();
  for (const [key, name] of Object.entries(CONNECTOR_ROLE_NAMES) as Array<[ConnectorRole, string]>) {
    if (held.has(name)) mine.add(key);
  }
  return mine;
}
