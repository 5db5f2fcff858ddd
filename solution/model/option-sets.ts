/**
 * The connector's global choices. Values start at the publisher's option value prefix (71890 ->
 * 718900000) so that they never collide with another publisher's values in the same environment.
 */
import { CLM_ROLE_VALUE, MAPPING_STATE_VALUE, SYNC_STATE_VALUE } from '../../api/vocabulary/choices';
import { CONTRACT_STATUS_LABEL, CONTRACT_STATUS_VALUE } from '../../api/vocabulary/contract-status';
import type { OptionSetDef } from './types';

/** Contract status as the CLM reports it, plus Failed for a request that never made a contract. */
export const contractStatus: OptionSetDef = {
  name: 'dtclm_contractstatus',
  displayName: 'Contract status (CLM)',
  isGlobal: true,
  options: [
    { value: CONTRACT_STATUS_VALUE.draft, label: CONTRACT_STATUS_LABEL.draft },
    { value: CONTRACT_STATUS_VALUE.in_validation, label: CONTRACT_STATUS_LABEL.in_validation },
    { value: CONTRACT_STATUS_VALUE.validated, label: CONTRACT_STATUS_LABEL.validated },
    { value: CONTRACT_STATUS_VALUE.rejected, label: CONTRACT_STATUS_LABEL.rejected },
    { value: CONTRACT_STATUS_VALUE.sent_for_signature, label: CONTRACT_STATUS_LABEL.sent_for_signature },
    { value: CONTRACT_STATUS_VALUE.signed, label: CONTRACT_STATUS_LABEL.signed },
    { value: CONTRACT_STATUS_VALUE.declined, label: CONTRACT_STATUS_LABEL.declined },
    { value: CONTRACT_STATUS_VALUE.expired, label: CONTRACT_STATUS_LABEL.expired },
    { value: CONTRACT_STATUS_VALUE.cancelled, label: CONTRACT_STATUS_LABEL.cancelled },
    { value: CONTRACT_STATUS_VALUE.failed, label: CONTRACT_STATUS_LABEL.failed },
  ],
};

/** The CLM role a provisioned user holds (scim-profile.md). */
export const clmRole: OptionSetDef = {
  name: 'dtclm_clmrole',
  displayName: 'CLM role',
  isGlobal: true,
  options: [
    { value: CLM_ROLE_VALUE.Administrator, label: 'Administrator' },
    { value: CLM_ROLE_VALUE.Editor, label: 'Editor' },
    { value: CLM_ROLE_VALUE.Contributor, label: 'Contributor' },
    { value: CLM_ROLE_VALUE.Validator, label: 'Validator' },
    { value: CLM_ROLE_VALUE.Reader, label: 'Reader' },
  ],
};

/** Where a user link stands with the CLM. */
export const syncState: OptionSetDef = {
  name: 'dtclm_syncstate',
  displayName: 'Sync state',
  isGlobal: true,
  options: [
    { value: SYNC_STATE_VALUE.inSync, label: 'In sync' },
    { value: SYNC_STATE_VALUE.pending, label: 'Pending' },
    { value: SYNC_STATE_VALUE.error, label: 'Error' },
    // Contact links only (contact-sync.md: two candidates on the other side); user links never take it.
    { value: SYNC_STATE_VALUE.conflict, label: 'Conflict' },
  ],
};

/** `dtclm_mappingstate` of dtclm_template (dataverse-model.md). */
export const mappingState: OptionSetDef = {
  name: 'dtclm_mappingstate',
  displayName: 'Mapping state',
  isGlobal: true,
  options: [
    { value: MAPPING_STATE_VALUE.fits, label: 'Fits' },
    { value: MAPPING_STATE_VALUE.broken, label: 'Broken' },
    { value: MAPPING_STATE_VALUE.none, label: 'No mapping' },
  ],
};

export const connectorOptionSets: OptionSetDef[] = [contractStatus, clmRole, syncState, mappingState];
