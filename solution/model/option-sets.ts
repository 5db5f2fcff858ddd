/**
 * The connector's global choices. Values start at the publisher's option value prefix (71890 ->
 * 718900000) so that they never collide with another publisher's values in the same environment.
 */
import { label, type Label } from './labels';
import { CLM_ROLE_VALUE, MAPPING_STATE_VALUE, SYNC_STATE_VALUE } from '../../api/vocabulary/choices';
import { CONTRACT_STATUS_LABEL, CONTRACT_STATUS_VALUE } from '../../api/vocabulary/contract-status';
import type { OptionSetDef } from './types';

/** Contract status as the CLM reports it, plus Failed for a request that never made a contract. */
export const contractStatus: OptionSetDef<Label> = {
  name: 'dtclm_contractstatus',
  displayName: label('Contract status (CLM)', 'Statut du contrat (CLM)'),
  isGlobal: true,
  options: [
    { value: CONTRACT_STATUS_VALUE.draft, label: label(CONTRACT_STATUS_LABEL.draft, 'Brouillon') },
    { value: CONTRACT_STATUS_VALUE.in_validation, label: label(CONTRACT_STATUS_LABEL.in_validation, 'En validation') },
    { value: CONTRACT_STATUS_VALUE.validated, label: label(CONTRACT_STATUS_LABEL.validated, 'Validé') },
    { value: CONTRACT_STATUS_VALUE.rejected, label: label(CONTRACT_STATUS_LABEL.rejected, 'Rejeté') },
    { value: CONTRACT_STATUS_VALUE.sent_for_signature, label: label(CONTRACT_STATUS_LABEL.sent_for_signature, 'Envoyé pour signature') },
    { value: CONTRACT_STATUS_VALUE.signed, label: label(CONTRACT_STATUS_LABEL.signed, 'Signé') },
    { value: CONTRACT_STATUS_VALUE.declined, label: label(CONTRACT_STATUS_LABEL.declined, 'Refusé') },
    { value: CONTRACT_STATUS_VALUE.expired, label: label(CONTRACT_STATUS_LABEL.expired, 'Expiré') },
    { value: CONTRACT_STATUS_VALUE.cancelled, label: label(CONTRACT_STATUS_LABEL.cancelled, 'Annulé') },
    { value: CONTRACT_STATUS_VALUE.failed, label: label(CONTRACT_STATUS_LABEL.failed, 'Échec') },
  ],
};

/** The CLM role a provisioned user holds (scim-profile.md). */
export const clmRole: OptionSetDef<Label> = {
  name: 'dtclm_clmrole',
  displayName: label('CLM role', 'Rôle CLM'),
  isGlobal: true,
  options: [
    { value: CLM_ROLE_VALUE.Administrator, label: label('Administrator', 'Administrateur') },
    { value: CLM_ROLE_VALUE.Editor, label: label('Editor', 'Éditeur') },
    { value: CLM_ROLE_VALUE.Contributor, label: label('Contributor', 'Contributeur') },
    { value: CLM_ROLE_VALUE.Validator, label: label('Validator', 'Valideur') },
    { value: CLM_ROLE_VALUE.Reader, label: label('Reader', 'Lecteur') },
  ],
};

/** Where a user link stands with the CLM. */
export const syncState: OptionSetDef<Label> = {
  name: 'dtclm_syncstate',
  displayName: label('Sync state', 'État de synchronisation'),
  isGlobal: true,
  options: [
    { value: SYNC_STATE_VALUE.inSync, label: label('In sync', 'Synchronisé') },
    { value: SYNC_STATE_VALUE.pending, label: label('Pending', 'En attente') },
    { value: SYNC_STATE_VALUE.error, label: label('Error', 'Erreur') },
    // Contact links only (contact-sync.md: two candidates on the other side); user links never take it.
    { value: SYNC_STATE_VALUE.conflict, label: label('Conflict', 'Conflit') },
  ],
};

/** `dtclm_mappingstate` of dtclm_template (dataverse-model.md). */
export const mappingState: OptionSetDef<Label> = {
  name: 'dtclm_mappingstate',
  displayName: label('Mapping state', 'État du mappage'),
  isGlobal: true,
  options: [
    { value: MAPPING_STATE_VALUE.fits, label: label('Fits', 'Conforme') },
    { value: MAPPING_STATE_VALUE.broken, label: label('Broken', 'Non conforme') },
    { value: MAPPING_STATE_VALUE.none, label: label('No mapping', 'Aucun mappage') },
  ],
};

export const connectorOptionSets: Array<OptionSetDef<Label>> = [contractStatus, clmRole, syncState, mappingState];
