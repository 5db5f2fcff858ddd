/**
 * The tables that make up the organization itself: business units, users, teams, roles, their
 * settings, time zones, currencies, and the environment variables and web resources solutions bring. Only the
 * columns the connector (or a plausible mapping) reads are described; names, types and lengths are
 * Dataverse's own.
 */
import {
  bigInt,
  choice,
  dateTime,
  decimal,
  lookup,
  memo,
  primaryKey,
  READ_ONLY,
  CREATE_ONLY,
  text,
  uniqueIdentifier,
  wholeNumber,
  yesNo,
} from '../../../solution/model/columns';
import { stateOptionSets, systemColumns } from '../../../solution/model/system-columns';
import type { AttributeDef, OptionSetDef, TableDef } from '../../../solution/model/types';

const SYSTEM = { isSystem: true } as const;

/** Every column of a system table is Dataverse's own. */
function allSystem(attrs: AttributeDef[]): AttributeDef[] {
  return attrs.map((a) => ({ ...a, isSystem: true }));
}

const businessUnitTable: TableDef = {
  logicalName: 'businessunit',
  schemaName: 'BusinessUnit',
  entitySetName: 'businessunits',
  displayName: 'Business Unit',
  displayCollectionName: 'Business Units',
  primaryIdAttribute: 'businessunitid',
  primaryNameAttribute: 'name',
  ownershipType: 'None',
  metadataOwnershipType: 'BusinessOwned',
  objectTypeCode: 10,
  isCustomEntity: false,
  attributes: allSystem([
    primaryKey('businessunitid', 'BusinessUnitId', 'Business Unit'),
    text('name', 'Name', 'Name', 160, { isPrimaryName: true, requiredLevel: 'SystemRequired' }),
    lookup('parentbusinessunitid', 'ParentBusinessUnitId', 'Parent Business', ['businessunit']),
    lookup('organizationid', 'OrganizationId', 'Organization', ['organization'], READ_ONLY),
    lookup('transactioncurrencyid', 'TransactionCurrencyId', 'Currency', ['transactioncurrency']),
    yesNo('isdisabled', 'IsDisabled', 'Is Disabled', { false: 'Enabled', true: 'Disabled' }, READ_ONLY),
    text('divisionname', 'DivisionName', 'Division', 100),
    text('emailaddress', 'EMailAddress', 'Email', 100, { format: 'Email' }),
    ...systemColumns({ entity: 'businessunit', displayName: 'Business Unit', ownership: 'None', states: false }),
  ]),
};

const organizationTable: TableDef = {
  logicalName: 'organization',
  schemaName: 'Organization',
  entitySetName: 'organizations',
  displayName: 'Organization',
  displayCollectionName: 'Organizations',
  primaryIdAttribute: 'organizationid',
  primaryNameAttribute: 'name',
  ownershipType: 'OrganizationOwned',
  objectTypeCode: 1019,
  isCustomEntity: false,
  attributes: allSystem([
    primaryKey('organizationid', 'OrganizationId', 'Organization', { isValidForCreate: false }),
    text('name', 'Name', 'Organization Name', 160, { isPrimaryName: true, ...READ_ONLY }),
    lookup('basecurrencyid', 'BaseCurrencyId', 'Currency', ['transactioncurrency'], READ_ONLY),
    wholeNumber('languagecode', 'LanguageCode', 'Language', READ_ONLY),
    wholeNumber('localeid', 'LocaleId', 'Locale', { isValidForCreate: false }),
    text('currencysymbol', 'CurrencySymbol', 'Currency Symbol', 13, { isValidForCreate: false }),
    wholeNumber('pricingdecimalprecision', 'PricingDecimalPrecision', 'Pricing Decimal Precision', { minValue: 0, maxValue: 4, isValidForCreate: false }),
    dateTime('createdon', 'CreatedOn', 'Created On', 'UserLocal', READ_ONLY),
    dateTime('modifiedon', 'ModifiedOn', 'Modified On', 'UserLocal', READ_ONLY),
    bigInt('versionnumber', 'VersionNumber', 'Version Number', READ_ONLY),
  ]),
};

const accessModeOptionSet: OptionSetDef = {
  name: 'systemuser_accessmode',
  displayName: 'Access Mode',
  isGlobal: false,
  options: [
    { value: 0, label: 'Read-Write' },
    { value: 1, label: 'Administrative' },
    { value: 2, label: 'Read' },
    { value: 3, label: 'Support User' },
    { value: 4, label: 'Non-interactive' },
    { value: 5, label: 'Delegated Admin' },
  ],
};

