/**
 * The connector's security roles (dataverse-model.md "Security roles"), by the names Dynamics
 * shows, and what each grants. A route names the least role it needs; a caller passes when any of
 * their roles (direct or through a team) implies it. The names are the vocabulary's (api/vocabulary/roles.ts).
 */
import { CONNECTOR_ROLE_NAMES, type ConnectorRole } from '../../../api/vocabulary/roles';

export type { ConnectorRole };

/**
 * What holding a role implies. Send to Sign is "as User, and send"; Admin is "everything"; ReadOnly
 * only reads. User and Send to Sign read (their own) contracts too, so they pass read-only routes
 * such as refresh.
 */
const IMPLIES: Record<ConnectorRole, readonly ConnectorRole[]> = {
  readOnly: ['readOnly'],
  user: ['user', 'readOnly'],
  sendToSign: ['sendToSign', 'user', 'readOnly'],
  admin: ['admin', 'sendToSign', 'user', 'readOnly'],
};

/** The connector roles among Dynamics role names (Dataverse compares names without case). */
export function connectorRolesOf(roleNames: Iterable<string>): Set<ConnectorRole> {
  const held = new Set<ConnectorRole>();
  const byName = new Map(Object.entries(CONNECTOR_ROLE_NAMES).map(([k, v]) => [v.toLowerCase(), k as ConnectorRole]));
  for (const name of roleNames) {
    const role = byName.get(name.trim().toLowerCase());
    if (role) held.add(role);
  }
  return held;
}

/** Whether a caller holding `held` may use a route that needs `needed`. */
export function grants(held: Iterable<ConnectorRole>, needed: ConnectorRole): boolean {
  for (const role of held) if (IMPLIES[role].includes(needed)) return true;
  return false;
}

/** The routes of connector-api.md and the role each needs. */
export const ROUTE_ROLES = {
  requestContract: 'user',
  listValidationFlows: 'user',
  startValidation: 'user',
  sendForSignature: 'sendToSign',
  refreshContract: 'readOnly',
  contractDocuments: 'readOnly',
  admin: 'admin',
} as const satisfies Record<string, ConnectorRole>;

/** The role's name as an admin sees it in Dynamics, for messages that tell someone what to ask for. */
export function roleDisplayName(role: ConnectorRole): string {
  return CONNECTOR_ROLE_NAMES[role];
}
