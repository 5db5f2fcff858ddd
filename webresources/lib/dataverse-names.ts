/**
 * The web resource names the browser code opens, from shared/spec/dataverse-model.md (the statuses,
 * roles, tables and environment variables are the vocabulary's: api/vocabulary). The browser does
 * not import solution/model (it would pull the whole model into every form's bundle); a build
 * test holds these to the spec.
 */

export const WEB_RESOURCES = {
  requestContract: 'dtclm_/html/requestcontract.html',
  contractStatus: 'dtclm_/html/contractstatus.html',
  admin: 'dtclm_/html/admin.html',
  contractStatusIcon: 'dtclm_/icons/contractstatus.svg',
  /** Sync to CLM's connector client, which the ribbon fetches on a click (webresources/ribbon/sync-contact.ts). */
  syncContactScript: 'dtclm_/js/sync-contact.js',
  signIn: 'dtclm_/html/signin.html',
} as const;
