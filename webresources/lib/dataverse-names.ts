/**
 * The Dataverse names the browser code uses, from shared/spec/dataverse-model.md. The browser does
 * not import solution/model (it would pull the whole model into every form's bundle); a build
 * test holds these equal to the model.
 */

export const ROLE_NAMES = {
  user: 'Dilitrust CLM User',
  sendToSign: 'Dilitrust CLM Send to Sign',
  readOnly: 'Dilitrust CLM ReadOnly',
  admin: 'Dilitrust CLM Admin',
} as const;

export const WEB_RESOURCES = {
  requestContract: 'dtclm_/html/requestcontract.html',
  contractStatus: 'dtclm_/html/contractstatus.html',
  admin: 'dtclm_/html/admin.html',
  contractStatusIcon: 'dtclm_/icons/contractstatus.svg',
  /** Sync to CLM's connector client, which the ribbon fetches on a click (webresources/ribbon/sync-contact.ts). */
  syncContactScript: 'dtclm_/js/sync-contact.js',
  signIn: 'dtclm_/html/signin.html',
} as const;

export const ENV_VARS = {
  requestContractVisible: 'dtclm_requestcontract_visible',
  connectorUrl: 'dtclm_connector_url',
  connectorAppId: 'dtclm_connector_appid',
  connectorAuthority: 'dtclm_connector_authority',
  contactSyncSettings: 'dtclm_contactsync_settings',
  outcomeSettings: 'dtclm_outcome_settings',
} as const;

/** dtclm_contractstatus values the ribbon needs. */
export const CONTRACT_STATUS = { draft: 718900000, validated: 718900002 } as const;

/** The tables the connector's buttons sit on, and the dtclm_contract lookup that points at each. */
export const CONTRACT_LOOKUP_OF: Record<string, string> = {
  opportunity: 'dtclm_opportunityid',
  quote: 'dtclm_quoteid',
};

/** dtclm_contract's collection of its events (relationship dtclm_dtclm_contract_dtclm_contractevent). */
export const CONTRACT_EVENTS_NAV = 'dtclm_dtclm_contract_dtclm_contractevent';
