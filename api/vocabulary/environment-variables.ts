/** The schema names of the connector's environment variables (dataverse-model.md, scim-profile.md, contact-sync.md). */
export const ENVIRONMENT_VARIABLES = {
  accountRootFolder: 'dtclm_account_rootfolder',
  refreshToken: 'dtclm_token_rt',
  accessToken: 'dtclm_token_at',
  clmUrl: 'dtclm_clm_url',
  apiUrl: 'dtclm_api_url',
  connectorUrl: 'dtclm_connector_url',
  connectorAppId: 'dtclm_connector_appid',
  requestContractVisible: 'dtclm_requestcontract_visible',
  scimSettings: 'dtclm_scim_settings',
  contactSyncSettings: 'dtclm_contactsync_settings',
  outcomeSettings: 'dtclm_outcome_settings',
  connectorAuthority: 'dtclm_connector_authority',
} as const;