const systemUserTable: TableDef = {
  logicalName: 'systemuser',
  schemaName: 'SystemUser',
  entitySetName: 'systemusers',
  displayName: 'User',
  displayCollectionName: 'Users',
  primaryIdAttribute: 'systemuserid',
  primaryNameAttribute: 'fullname',
  ownershipType: 'None',
  metadataOwnershipType: 'BusinessOwned',
  objectTypeCode: 8,
  isCustomEntity: false,
  changeTrackingEnabled: true,
  attributes: allSystem([
    primaryKey('systemuserid', 'SystemUserId', 'User'),
    text('fullname', 'FullName', 'Full Name', 200, { isPrimaryName: true, ...READ_ONLY }),
    text('firstname', 'FirstName', 'First Name', 64, { requiredLevel: 'Recommended' }),
    text('lastname', 'LastName', 'Last Name', 64, { requiredLevel: 'Recommended' }),
    text('middlename', 'MiddleName', 'Middle Name', 50),
    text('nickname', 'NickName', 'Nickname', 50),
    text('title', 'Title', 'Title', 128),
    text('jobtitle', 'JobTitle', 'Job Title', 100),
    text('internalemailaddress', 'InternalEMailAddress', 'Primary Email', 100, { format: 'Email', requiredLevel: 'Recommended' }),
    text('personalemailaddress', 'PersonalEMailAddress', 'Email 2', 100, { format: 'Email' }),
    text('domainname', 'DomainName', 'User Name', 1024, { requiredLevel: 'SystemRequired' }),
    text('mobilephone', 'MobilePhone', 'Mobile Phone', 64, { format: 'Phone' }),
    text('address1_telephone1', 'Address1_Telephone1', 'Main Phone', 64, { format: 'Phone' }),
    uniqueIdentifier('azureactivedirectoryobjectid', 'AzureActiveDirectoryObjectId', 'Azure AD Object ID', CREATE_ONLY),
    uniqueIdentifier('applicationid', 'ApplicationId', 'Application ID', CREATE_ONLY),
    yesNo('isdisabled', 'IsDisabled', 'Status', { false: 'Enabled', true: 'Disabled' }),
    yesNo('islicensed', 'IsLicensed', 'User Licensed', { false: 'No', true: 'Yes' }),
    choice('accessmode', 'AccessMode', 'Access Mode', accessModeOptionSet, { requiredLevel: 'SystemRequired', defaultValue: 0 }),
    lookup('businessunitid', 'BusinessUnitId', 'Business Unit', ['businessunit'], { requiredLevel: 'SystemRequired' }),
    lookup('parentsystemuserid', 'ParentSystemUserId', 'Manager', ['systemuser']),
    lookup('transactioncurrencyid', 'TransactionCurrencyId', 'Currency', ['transactioncurrency']),
    uniqueIdentifier('organizationid', 'OrganizationId', 'Organization', READ_ONLY),
    ...systemColumns({ entity: 'systemuser', displayName: 'User', ownership: 'None', states: false }),
  ]),
};

const teamTypeOptionSet: OptionSetDef = {
  name: 'team_type',
  displayName: 'Team Type',
  isGlobal: false,
  options: [
    { value: 0, label: 'Owner' },
    { value: 1, label: 'Access' },
    { value: 2, label: 'Security Group' },
    { value: 3, label: 'Office Group' },
  ],
};

