/** What the signed-in user may do with the connector, from their Dynamics roles (dataverse-model.md, Security roles). */
import { ROLE_NAMES } from './dataverse-names';

export interface Permissions {
  request: boolean;
  validate: boolean;
  sendToSign: boolean;
  read: boolean;
}

export function permissionsOf(roleNames: Set<string>): Permissions {
  const has = (name: string) => roleNames.has(name);
  const admin = has(ROLE_NAMES.admin);
  const user = has(ROLE_NAMES.user) || has(ROLE_NAMES.sendToSign) || admin;
  return {
    request: user,
    validate: user,
    sendToSign: has(ROLE_NAMES.sendToSign) || admin,
    read: user || has(ROLE_NAMES.readOnly),
  };
}
