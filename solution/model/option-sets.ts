/**
 * The connector's global choices. Values start at the publisher's option value prefix (71890 ->
 * 718900000) so that they never collide with another publisher's values in the same environment.
 */
import type { OptionSetDef } from './types';

/** Contract status as the CLM reports it, plus Failed for a request that never made a contract. */
export const contractStatus: OptionSetDef = {
  name: 'dtclm_contractstatus',
  displayName: 'Contract status (CLM)',
  isGlobal: true,
  options: [
    { value: 718900000, label: 'Draft' },
    { value: 718900001, label: 'In validation' },
    { value: 718900002, label: 'Validated' },
    { value: 718900003, label: 'Rejected' },
    { value: 718900004, label: 'Sent for signature' },
    { value: 718900005, label: 'Signed' },
    { value: 718900006, label: 'Declined' },
    { value: 718900007, label: 'Expired' },
    { value: 718900008, label: 'Cancelled' },
    { value: 718900009, label: 'Failed' },
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
export const clmRole: OptionSetDef = {
  name: 'dtclm_clmrole',
  displayName: 'CLM role',
  isGlobal: true,
  options: [
    { value: 718900000, label: 'Administrator' },
    { value: 718900001, label: 'Editor' },
    { value: 718900002, label: 'Contributor' },
    { value: 718900003, label: 'Validator' },
    { value: 718900004, label: 'Reader' },
  ],
};

/** Where a user link stands with the CLM. */
export const syncState: OptionSetDef = {
  name: 'dtclm_syncstate',
  displayName: 'Sync state',
  isGlobal: true,
  options: [
    { value: 718900000, label: 'In sync' },
    { value: 718900001, label: 'Pending' },
    { value: 718900002, label: 'Error' },
    // Contact links only (contact-sync.md: two candidates on the other side); user links never take it.
    { value: 718900003, label: 'Conflict' },
  ],
};

export const SYNC_STATE_VALUES = { inSync: 718900000, pending: 718900001, error: 718900002, conflict: 718900003 } as const;

/** `dtclm_mappingstate` of dtclm_template (dataverse-model.md). */
export const mappingState: OptionSetDef = {
  name: 'dtclm_mappingstate',
  displayName: 'Mapping state',
  isGlobal: true,
  options: [
    { value: 718900000, label: 'Fits' },
    { value: 718900001, label: 'Broken' },
    { value: 718900002, label: 'No mapping' },
  ],
};

export const MAPPING_STATE_VALUES = { fits: 718900000, broken: 718900001, noMapping: 718900002 } as const;

export const connectorOptionSets: OptionSetDef[] = [contractStatus, clmRole, syncState, mappingState];
