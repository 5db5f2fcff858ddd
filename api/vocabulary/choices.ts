/**
 * The connector's other global choices (dataverse-model.md, scim-profile.md), by the values
 * Dataverse stores. Values start at the publisher's option value prefix (71890 -> 718900000).
 */

/** `dtclm_mappingstate` of dtclm_template. */
export const MAPPING_STATE_VALUE = { fits: 718900000, broken: 718900001, none: 718900002 } as const;

/** `dtclm_syncstate`: where a user or contact link stands with the CLM (`conflict`: contact links only). */
export const SYNC_STATE_VALUE = { inSync: 718900000, pending: 718900001, error: 718900002, conflict: 718900003 } as const;

/** `dtclm_clmrole`: the CLM role a provisioned user holds (scim-profile.md). */
export const CLM_ROLE_VALUE = { Administrator: 718900000, Editor: 718900001, Contributor: 718900002, Validator: 718900003, Reader: 718900004 } as const;