const teamTable: TableDef = {
  logicalName: 'team',
  schemaName: 'Team',
  entitySetName: 'teams',
  displayName: 'Team',
  displayCollectionName: 'Teams',
  primaryIdAttribute: 'teamid',
  primaryNameAttribute: 'name',
  ownershipType: 'None',
  metadataOwnershipType: 'BusinessOwned',
  objectTypeCode: 9,
  isCustomEntity: false,
  changeTrackingEnabled: true,
  attributes: allSystem([
    primaryKey('teamid', 'TeamId', 'Team'),
    text('name', 'Name', 'Team Name', 160, { isPrimaryName: true, requiredLevel: 'SystemRequired' }),
    memo('description', 'Description', 'Description', 2000),
    lookup('businessunitid', 'BusinessUnitId', 'Business Unit', ['businessunit'], { requiredLevel: 'SystemRequired' }),
    lookup('administratorid', 'AdministratorId', 'Administrator', ['systemuser'], { requiredLevel: 'SystemRequired' }),
    choice('teamtype', 'TeamType', 'Team Type', teamTypeOptionSet, { ...CREATE_ONLY, defaultValue: 0 }),
    uniqueIdentifier('azureactivedirectoryobjectid', 'AzureActiveDirectoryObjectId', 'Object Id for a group'),
    yesNo('isdefault', 'IsDefault', 'Is Default', { false: 'No', true: 'Yes' }, READ_ONLY),
    yesNo('systemmanaged', 'SystemManaged', 'Is System Managed', { false: 'No', true: 'Yes' }, READ_ONLY),
    text('emailaddress', 'EMailAddress', 'Email', 100, { format: 'Email' }),
    lookup('organizationid', 'OrganizationId', 'Organization', ['organization'], READ_ONLY),
    lookup('transactioncurrencyid', 'TransactionCurrencyId', 'Currency', ['transactioncurrency']),
    ...systemColumns({ entity: 'team', displayName: 'Team', ownership: 'None', states: false }),
  ]),
};

const roleTable: TableDef = {
  logicalName: 'role',
  schemaName: 'Role',
  entitySetName: 'roles',
  displayName: 'Security Role',
  displayCollectionName: 'Security Roles',
  primaryIdAttribute: 'roleid',
  primaryNameAttribute: 'name',
  ownershipType: 'None',
  metadataOwnershipType: 'BusinessOwned',
  objectTypeCode: 1036,
  isCustomEntity: false,
  attributes: allSystem([
    primaryKey('roleid', 'RoleId', 'Role'),
    text('name', 'Name', 'Name', 100, { isPrimaryName: true, requiredLevel: 'SystemRequired' }),
    memo('description', 'Description', 'Description', 2000),
    lookup('businessunitid', 'BusinessUnitId', 'Business Unit', ['businessunit'], { requiredLevel: 'SystemRequired' }),
    lookup('parentroleid', 'ParentRoleId', 'Parent Role', ['role'], READ_ONLY),
    lookup('parentrootroleid', 'ParentRootRoleId', 'Parent Root Role', ['role'], READ_ONLY),
    uniqueIdentifier('roleidunique', 'RoleIdUnique', 'Unique Id', READ_ONLY),
    yesNo('ismanaged', 'IsManaged', 'State', { false: 'Unmanaged', true: 'Managed' }, READ_ONLY),
    lookup('organizationid', 'OrganizationId', 'Organization', ['organization'], READ_ONLY),
    ...systemColumns({ entity: 'role', displayName: 'Security Role', ownership: 'None', states: false }),
  ]),
};

/** Settings of one user; its primary key is the user's id (one row per user). */
const userSettingsTable: TableDef = {
  logicalName: 'usersettings',
  schemaName: 'UserSettings',
  entitySetName: 'usersettingscollection',
  displayName: 'User Settings',
  displayCollectionName: 'User Settings',
  primaryIdAttribute: 'systemuserid',
  // Dataverse's usersettings has no primary name column.
  primaryNameAttribute: '',
  ownershipType: 'None',
  metadataOwnershipType: 'BusinessOwned',
  objectTypeCode: 150,
  isCustomEntity: false,
  attributes: allSystem([
    primaryKey('systemuserid', 'SystemUserId', 'User'),
    lookup('businessunitid', 'BusinessUnitId', 'Business Unit', ['businessunit']),
    wholeNumber('timezonecode', 'TimeZoneCode', 'Time Zone', { minValue: -1 }),
    wholeNumber('timezonebias', 'TimeZoneBias', 'Time Zone Bias', { minValue: -1500 }),
    wholeNumber('localeid', 'LocaleId', 'Locale Id', { minValue: 0 }),
    wholeNumber('uilanguageid', 'UILanguageId', 'UI Language Id', { minValue: 0 }),
    wholeNumber('helplanguageid', 'HelpLanguageId', 'Help Language Id', { minValue: 0 }),
    text('dateformatstring', 'DateFormatString', 'Date Format String', 255),
    text('timeformatstring', 'TimeFormatString', 'Time Format String', 255),
    text('dateseparator', 'DateSeparator', 'Date Separator', 5),
    text('timeseparator', 'TimeSeparator', 'Time Separator', 5),
    text('decimalsymbol', 'DecimalSymbol', 'Decimal Symbol', 5),
    text('numberseparator', 'NumberSeparator', 'Number Separator', 5),
    text('currencysymbol', 'CurrencySymbol', 'Currency Symbol', 13),
    wholeNumber('currencydecimalprecision', 'CurrencyDecimalPrecision', 'Currency Decimal Precision', { minValue: 0, maxValue: 4 }),
    wholeNumber('paginglimit', 'PagingLimit', 'Paging Limit', { minValue: 1, maxValue: 250 }),
    lookup('transactioncurrencyid', 'TransactionCurrencyId', 'Currency', ['transactioncurrency']),
    ...systemColumns({ entity: 'usersettings', displayName: 'User Settings', ownership: 'None', states: false }).filter(
      (a) => !['importsequencenumber', 'overriddencreatedon', 'timezoneruleversionnumber', 'utcconversiontimezonecode'].includes(a.logicalName),
    ),
  ]),
};

