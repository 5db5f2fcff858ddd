/** What the signed-in user may do with the connector, from their Dynamics roles (dataverse-model.md, Security roles). */
import { CONNECTOR_ROLE_NAMES } from '../../api/vocabulary/roles';

export interface Permissions {
  request: boolean;
  validate: boolean;
  sendToSign: boolean;
  read: boolean;
}

export function permissionsOf(roleNames: Set<string>): Permissions {
  const has = (name: string) => roleNames.has(name);
  const admin = has(CONNECTOR_ROLE_NAMES.admin);
  const user = has(CONNECTOR_ROLE_NAMES.user) || has(CONNECTOR_ROLE_NAMES.sendToSign) || admin;
  return {
    request: user,
    validate: user,
    sendToSign: has(CONNECTOR_ROLE_NAMES.sendToSign) || admin,
    read: user || has(CONNECTOR_ROLE_NAMES.readOnly),
  };
}
