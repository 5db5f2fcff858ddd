/**
 * The connector's environment variables (dataverse-model.md, scim-profile.md, contact-sync.md).
 * The packer writes each as environmentvariabledefinitions/<schemaname>/environmentvariabledefinition.xml;
 * the emulator seeds them as environmentvariabledefinition rows with no value row.
 *
 * The display names are the product guide's, which admins follow in either language, so their
 * French twin is the same name; the descriptions are in English and French.
 */
import { label, type Label } from './labels';

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
  displayName: Label;
  type: EnvironmentVariableType;
  /** ENV_VAR_TYPE[type], written out so that readers of the XML can compare. */
  typeCode: number;
  description: Label;
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
  description: Label,
  opts: { defaultValue?: string; isRequired?: boolean } = {},
): EnvironmentVariableDef {
  return {
    schemaName,
    // A name of the product guide: the same in both languages.
    displayName: label(displayName, displayName),
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
  envVar(
    1,
    'dtclm_account_rootfolder',
    'Dilitrust_account_rootfolder',
    'String',
    label('CLM folder id where new contracts go.', 'ID du dossier CLM où vont les nouveaux contrats.'),
    {
      isRequired: true,
    },
  ),
  envVar(
    2,
    'dtclm_token_rt',
    'Dilitrust_token_rt',
    'String',
    label(
      'CLM refresh token pasted at install. The connector moves it to its own token store and blanks this value.',
      'Jeton d’actualisation CLM collé à l’installation. Le connecteur le déplace dans son propre magasin de jetons et vide cette valeur.',
    ),
  ),
  envVar(
    3,
    'dtclm_token_at',
    'Dilitrust_token_at',
    'String',
    label(
      'CLM access token pasted at install. The connector moves it to its own token store and blanks this value.',
      'Jeton d’accès CLM collé à l’installation. Le connecteur le déplace dans son propre magasin de jetons et vide cette valeur.',
    ),
  ),
  envVar(
    4,
    'dtclm_clm_url',
    'Dilitrust_CLM URL',
    'String',
    label('CLM web base, used to build links to contracts.', 'Adresse web du CLM, pour construire les liens vers les contrats.'),
    {
      defaultValue: 'https://clm.dilitrust.com',
      isRequired: true,
    },
  ),
  envVar(5, 'dtclm_api_url', 'Dilitrust_API URL', 'String', label('CLM API base.', 'Adresse de base de l’API du CLM.'), {
    defaultValue: 'https://api.dilitrust.com/api/clm/v1',
    isRequired: true,
  }),
  envVar(
    6,
    'dtclm_connector_url',
    'Dilitrust_Connector URL',
    'String',
    label(
      'Base URL of the connector Azure Functions app, e.g. https://contoso-clm.azurewebsites.net/api',
      'URL de base de l’application Azure Functions du connecteur, par exemple https://contoso-clm.azurewebsites.net/api',
    ),
    {
      isRequired: true,
    },
  ),
  envVar(
    7,
    'dtclm_connector_appid',
    'Dilitrust_Connector App ID',
    'String',
    label(
      "Entra application (client) id of the connector API, for the web resources' token requests.",
      'ID d’application (client) Entra de l’API du connecteur, pour les demandes de jeton des ressources web.',
    ),
    {
      isRequired: true,
    },
  ),
  envVar(
    8,
    'dtclm_requestcontract_visible',
    'Dilitrust_RequestContract_Visible',
    'JSON',
    label('Where the Request Contract button shows.', 'Où le bouton Demander un contrat apparaît.'),
    {
      defaultValue: JSON.stringify(DEFAULT_REQUEST_CONTRACT_VISIBLE),
    },
  ),
  envVar(
    9,
    'dtclm_scim_settings',
    'Dilitrust_SCIM_Settings',
    'JSON',
    label(
      'User provisioning: role map (Dynamics role or team name -> CLM role), group prefix, role id overrides.',
      'Provisionnement des utilisateurs\u00a0: correspondance des rôles (rôle ou équipe Dynamics -> rôle CLM), préfixe des groupes, ID de rôle imposés.',
    ),
    {
      defaultValue: JSON.stringify(DEFAULT_SCIM_SETTINGS),
    },
  ),
  envVar(
    10,
    'dtclm_contactsync_settings',
    'Dilitrust_ContactSync_Settings',
    'JSON',
    label('Contact sync: field map and scope.', 'Synchronisation des contacts\u00a0: correspondance des champs et périmètre.'),
    {
      defaultValue: JSON.stringify(DEFAULT_CONTACT_SYNC_SETTINGS),
    },
  ),
  envVar(
    11,
    'dtclm_outcome_settings',
    'Dilitrust_Outcome_Settings',
    'JSON',
    label(
      'What a contract\'s status does to its record, e.g. {"opportunity": {"signed": "win"}, "quote": {"signed": "win"}}. Empty: nothing.',
      'Ce que le statut d’un contrat fait à son enregistrement, par exemple {"opportunity": {"signed": "win"}, "quote": {"signed": "win"}}. Vide\u00a0: rien.',
    ),
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
    label(
      "Entra authority the pages sign in with, e.g. https://login.microsoftonline.us/<tenant id>. Empty: https://login.microsoftonline.com/<the domain of the user's sign-in name>.",
      'Autorité Entra auprès de laquelle les pages se connectent, par exemple https://login.microsoftonline.us/<ID du locataire>. Vide\u00a0: https://login.microsoftonline.com/<le domaine du nom de connexion de l’utilisateur>.',
    ),
  ),
];
