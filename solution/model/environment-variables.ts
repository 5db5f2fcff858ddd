/**
 * The connector's environment variables (dataverse-model.md, scim-profile.md, contact-sync.md).
 * The packer writes each as environmentvariabledefinitions/<schemaname>/environmentvariabledefinition.xml;
 * the emulator seeds them as environmentvariabledefinition rows with no value row.
 */

/** environmentvariabledefinition.type: the choice values Dataverse uses. */
const ENV_VAR_TYPE = {
  String: 100000000,
  Number: 100000001,
  Boolean: 100000002,
  JSON: 100000003,
  DataSource: 100000004,
  Secret: 100000005,
} as const;

type EnvironmentVariableType = keyof typeof ENV_VAR_TYPE;

export interface EnvironmentVariableDef {
  schemaName: string;
  displayName: string;
  type: EnvironmentVariableType;
  /** ENV_VAR_TYPE[type], written out so that readers of the XML can compare. */
  typeCode: number;
  description: string;
  /** The definition's defaultvalue; absent = none (the admin must set a value). */
  defaultValue?: string;
  isRequired: boolean;
  /** Fixed id of the definition row (the emulator's seed; the packer may ignore it). */
  definitionId: string;
}

function envVar(
  n: number,
  schemaName: string,
  displayName: string,
  type: EnvironmentVariableType,
  description: string,
  opts: { defaultValue?: string; isRequired?: boolean } = {},
): EnvironmentVariableDef {
  return {
    schemaName,
    displayName,
    type,
    typeCode: ENV_VAR_TYPE[type],
    description,
    ...(opts.defaultValue !== undefined ? { defaultValue: opts.defaultValue } : {}),
    isRequired: opts.isRequired ?? false,
    definitionId: `e4a7d000-7189-4000-8000-${n.toString(16).padStart(12, '0')}`,
  };
}

/** Default of dtclm_contactsync_settings: the field map of contact-sync.md, contacts that sign. */
const DEFAULT_CONTACT_SYNC_SETTINGS = {
  scope: 'signatories',
  fields: [
    { clm: 'firstName', dynamics: 'firstname', direction: 'both' },
    { clm: 'lastName', dynamics: 'lastname', direction: 'both' },
    { clm: 'email', dynamics: 'emailaddress1', direction: 'both' },
    { clm: 'phone', dynamics: 'telephone1', direction: 'both' },
    { clm: 'active', dynamics: 'statecode', direction: 'both' },
  ],
} as const;

/** Default of dtclm_scim_settings (scim-profile.md): no team-to-role map, groups for teams named CLM-*. */
const DEFAULT_SCIM_SETTINGS = { roleMap: {}, groupPrefix: 'CLM-' } as const;

const DEFAULT_REQUEST_CONTRACT_VISIBLE = { opportunity: true, quote: true } as const;

export const environmentVariables: EnvironmentVariableDef[] = [
  envVar(1, 'dtclm_account_rootfolder', 'Dilitrust_account_rootfolder', 'String', 'CLM folder id where new contracts go.', {
    isRequired: true,
  }),
  envVar(
    2,
    'dtclm_token_rt',
    'Dilitrust_token_rt',
    'String',
    'CLM refresh token pasted at install. The connector moves it to its own token store and blanks this value.',
  ),
  envVar(
    3,
    'dtclm_token_at',
    'Dilitrust_token_at',
    'String',
    'CLM access token pasted at install. The connector moves it to its own token store and blanks this value.',
  ),
  envVar(4, 'dtclm_clm_url', 'Dilitrust_CLM URL', 'String', 'CLM web base, used to build links to contracts.', {
    defaultValue: 'https://clm.dilitrust.com',
    isRequired: true,
  }),
  envVar(5, 'dtclm_api_url', 'Dilitrust_API URL', 'String', 'CLM API base.', {
    defaultValue: 'https://api.dilitrust.com/api/clm/v1',
    isRequired: true,
  }),
  envVar(
    6,
    'dtclm_connector_url',
    'Dilitrust_Connector URL',
    'String',
    'Base URL of the connector Azure Functions app, e.g. https://contoso-clm.azurewebsites.net/api',
    {
      isRequired: true,
    },
  ),
  envVar(
    7,
    'dtclm_connector_appid',
    'Dilitrust_Connector App ID',
    'String',
    "Entra application (client) id of the connector API, for the web resources' token requests.",
    {
      isRequired: true,
    },
  ),
  envVar(8, 'dtclm_requestcontract_visible', 'Dilitrust_RequestContract_Visible', 'JSON', 'Where the Request Contract button shows.', {
    defaultValue: JSON.stringify(DEFAULT_REQUEST_CONTRACT_VISIBLE),
  }),
  envVar(
    9,
    'dtclm_scim_settings',
    'Dilitrust_SCIM_Settings',
    'JSON',
    'User provisioning: role map (Dynamics role or team name -> CLM role), group prefix, role id overrides.',
    {
      defaultValue: JSON.stringify(DEFAULT_SCIM_SETTINGS),
    },
  ),
  envVar(10, 'dtclm_contactsync_settings', 'Dilitrust_ContactSync_Settings', 'JSON', 'Contact sync: field map and scope.', {
    defaultValue: JSON.stringify(DEFAULT_CONTACT_SYNC_SETTINGS),
  }),
  envVar(
    11,
    'dtclm_outcome_settings',
    'Dilitrust_Outcome_Settings',
    'JSON',
    'What a contract\'s status does to its record, e.g. {"opportunity": {"signed": "win"}, "quote": {"signed": "win"}}. Empty: nothing.',
    { defaultValue: '{}' },
  ),
  // Not in dataverse-model.md's list: the pages' Entra authority when it is not the commercial
  // cloud's (docs/decisions.md, "Where a page signs in"). Optional: empty means the user's tenant
  // at login.microsoftonline.com.
  envVar(
    12,
    'dtclm_connector_authority',
    'Dilitrust_Connector Authority',
    'String',
    "Entra authority the pages sign in with, e.g. https://login.microsoftonline.us/<tenant id>. Empty: https://login.microsoftonline.com/<the domain of the user's sign-in name>.",
  ),
];