const timeZoneDefinitionTable: TableDef = {
  logicalName: 'timezonedefinition',
  schemaName: 'TimeZoneDefinition',
  entitySetName: 'timezonedefinitions',
  displayName: 'Time Zone Definition',
  displayCollectionName: 'Time Zone Definitions',
  primaryIdAttribute: 'timezonedefinitionid',
  primaryNameAttribute: 'userinterfacename',
  ownershipType: 'None',
  objectTypeCode: 4810,
  isCustomEntity: false,
  attributes: allSystem([
    primaryKey('timezonedefinitionid', 'TimeZoneDefinitionId', 'Time Zone Definition'),
    wholeNumber('timezonecode', 'TimeZoneCode', 'Time Zone Code', { minValue: 0, requiredLevel: 'SystemRequired' }),
    text('standardname', 'StandardName', 'Standard Name', 255, { requiredLevel: 'SystemRequired' }),
    text('daylightname', 'DaylightName', 'Daylight Name', 255),
    text('userinterfacename', 'UserInterfaceName', 'User Interface Name', 255, { isPrimaryName: true }),
    wholeNumber('bias', 'Bias', 'Bias', { minValue: -1500, maxValue: 1500 }),
    wholeNumber('retiredorder', 'RetiredOrder', 'Retired Order', { minValue: 0 }),
    ...systemColumns({ entity: 'timezonedefinition', displayName: 'Time Zone Definition', ownership: 'None', states: false }).filter((a) =>
      ['createdby', 'createdon', 'createdonbehalfby', 'modifiedby', 'modifiedon', 'modifiedonbehalfby', 'versionnumber'].includes(a.logicalName),
    ),
  ]),
};

const transactionCurrencyTable: TableDef = {
  logicalName: 'transactioncurrency',
  schemaName: 'TransactionCurrency',
  entitySetName: 'transactioncurrencies',
  displayName: 'Currency',
  displayCollectionName: 'Currencies',
  primaryIdAttribute: 'transactioncurrencyid',
  primaryNameAttribute: 'currencyname',
  ownershipType: 'OrganizationOwned',
  objectTypeCode: 9105,
  isCustomEntity: false,
  attributes: allSystem([
    primaryKey('transactioncurrencyid', 'TransactionCurrencyId', 'Currency'),
    text('currencyname', 'CurrencyName', 'Currency Name', 100, { isPrimaryName: true, requiredLevel: 'SystemRequired' }),
    text('isocurrencycode', 'ISOCurrencyCode', 'Currency Code', 5, { requiredLevel: 'SystemRequired' }),
    text('currencysymbol', 'CurrencySymbol', 'Currency Symbol', 10, { requiredLevel: 'SystemRequired' }),
    wholeNumber('currencyprecision', 'CurrencyPrecision', 'Currency Precision', { minValue: 0, maxValue: 4, requiredLevel: 'SystemRequired' }),
    decimal('exchangerate', 'ExchangeRate', 'Exchange Rate', 10, { minValue: 0.0000000001, maxValue: 100000000000, requiredLevel: 'SystemRequired' }),
    ...systemColumns({
      entity: 'transactioncurrency',
      displayName: 'Currency',
      ownership: 'OrganizationOwned',
      states: stateOptionSets('transactioncurrency'),
    }),
  ]),
};

