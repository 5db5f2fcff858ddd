/**
 * The connector's buttons on the main forms of opportunity, quote and contact (dataverse-model.md, Ribbon).
 * Function names are the global namespace the ribbon bundle exposes (webresources/ribbon/ribbon.ts).
 */
import type { RibbonButtonDef, TableRibbonDef } from './solution-input';

export const RIBBON_LIBRARY = 'dtclm_/js/ribbon.js';
const RIBBON_NAMESPACE = 'DiliTrustCLM.Ribbon';

const CONNECTOR_BUTTONS: RibbonButtonDef[] = [
  {
    key: 'RequestContract',
    label: 'Request Contract',
    tooltip: 'Create a contract in DiliTrust CLM from this record.',
    command: `${RIBBON_NAMESPACE}.requestContract`,
    enableRule: `${RIBBON_NAMESPACE}.isRequestContractEnabled`,
    icon: 'dtclm_/icons/requestcontract.svg',
  },
  {
    key: 'ContractStatus',
    label: 'Contract Status',
    tooltip: 'See where the contracts of this record stand in DiliTrust CLM.',
    command: `${RIBBON_NAMESPACE}.openContractStatus`,
    enableRule: `${RIBBON_NAMESPACE}.isContractStatusEnabled`,
    icon: 'dtclm_/icons/contractstatus.svg',
  },
  {
    key: 'SendToSign',
    label: 'Send to Sign',
    tooltip: 'Send the validated contract of this record for electronic signature.',
    command: `${RIBBON_NAMESPACE}.sendToSign`,
    // Its own rule: only users with the Send to Sign role, and only for a contract that can be sent.
    enableRule: `${RIBBON_NAMESPACE}.isSendToSignEnabled`,
    icon: 'dtclm_/icons/sendtosign.svg',
  },
];

/**
 * Sync to CLM on the contact main form (dataverse-model.md): any connector role, and contact sync
 * set up (contact-sync.md); the enable rule checks both.
 */
const SYNC_CONTACT_BUTTON: RibbonButtonDef = {
  key: 'SyncToClm',
  label: 'Sync to CLM',
  tooltip: 'Bring this contact and its CLM contact in step now.',
  command: `${RIBBON_NAMESPACE}.syncContact`,
  enableRule: `${RIBBON_NAMESPACE}.isSyncContactEnabled`,
  // No icon of its own yet (webresources/icons has none for it): Unified Interface shows the label.
};

export const connectorRibbons: TableRibbonDef[] = [
  ...['opportunity', 'quote'].map((entity) => ({ entity, library: RIBBON_LIBRARY, buttons: CONNECTOR_BUTTONS })),
  { entity: 'contact', library: RIBBON_LIBRARY, buttons: [SYNC_CONTACT_BUTTON] },
];
