/**
 * Which connector roles the signed-in user holds: their own roles from userSettings.roles, and
 * those held through a team (lib/team-roles.ts: asked of Dataverse once per session), within the
 * rule budget of settle-within.ts (Unified Interface waits 10 s for a rule's Promise).
 */
import { CONNECTOR_ROLE_NAMES } from '../../api/vocabulary/roles';
import { teamRoleNames } from '../lib/team-roles';
import { settleWithin } from './settle-within';

export type ConnectorRole = keyof typeof CONNECTOR_ROLE_NAMES;

export async function connectorRoles(): Promise<Set<ConnectorRole>> {
  const settings = Xrm.Utility.getGlobalContext().userSettings;
  const held = new Set<string>();
  settings.roles.forEach((role) => {
    if (role.name) held.add(role.name);
  });
  if (!Object.values(CONNECTOR_ROLE_NAMES).every((name) => held.has(name))) {
    const userId = settings.userId.replace(/[{}]/g, '').toLowerCase();
    const viaTeams = await settleWithin(teamRoleNames(userId, Xrm.WebApi), []);
    viaTeams.forEach((name) => held.add(name));
  }
  const mine = new Set<ConnectorRole>();
  for (const [key, name] of Object.entries(CONNECTOR_ROLE_NAMES) as Array<[ConnectorRole, string]>) {
    if (held.has(name)) mine.add(key);
  }
  return mine;
}