const envVarTypeOptionSet: OptionSetDef = {
  name: 'environmentvariabledefinition_type',
  displayName: 'Type',
  isGlobal: false,
  options: [
    { value: 100000000, label: 'String' },
    { value: 100000001, label: 'Number' },
    { value: 100000002, label: 'Boolean' },
    { value: 100000003, label: 'JSON' },
    { value: 100000004, label: 'Data source' },
    { value: 100000005, label: 'Secret' },
  ],
};

const secretStoreOptionSet: OptionSetDef = {
  name: 'environmentvariabledefinition_secretstore',
  displayName: 'Secret Store',
  isGlobal: false,
  options: [
    { value: 0, label: 'Azure Key Vault' },
    { value: 1, label: 'Microsoft Dataverse' },
  ],
};

const environmentVariableDefinitionTable: TableDef = {
  logicalName: 'environmentvariabledefinition',
  schemaName: 'EnvironmentVariableDefinition',
  entitySetName: 'environmentvariabledefinitions',
  displayName: 'Environment Variable Definition',
  displayCollectionName: 'Environment Variable Definitions',
  primaryIdAttribute: 'environmentvariabledefinitionid',
  primaryNameAttribute: 'schemaname',
  ownershipType: 'UserOwned',
  objectTypeCode: 380,
  isCustomEntity: false,
  attributes: allSystem([
    primaryKey('environmentvariabledefinitionid', 'EnvironmentVariableDefinitionId', 'Environment Variable Definition'),
    text('schemaname', 'SchemaName', 'Schema Name', 100, { isPrimaryName: true, requiredLevel: 'SystemRequired', ...CREATE_ONLY }),
    text('displayname', 'DisplayName', 'Display Name', 100, { requiredLevel: 'SystemRequired' }),
    memo('description', 'Description', 'Description', 2000),
    choice('type', 'Type', 'Type', envVarTypeOptionSet, { requiredLevel: 'SystemRequired', ...CREATE_ONLY, defaultValue: 100000000 }),
    memo('defaultvalue', 'DefaultValue', 'Default Value', 2000),
    memo('valueschema', 'ValueSchema', 'Value Schema', 2000),
    text('hint', 'Hint', 'Hint', 1000),
    yesNo('isrequired', 'IsRequired', 'Is Required', { false: 'No', true: 'Yes' }),
    choice('secretstore', 'SecretStore', 'Secret Store', secretStoreOptionSet),
    text('introducedversion', 'IntroducedVersion', 'Introduced Version', 48),
    yesNo('ismanaged', 'IsManaged', 'Is Managed', { false: 'Unmanaged', true: 'Managed' }, READ_ONLY),
    ...systemColumns({ entity: 'environmentvariabledefinition', displayName: 'Environment Variable Definition', ownership: 'UserOwned' }),
  ]),
};

const environmentVariableValueTable: TableDef = {
  logicalName: 'environmentvariablevalue',
  schemaName: 'EnvironmentVariableValue',
  entitySetName: 'environmentvariablevalues',
  displayName: 'Environment Variable Value',
  displayCollectionName: 'Environment Variable Values',
  primaryIdAttribute: 'environmentvariablevalueid',
  primaryNameAttribute: 'schemaname',
  ownershipType: 'UserOwned',
  objectTypeCode: 381,
  isCustomEntity: false,
  attributes: allSystem([
    primaryKey('environmentvariablevalueid', 'EnvironmentVariableValueId', 'Environment Variable Value'),
    text('schemaname', 'SchemaName', 'Schema Name', 100, { isPrimaryName: true }),
    memo('value', 'Value', 'Value', 2000),
    lookup('environmentvariabledefinitionid', 'EnvironmentVariableDefinitionId', 'Environment Variable Definition', ['environmentvariabledefinition']),
    text('introducedversion', 'IntroducedVersion', 'Introduced Version', 48),
    yesNo('ismanaged', 'IsManaged', 'Is Managed', { false: 'Unmanaged', true: 'Managed' }, READ_ONLY),
    ...systemColumns({ entity: 'environmentvariablevalue', displayName: 'Environment Variable Value', ownership: 'UserOwned' }),
  ]),
};

