/**
 * The connector's global choices. Values start at the publisher's option value prefix (71890 ->
 * 718900000) so that they never collide with another publisher's values in the same environment.
 */
import { label, type Label } from './labels';
import type { OptionSetDef } from './types';

/** Contract status as the CLM reports it, plus Failed for a request that never made a contract. */
export const contractStatus: OptionSetDef<Label> = {
  name: 'dtclm_contractstatus',
  displayName: label('Contract status (CLM)', 'Statut du contrat (CLM)'),
  isGlobal: true,
  options: [
    { value: 718900000, label: label('Draft', 'Brouillon') },
    { value: 718900001, label: label('In validation', 'En validation') },
    { value: 718900002, label: label('Validated', 'Validé') },
    { value: 718900003, label: label('Rejected', 'Rejeté') },
    { value: 718900004, label: label('Sent for signature', 'Envoyé pour signature') },
    { value: 718900005, label: label('Signed', 'Signé') },
    { value: 718900006, label: label('Declined', 'Refusé') },
    { value: 718900007, label: label('Expired', 'Expiré') },
    { value: 718900008, label: label('Cancelled', 'Annulé') },
    { value: 718900009, label: label('Failed', 'Échec') },
  ],
};

/** CLM status string (clm-api.yaml) -> dtclm_contractstatus value. `Failed` has no CLM status. */
export const CONTRACT_STATUS_VALUES = {
  draft: 718900000,
  in_validation: 718900001,
  validated: 718900002,
  rejected: 718900003,
  sent_for_signature: 718900004,
  signed: 718900005,
  declined: 718900006,
  expired: 718900007,
  cancelled: 718900008,
  failed: 718900009,
} as const;

/** The CLM role a provisioned user holds (scim-profile.md). */
export const clmRole: OptionSetDef<Label> = {
  name: 'dtclm_clmrole',
  displayName: label('CLM role', 'Rôle CLM'),
  isGlobal: true,
  options: [
    { value: 718900000, label: label('Administrator', 'Administrateur') },
    { value: 718900001, label: label('Editor', 'Éditeur') },
    { value: 718900002, label: label('Contributor', 'Contributeur') },
    { value: 718900003, label: label('Validator', 'Valideur') },
    { value: 718900004, label: label('Reader', 'Lecteur') },
  ],
};

/** Where a user link stands with the CLM. */
export const syncState: OptionSetDef<Label> = {
  name: 'dtclm_syncstate',
  displayName: label('Sync state', 'État de synchronisation'),
  isGlobal: true,
  options: [
    { value: 718900000, label: label('In sync', 'Synchronisé') },
    { value: 718900001, label: label('Pending', 'En attente') },
    { value: 718900002, label: label('Error', 'Erreur') },
    // Contact links only (contact-sync.md: two candidates on the other side); user links never take it.
    { value: 718900003, label: label('Conflict', 'Conflit') },
  ],
};

export const SYNC_STATE_VALUES = { inSync: 718900000, pending: 718900001, error: 718900002, conflict: 718900003 } as const;

/** `dtclm_mappingstate` of dtclm_template (dataverse-model.md). */
export const mappingState: OptionSetDef<Label> = {
  name: 'dtclm_mappingstate',
  displayName: label('Mapping state', 'État du mappage'),
  isGlobal: true,
  options: [
    { value: 718900000, label: label('Fits', 'Conforme') },
    { value: 718900001, label: label('Broken', 'Non conforme') },
    { value: 718900002, label: label('No mapping', 'Aucun mappage') },
  ],
};

export const MAPPING_STATE_VALUES = { fits: 718900000, broken: 718900001, noMapping: 718900002 } as const;

export const connectorOptionSets: Array<OptionSetDef<Label>> = [contractStatus, clmRole, syncState, mappingState];
