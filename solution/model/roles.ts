/**
 * The connector's security roles (dataverse-model.md, Security roles). The packer writes them into
 * the solution; the emulator enforces them. The functions check the role names on every call; the
 * privileges here are what Dataverse itself enforces on the connector's tables.
 */
// RoleDef is the emulator's description of a role, which the packer writes as is.
import { allPrivileges, type PrivilegeAction, type PrivilegeDepth, type RoleDef } from './types';

type Grants = Partial<Record<PrivilegeAction, PrivilegeDepth>>;

const all = allPrivileges;
const readOnly = (depth: PrivilegeDepth): Grants => ({ read: depth });

/** The role names of dataverse-model.md (the sandbox's ROLE_NAMES repeats them; a test holds them equal). */
export const CONNECTOR_ROLE_NAMES = {
  user: 'Dilitrust CLM User',
  sendToSign: 'Dilitrust CLM Send to Sign',
  readOnly: 'Dilitrust CLM ReadOnly',
  admin: 'Dilitrust CLM Admin',
} as const;

/** Fixed role ids: the same in every environment the solution is imported into. */
export const CONNECTOR_ROLE_IDS = {
  user: '71890c1a-0001-4000-8000-000000000001',
  sendToSign: '71890c1a-0001-4000-8000-000000000002',
  readOnly: '71890c1a-0001-4000-8000-000000000003',
  admin: '71890c1a-0001-4000-8000-000000000004',
} as const;

/** Every user of the connector reads its settings (the web resources read the environment variables). */
const readSettings = {
  environmentvariabledefinition: readOnly('Global'),
  environmentvariablevalue: readOnly('Global'),
};

/**
 * Request contracts: own contracts and events (Basic), templates to pick from (Global), and the
 * right to link a contract to the opportunity or quote it comes from (AppendTo; reading the record
 * still needs the user's sales role). Assign and Share (Basic) on contracts and events are what let
 * a contract follow its opportunity or quote: Dataverse cascades an assign or a share to the child
 * rows only with the caller's prvAssign / prvShare on the child table.
 */
const userPrivileges: RoleDef['privileges'] = {
  dtclm_contract: { create: 'Basic', read: 'Basic', write: 'Basic', append: 'Basic', appendTo: 'Basic', assign: 'Basic', share: 'Basic' },
  dtclm_contractevent: { create: 'Basic', read: 'Basic', write: 'Basic', append: 'Basic', assign: 'Basic', share: 'Basic' },
  dtclm_template: { read: 'Global', appendTo: 'Global' },
  opportunity: { appendTo: 'Global' },
  quote: { appendTo: 'Global' },
  ...readSettings,
};

const connectorUserRole: RoleDef = {
  roleId: CONNECTOR_ROLE_IDS.user,
  name: CONNECTOR_ROLE_NAMES.user,
  privileges: userPrivileges,
};

/**
 * As User, and read and update the contracts and events of the business unit (Local), so the
 * manager or legal officer can send for signature what the reps requested. Sending records an
 * event on the rep's contract, which is AppendTo on that contract, so AppendTo is Local too.
 * Sending itself is checked by the connector, not by a Dataverse privilege.
 */
const connectorSendToSignRole: RoleDef = {
  roleId: CONNECTOR_ROLE_IDS.sendToSign,
  name: CONNECTOR_ROLE_NAMES.sendToSign,
  privileges: {
    ...userPrivileges,
    dtclm_contract: { ...userPrivileges.dtclm_contract, read: 'Local', write: 'Local', appendTo: 'Local' },
    dtclm_contractevent: { ...userPrivileges.dtclm_contractevent, read: 'Local', write: 'Local' },
  },
};

const connectorReadOnlyRole: RoleDef = {
  roleId: CONNECTOR_ROLE_IDS.readOnly,
  name: CONNECTOR_ROLE_NAMES.readOnly,
  privileges: {
    dtclm_contract: readOnly('Global'),
    dtclm_contractevent: readOnly('Global'),
    dtclm_template: readOnly('Global'),
    ...readSettings,
  },
};

/**
 * Everything on the connector's tables and environment variables; reading users, teams and roles
 * for user provisioning and the admin page.
 */
const connectorAdminRole: RoleDef = {
  roleId: CONNECTOR_ROLE_IDS.admin,
  name: CONNECTOR_ROLE_NAMES.admin,
  privileges: {
    dtclm_contract: all('Global'),
    dtclm_contractevent: all('Global'),
    dtclm_template: all('Global'),
    dtclm_userlink: all('Global'),
    dtclm_contactlink: all('Global'),
    contact: { read: 'Global', write: 'Global', create: 'Global', appendTo: 'Global' },
    environmentvariabledefinition: all('Global'),
    environmentvariablevalue: all('Global'),
    systemuser: { read: 'Global', appendTo: 'Global' },
    team: readOnly('Global'),
    role: readOnly('Global'),
    businessunit: readOnly('Global'),
    opportunity: { appendTo: 'Global' },
    quote: { appendTo: 'Global' },
  },
};

export const connectorRoles: RoleDef[] = [connectorUserRole, connectorSendToSignRole, connectorReadOnlyRole, connectorAdminRole];
