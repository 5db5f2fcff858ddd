/**
 * How Dynamics writes the system columns of a custom table in customizations.xml, taken from a
 * real 9.1 export (shared/reference/solutions/tactec, table cr97b_Project). The model says which
 * system columns a table has; this says the flags Dataverse gives each, so that the generated file
 * reads like an export. VersionNumber is not in the export: Dataverse makes it and never lists it.
 */

export interface AttributeTraits {
  /** DisplayMask; undefined = the element is left out (as for OwningBusinessUnit). */
  displayMask?: string;
  imeMode: 'auto' | 'inactive' | 'disabled';
  isAuditEnabled: boolean;
  /** The empty Format element the export writes for the system integers. */
  emptyFormat?: boolean;
  isLogical?: boolean;
  description?: string;
}

const grid = 'ValidForAdvancedFind|ValidForForm|ValidForGrid';

export const SYSTEM_ATTRIBUTE_TRAITS: Record<string, AttributeTraits> = {
  createdby: { displayMask: grid, imeMode: 'auto', isAuditEnabled: false, description: 'Unique identifier of the user who created the record.' },
  createdon: { displayMask: grid, imeMode: 'inactive', isAuditEnabled: false, description: 'Date and time when the record was created.' },
  createdonbehalfby: {
    displayMask: grid,
    imeMode: 'auto',
    isAuditEnabled: false,
    description: 'Unique identifier of the delegate user who created the record.',
  },
  importsequencenumber: {
    displayMask: 'ValidForAdvancedFind',
    imeMode: 'disabled',
    isAuditEnabled: true,
    emptyFormat: true,
    description: 'Sequence number of the import that created this record.',
  },
  modifiedby: { displayMask: grid, imeMode: 'auto', isAuditEnabled: false, description: 'Unique identifier of the user who modified the record.' },
  modifiedon: { displayMask: grid, imeMode: 'inactive', isAuditEnabled: false, description: 'Date and time when the record was modified.' },
  modifiedonbehalfby: {
    displayMask: grid,
    imeMode: 'auto',
    isAuditEnabled: false,
    description: 'Unique identifier of the delegate user who modified the record.',
  },
  overriddencreatedon: {
    displayMask: 'ValidForAdvancedFind|ValidForGrid',
    imeMode: 'inactive',
    isAuditEnabled: true,
    description: 'Date and time that the record was migrated.',
  },
  ownerid: { displayMask: `${grid}|RequiredForForm`, imeMode: 'auto', isAuditEnabled: true, description: 'Owner Id' },
  owningbusinessunit: { imeMode: 'auto', isAuditEnabled: false, description: 'Unique identifier for the business unit that owns the record' },
  owningteam: { imeMode: 'auto', isAuditEnabled: false, isLogical: true, description: 'Unique identifier for the team that owns the record.' },
  owninguser: { imeMode: 'auto', isAuditEnabled: false, isLogical: true, description: 'Unique identifier for the user that owns the record.' },
  // Organization-owned tables carry organizationid where user-owned ones carry the owner columns.
  organizationid: { imeMode: 'auto', isAuditEnabled: false, description: 'Unique identifier for the organization' },
  statecode: { displayMask: grid, imeMode: 'auto', isAuditEnabled: true },
  statuscode: { displayMask: grid, imeMode: 'auto', isAuditEnabled: true },
  timezoneruleversionnumber: { imeMode: 'auto', isAuditEnabled: false, emptyFormat: true, description: 'For internal use only.' },
  utcconversiontimezonecode: {
    imeMode: 'auto',
    isAuditEnabled: false,
    emptyFormat: true,
    description: 'Time zone code that was in use when the record was created.',
  },
};

/** System columns Dataverse makes on its own and an export never lists. */
export const NOT_EXPORTED_SYSTEM_ATTRIBUTES = new Set(['versionnumber']);