const webResourceTypeOptionSet: OptionSetDef = {
  name: 'webresource_webresourcetype',
  displayName: 'Type',
  isGlobal: false,
  options: [
    { value: 1, label: 'Webpage (HTML)' },
    { value: 2, label: 'Style Sheet (CSS)' },
    { value: 3, label: 'Script (JScript)' },
    { value: 4, label: 'Data (XML)' },
    { value: 5, label: 'PNG format' },
    { value: 6, label: 'JPG format' },
    { value: 7, label: 'GIF format' },
    { value: 8, label: 'Silverlight (XAP)' },
    { value: 9, label: 'Style Sheet (XSL)' },
    { value: 10, label: 'ICO format' },
    { value: 11, label: 'Vector format (SVG)' },
    { value: 12, label: 'String (RESX)' },
  ],
};

/**
 * The web resources solutions bring (webresourceset): organization-owned, the file in `content`
 * (base64). Only the columns a reader of an imported solution looks at; no audit lookups.
 */
const webResourceTable: TableDef = {
  logicalName: 'webresource',
  schemaName: 'WebResource',
  entitySetName: 'webresourceset',
  displayName: 'Web Resource',
  displayCollectionName: 'Web Resources',
  primaryIdAttribute: 'webresourceid',
  primaryNameAttribute: 'name',
  ownershipType: 'OrganizationOwned',
  objectTypeCode: 9333,
  isCustomEntity: false,
  attributes: allSystem([
    primaryKey('webresourceid', 'WebResourceId', 'Web Resource'),
    text('name', 'Name', 'Name', 256, { isPrimaryName: true, requiredLevel: 'SystemRequired', ...CREATE_ONLY }),
    text('displayname', 'DisplayName', 'Display Name', 200),
    memo('description', 'Description', 'Description', 2000),
    choice('webresourcetype', 'WebResourceType', 'Type', webResourceTypeOptionSet, { requiredLevel: 'SystemRequired', ...CREATE_ONLY }),
    memo('content', 'Content', 'Content', 1073741823),
    yesNo('ismanaged', 'IsManaged', 'State', { false: 'Unmanaged', true: 'Managed' }, READ_ONLY),
    text('introducedversion', 'IntroducedVersion', 'Introduced Version', 48),
    dateTime('createdon', 'CreatedOn', 'Created On', 'UserLocal', READ_ONLY),
    dateTime('modifiedon', 'ModifiedOn', 'Modified On', 'UserLocal', READ_ONLY),
    bigInt('versionnumber', 'VersionNumber', 'Version Number', READ_ONLY),
  ]),
};

/** The intersect table of a many-to-many relationship: its own id and the two sides' ids. */
function intersectTable(logicalName: string, schemaName: string, entitySetName: string, primaryId: string, sides: [string, string]): TableDef {
  return {
    logicalName,
    schemaName,
    entitySetName,
    displayName: schemaName,
    displayCollectionName: schemaName,
    primaryIdAttribute: primaryId,
    primaryNameAttribute: '',
    ownershipType: 'None',
    isCustomEntity: false,
    isIntersect: true,
    attributes: [
      primaryKey(primaryId, primaryId, schemaName, { ...SYSTEM, ...READ_ONLY }),
      uniqueIdentifier(sides[0], sides[0], sides[0], { ...SYSTEM, ...READ_ONLY }),
      uniqueIdentifier(sides[1], sides[1], sides[1], { ...SYSTEM, ...READ_ONLY }),
      bigInt('versionnumber', 'VersionNumber', 'Version Number', { ...SYSTEM, ...READ_ONLY }),
    ],
  };
}

const systemUserRolesTable = intersectTable('systemuserroles', 'SystemUserRoles', 'systemuserrolescollection', 'systemuserroleid', ['systemuserid', 'roleid']);
const teamRolesTable = intersectTable('teamroles', 'TeamRoles', 'teamrolescollection', 'teamroleid', ['teamid', 'roleid']);
const teamMembershipTable = intersectTable('teammembership', 'TeamMembership', 'teammemberships', 'teammembershipid', ['systemuserid', 'teamid']);

export const organizationTables: TableDef[] = [
  businessUnitTable,
  organizationTable,
  systemUserTable,
  teamTable,
  roleTable,
  userSettingsTable,
  timeZoneDefinitionTable,
  transactionCurrencyTable,
  environmentVariableDefinitionTable,
  environmentVariableValueTable,
  webResourceTable,
  systemUserRolesTable,
  teamRolesTable,
  teamMembershipTable,
];
