/**
 * The connector's buttons on the main forms of opportunity, quote and contact (dataverse-model.md, Ribbon).
 * Function names are the global namespace the ribbon bundle exposes (webresources/ribbon/ribbon.ts).
 */
import { label } from '../model/labels';
import type { RibbonButtonDef, TableRibbonDef } from './solution-input';

export const RIBBON_LIBRARY = 'dtclm_/js/ribbon.js';
const RIBBON_NAMESPACE = 'DiliTrustCLM.Ribbon';

const CONNECTOR_BUTTONS: RibbonButtonDef[] = [
  {
    key: 'RequestContract',
    label: label('Request Contract', 'Demander un contrat'),
    tooltip: label('Create a contract in DiliTrust CLM from this record.', 'Créer un contrat dans DiliTrust CLM à partir de cet enregistrement.'),
    command: `${RIBBON_NAMESPACE}.requestContract`,
    enableRule: `${RIBBON_NAMESPACE}.isRequestContractEnabled`,
    icon: 'dtclm_/icons/requestcontract.svg',
  },
  {
    key: 'ContractStatus',
    label: label('Contract Status', 'Statut du contrat'),
    tooltip: label('See where the contracts of this record stand in DiliTrust CLM.', 'Voir où en sont les contrats de cet enregistrement dans DiliTrust CLM.'),
    command: `${RIBBON_NAMESPACE}.openContractStatus`,
    enableRule: `${RIBBON_NAMESPACE}.isContractStatusEnabled`,
    icon: 'dtclm_/icons/contractstatus.svg',
  },
  {
    key: 'SendToSign',
    label: label('Send to Sign', 'Envoyer pour signature'),
    tooltip: label(
      'Send the validated contract of this record for electronic signature.',
      'Envoyer le contrat validé de cet enregistrement en signature électronique.',
    ),
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
  label: label('Sync to CLM', 'Synchroniser avec le CLM'),
  tooltip: label('Bring this contact and its CLM contact in step now.', 'Synchroniser maintenant ce contact avec son contact CLM.'),
  command: `${RIBBON_NAMESPACE}.syncContact`,
  enableRule: `${RIBBON_NAMESPACE}.isSyncContactEnabled`,
  // No icon of its own yet (webresources/icons has none for it): Unified Interface shows the label.
};

export const connectorRibbons: TableRibbonDef[] = [
  ...['opportunity', 'quote'].map((entity) => ({ entity, library: RIBBON_LIBRARY, buttons: CONNECTOR_BUTTONS })),
  { entity: 'contact', library: RIBBON_LIBRARY, buttons: [SYNC_CONTACT_BUTTON] },
];
