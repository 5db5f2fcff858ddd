/**
 * The ordinary Dynamics roles of the sandbox world (identities.ts ROLE_NAMES) and the role of the
 * connector's application user. Together with the connector's own roles (solution/model/roles.ts)
 * they are what the emulator enforces.
 */
import { CONNECTOR_APP, ROLE_NAMES } from '../../seed/identities';
import { allPrivileges } from '../../../solution/model/types';
import type { PrivilegeDepth, RoleDef } from './security-types';

const all = allPrivileges;

export const SYSTEM_ROLE_IDS = {
  systemAdministrator: '5eed0004-0000-4000-8000-000000000001',
  salesperson: '5eed0004-0000-4000-8000-000000000002',
  salespersonOwnRecords: '5eed0004-0000-4000-8000-000000000003',
  connectorApplication: '5eed0004-0000-4000-8000-000000000004',
} as const;

/** The tables a salesperson works in. */
const SALES_TABLES = ['account', 'contact', 'opportunity', 'opportunityproduct', 'quote', 'quotedetail'] as const;

/** What every user may read to use the app at all (the Basic User role of real Dataverse). */
const organizationReads: RoleDef['privileges'] = {
  systemuser: { read: 'Global' },
  team: { read: 'Global' },
  businessunit: { read: 'Global' },
  role: { read: 'Global' },
  usersettings: { read: 'Global', write: 'Basic' },
  timezonedefinition: { read: 'Global' },
  transactioncurrency: { read: 'Global' },
  organization: { read: 'Global' },
  product: { read: 'Global' },
  uom: { read: 'Global' },
  systemuserroles: { read: 'Global' },
  teamroles: { read: 'Global' },
  teammembership: { read: 'Global' },
  environmentvariabledefinition: { read: 'Global' },
  environmentvariablevalue: { read: 'Global' },
};

function salesPrivileges(opportunityRead: PrivilegeDepth): RoleDef['privileges'] {
  const privileges: RoleDef['privileges'] = { ...organizationReads };
  for (const table of SALES_TABLES) {
    privileges[table] = {
      read: 'Global',
      create: 'Basic',
      write: 'Basic',
      delete: 'Basic',
      append: 'Basic',
      appendTo: 'Global',
      assign: 'Basic',
      share: 'Basic',
    };
  }
  privileges.opportunity = { ...privileges.opportunity, read: opportunityRead };
  return privileges;
}

const systemAdministratorRole: RoleDef = {
  roleId: SYSTEM_ROLE_IDS.systemAdministrator,
  name: ROLE_NAMES.systemAdministrator,
  privileges: { '*': all('Global') },
  miscPrivileges: ['prvActOnBehalfOfAnotherUser'],
};

const salespersonRole: RoleDef = {
  roleId: SYSTEM_ROLE_IDS.salesperson,
  name: ROLE_NAMES.salesperson,
  privileges: salesPrivileges('Global'),
};

/** As Salesperson, but sees only the opportunities they (or their teams) own. */
const salespersonOwnRecordsRole: RoleDef = {
  roleId: SYSTEM_ROLE_IDS.salespersonOwnRecords,
  name: ROLE_NAMES.salespersonOwnRecords,
  privileges: salesPrivileges('Basic'),
};

/**
 * The connector's application user: reads what mappings read and who may do what, writes the
 * connector's tables and contacts (contact sync), and acts on behalf of the calling user
 * (CallerObjectId), which is what lets Dataverse apply that user's own record security.
 */
const connectorApplicationRole: RoleDef = {
  roleId: SYSTEM_ROLE_IDS.connectorApplication,
  name: `${CONNECTOR_APP.displayName} (application)`,
  privileges: {
    ...Object.fromEntries(Object.keys(organizationReads).map((t) => [t, { read: 'Global' as const }])),
    account: { read: 'Global', appendTo: 'Global' },
    contact: { create: 'Global', read: 'Global', write: 'Global', append: 'Global', appendTo: 'Global' },
    opportunity: { read: 'Global', appendTo: 'Global' },
    opportunityproduct: { read: 'Global' },
    quote: { read: 'Global', appendTo: 'Global' },
    quotedetail: { read: 'Global' },
    systemuser: { read: 'Global', appendTo: 'Global' },
    dtclm_contract: all('Global'),
    dtclm_contractevent: all('Global'),
    dtclm_template: all('Global'),
    dtclm_userlink: all('Global'),
    dtclm_contactlink: all('Global'),
    environmentvariabledefinition: { read: 'Global', write: 'Global' },
    environmentvariablevalue: all('Global'),
  },
  miscPrivileges: ['prvActOnBehalfOfAnotherUser'],
};

export const systemRoles: RoleDef[] = [systemAdministratorRole, salespersonRole, salespersonOwnRecordsRole, connectorApplicationRole];
