/**
 * The ordinary Dynamics roles of the sandbox world (identities.ts ROLE_NAMES). Together with the
 * connector's own roles (solution/model/roles.ts, the application user's included) they are what
 * the emulator enforces. Like a real org's roles, they name only tables with privileges of their
 * own: lines, intersect tables and time zones are secured otherwise (security/privilege-owner.ts).
 */
import { ROLE_NAMES } from '../../seed/identities';
import { allPrivileges } from '../../../solution/model/types';
import type { PrivilegeDepth, RoleDef } from './security-types';

const all = allPrivileges;

export const SYSTEM_ROLE_IDS = {
  systemAdministrator: '5eed0004-0000-4000-8000-000000000001',
  salesperson: '5eed0004-0000-4000-8000-000000000002',
  salespersonOwnRecords: '5eed0004-0000-4000-8000-000000000003',
} as const;

/** The tables a salesperson works in (their lines follow opportunity and quote). */
const SALES_TABLES = ['account', 'contact', 'opportunity', 'quote'] as const;

/** What every user may read to use the app at all (the Basic User role of real Dataverse). */
const organizationReads: RoleDef['privileges'] = {
  systemuser: { read: 'Global' },
  team: { read: 'Global' },
  businessunit: { read: 'Global' },
  role: { read: 'Global' },
  usersettings: { read: 'Global', write: 'Basic' },
  transactioncurrency: { read: 'Global' },
  organization: { read: 'Global' },
  product: { read: 'Global' },
  uom: { read: 'Global' },
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
  // Their own tasks and the close activities of the deals they win (Activity privileges).
  privileges.activitypointer = {
    read: 'Global',
    create: 'Basic',
    write: 'Basic',
    delete: 'Basic',
    append: 'Basic',
    appendTo: 'Basic',
    assign: 'Basic',
    share: 'Basic',
  };
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

export const systemRoles: RoleDef[] = [systemAdministratorRole, salespersonRole, salespersonOwnRecordsRole];
