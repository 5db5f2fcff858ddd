/**
 * Names of Dataverse's own tables as solution files spell them. customizations.xml names tables by
 * schema name (SystemUser, BusinessUnit) and privileges by a name of their own (prvReadUser for
 * systemuser). The connector only refers to the few system tables listed here; any other name is a
 * mistake in the model and stops the build rather than producing a solution that fails to import.
 */
import type { TableDef } from '../model/types';

interface SystemTableNames {
  schemaName: string;
  /** The part after prvRead/prvWrite/... in the table's privilege names. */
  privilegeName: string;
  objectTypeCode?: number;
  displayName: string;
  /** The table's primary key and primary name columns: what a lookup to it depends on. */
  primaryId?: string;
  primaryName?: string;
  /**
   * The solution that brings the table into an organization, when it is not Dataverse's own: the
   * solution lists what it needs from there in solution.xml's MissingDependencies.
   */
  solution?: string;
}

/** Dynamics 365 Sales, which installs opportunity and quote (and their main forms). */
const SALES_SOLUTION = 'msdynce_Sales';

export const SYSTEM_TABLES: Record<string, SystemTableNames> = {
  systemuser: { schemaName: 'SystemUser', privilegeName: 'User', objectTypeCode: 8, displayName: 'User' },
  team: { schemaName: 'Team', privilegeName: 'Team', objectTypeCode: 9, displayName: 'Team' },
  businessunit: { schemaName: 'BusinessUnit', privilegeName: 'BusinessUnit', objectTypeCode: 10, displayName: 'Business Unit' },
  organization: { schemaName: 'Organization', privilegeName: 'Organization', objectTypeCode: 1019, displayName: 'Organization' },
  role: { schemaName: 'Role', privilegeName: 'Role', objectTypeCode: 1036, displayName: 'Security Role' },
  opportunity: {
    schemaName: 'Opportunity',
    privilegeName: 'Opportunity',
    objectTypeCode: 3,
    displayName: 'Opportunity',
    primaryId: 'opportunityid',
    primaryName: 'name',
    solution: SALES_SOLUTION,
  },
  quote: {
    schemaName: 'Quote',
    privilegeName: 'Quote',
    objectTypeCode: 1084,
    displayName: 'Quote',
    primaryId: 'quoteid',
    primaryName: 'name',
    solution: SALES_SOLUTION,
  },
  contact: { schemaName: 'Contact', privilegeName: 'Contact', objectTypeCode: 2, displayName: 'Contact' },
  account: { schemaName: 'Account', privilegeName: 'Account', objectTypeCode: 1, displayName: 'Account' },
  transactioncurrency: { schemaName: 'TransactionCurrency', privilegeName: 'TransactionCurrency', objectTypeCode: 9105, displayName: 'Currency' },
  usersettings: { schemaName: 'UserSettings', privilegeName: 'UserSettings', objectTypeCode: 150, displayName: 'User Settings' },
  environmentvariabledefinition: {
    schemaName: 'EnvironmentVariableDefinition',
    privilegeName: 'EnvironmentVariableDefinition',
    displayName: 'Environment Variable Definition',
  },
  environmentvariablevalue: {
    schemaName: 'EnvironmentVariableValue',
    privilegeName: 'EnvironmentVariableValue',
    displayName: 'Environment Variable Value',
  },
  // Every activity (task, opportunity close, quote close) takes these privileges: prvCreateActivity, ...
  activitypointer: { schemaName: 'ActivityPointer', privilegeName: 'Activity', objectTypeCode: 4200, displayName: 'Activity' },
  // The polymorphic owner (a user or a team) that owner_<table> relationships point at.
  owner: { schemaName: 'Owner', privilegeName: 'Owner', displayName: 'Owner' },
};

class UnknownTableError extends Error {}

/** Schema name of a table: the connector's own from the model, Dataverse's from SYSTEM_TABLES. */
export function tableSchemaName(logicalName: string, ownTables: TableDef[]): string {
  const own = ownTables.find((t) => t.logicalName === logicalName);
  if (own) return own.schemaName;
  const sys = SYSTEM_TABLES[logicalName];
  if (!sys)
    throw new UnknownTableError(
      `The solution refers to table "${logicalName}", which is neither the connector's nor a known system table (solution/pack/names.ts).`,
    );
  return sys.schemaName;
}

/** Suffix of a table's privilege names: prvCreate<suffix>. Custom tables use their schema name (prvCreatedtclm_Contract). */
export function privilegeSuffix(logicalName: string, ownTables: TableDef[]): string {
  const own = ownTables.find((t) => t.logicalName === logicalName);
  if (own) return own.schemaName;
  const sys = SYSTEM_TABLES[logicalName];
  if (!sys)
    throw new UnknownTableError(
      `A role grants privileges on "${logicalName}", which is neither the connector's nor a known system table (solution/pack/names.ts).`,
    );
  return sys.privilegeName;
}
