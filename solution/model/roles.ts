/**
 * The connector's security roles (dataverse-model.md, Security roles). The packer writes them into
 * the solution; the emulator enforces them. The functions check the role names on every call; the
 * privileges here are what Dataverse itself enforces on the connector's tables.
 */
// RoleDef is the emulator's description of a role, which the packer writes as is.
import { CONNECTOR_APPLICATION_ROLE_NAME, CONNECTOR_ROLE_NAMES } from '../../api/vocabulary/roles';
import { allPrivileges, type PrivilegeAction, type PrivilegeDepth, type RoleDef } from './types';

type Grants = Partial<Record<PrivilegeAction, PrivilegeDepth>>;

const all = allPrivileges;
/**
 * Every privilege an organization-owned table has: Dataverse makes no Assign or Share privilege
 * for a table without owners, so a role that names one does not import.
 */
const allOrganizationOwned = (depth: PrivilegeDepth): Grants => ({
  create: depth,
  read: depth,
  write: depth,
  delete: depth,
  append: depth,
  appendTo: depth,
});
const readOnly = (depth: PrivilegeDepth): Grants => ({ read: depth });

/** The role names of dataverse-model.md, the vocabulary's (the sandbox's ROLE_NAMES repeats them; a test holds them equal). */
export { CONNECTOR_ROLE_NAMES };

/** The application user's role: never a person's, so no route of the connector takes it. */
const CONNECTOR_APPLICATION_ROLE = { roleId: '71890c1a-0001-4000-8000-000000000005', name: CONNECTOR_APPLICATION_ROLE_NAME } as const;

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
 * Who writes what (dataverse-model.md): people's roles read contracts and events, never write them;
 * the connector checks the caller, then writes as its application user, with the requester as the
 * owner. So User grants Read, Append and Append To on their own contracts and events (Basic), not
 * Create, Write or Delete: nobody can plant a CLM id, a status or a signed document by hand.
 *
 * Assign and Share (Basic) stay on contracts and events: they are what let a contract follow its
 * opportunity. Dataverse cascades a share to child records only "if the caller has share
 * privileges for those entity types" (GrantAccessRequest, notes for callers), and an assign
 * likewise needs prvAssign on the child table (AssignRequest), so without them a rep who shares or
 * assigns their opportunity would leave its contracts behind (docs/decisions.md, "Who writes what").
 * Templates to pick from (Global). No AppendTo on opportunity or quote any more: the application
 * user links the new contract to its record.
 */
const userPrivileges: RoleDef['privileges'] = {
  dtclm_contract: { read: 'Basic', append: 'Basic', appendTo: 'Basic', assign: 'Basic', share: 'Basic' },
  dtclm_contractevent: { read: 'Basic', append: 'Basic', appendTo: 'Basic', assign: 'Basic', share: 'Basic' },
  dtclm_template: { read: 'Global' },
  ...readSettings,
};

const connectorUserRole: RoleDef = {
  roleId: CONNECTOR_ROLE_IDS.user,
  name: CONNECTOR_ROLE_NAMES.user,
  privileges: userPrivileges,
};

/**
 * As User, and read the contracts and events of the business unit (Local), so the manager or legal
 * officer can send for signature what the reps requested. The send and its event are written by the
 * connector's application user; sending itself is checked by the connector, not by a privilege.
 */
const connectorSendToSignRole: RoleDef = {
  roleId: CONNECTOR_ROLE_IDS.sendToSign,
  name: CONNECTOR_ROLE_NAMES.sendToSign,
  privileges: {
    ...userPrivileges,
    dtclm_contract: { ...userPrivileges.dtclm_contract, read: 'Local', appendTo: 'Local' },
    dtclm_contractevent: { ...userPrivileges.dtclm_contractevent, read: 'Local', appendTo: 'Local' },
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
    dtclm_template: allOrganizationOwned('Global'),
    dtclm_userlink: allOrganizationOwned('Global'),
    dtclm_contactlink: allOrganizationOwned('Global'),
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

/**
 * The tables the connector reads as the calling user (CallerObjectId): mappings, roles, time zones.
 * Only tables with privileges of their own: opportunity and quote lines follow their parent's
 * privileges, the membership tables (systemuserroles, teamroles, teammembership) and time zone
 * definitions have none (Microsoft, "Privileges by entity": "There are no specific privileges").
 */
const READ_AS_CALLER = [
  'opportunity',
  'quote',
  'account',
  'contact',
  'systemuser',
  'team',
  'businessunit',
  'transactioncurrency',
  'role',
  'usersettings',
] as const;

/**
 * The connector's application user, assigned directly (dataverse-model.md, "The application user's
 * role"). Impersonation runs with the intersection of this role's privileges and the caller's, so
 * each table a mapping reads needs Read here too. Least privilege: no Delete anywhere but what the
 * connector deletes itself (the contact links left with nothing to link, docs/decisions.md), no
 * System Administrator or Customizer.
 *
 * - Read of what it reads as users, at organization depth; AppendTo where a connector row links to it.
 * - Create, Read, Write, Append, AppendTo and Assign (user-owned only) on its own tables: it writes
 *   contract rows with the requester as owner, events, templates, user and contact links.
 * - Create and Write of contact: contact sync.
 * - Environment variables: read, write to blank the pasted CLM tokens, and create a value row
 *   where a variable has none yet.
 */
const connectorApplicationRole: RoleDef = {
  ...CONNECTOR_APPLICATION_ROLE,
  privileges: {
    ...Object.fromEntries(READ_AS_CALLER.map((t) => [t, readOnly('Global')])),
    // Write: the values a mapping's `returns` brings back, and winning the record (WinOpportunity /
    // WinQuote as its owner: impersonation intersects, so this role needs what the owner uses).
    opportunity: { read: 'Global', write: 'Global', appendTo: 'Global' },
    quote: { read: 'Global', write: 'Global', appendTo: 'Global' },
    // Activities (prvCreateActivity...): the renewal task for the record's owner, the close activity of a win.
    activitypointer: { create: 'Global', read: 'Global', write: 'Global', append: 'Global', assign: 'Global' },
    systemuser: { read: 'Global', appendTo: 'Global' },
    contact: { create: 'Global', read: 'Global', write: 'Global', append: 'Global', appendTo: 'Global' },
    dtclm_contract: { create: 'Global', read: 'Global', write: 'Global', append: 'Global', appendTo: 'Global', assign: 'Global' },
    dtclm_contractevent: { create: 'Global', read: 'Global', write: 'Global', append: 'Global', assign: 'Global' },
    dtclm_template: { create: 'Global', read: 'Global', write: 'Global', appendTo: 'Global' },
    dtclm_userlink: { create: 'Global', read: 'Global', write: 'Global', append: 'Global' },
    // Delete: a full contact sync removes the links whose contact is gone (docs/decisions.md).
    dtclm_contactlink: { create: 'Global', read: 'Global', write: 'Global', delete: 'Global', append: 'Global' },
    // A value row is created against its definition when a variable has none yet (Append / AppendTo).
    environmentvariabledefinition: { read: 'Global', write: 'Global', appendTo: 'Global' },
    environmentvariablevalue: { create: 'Global', read: 'Global', write: 'Global', append: 'Global' },
  },
  miscPrivileges: ['prvActOnBehalfOfAnotherUser'],
};

/** The four roles of people, then the application user's. */
export const connectorRoles: RoleDef[] = [connectorUserRole, connectorSendToSignRole, connectorReadOnlyRole, connectorAdminRole, connectorApplicationRole];
