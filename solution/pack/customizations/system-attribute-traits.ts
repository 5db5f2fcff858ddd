/**
 * How Dynamics writes the system columns of a custom table in customizations.xml, taken from a
 * real 9.1 export (shared/reference/solutions/tactec, table cr97b_Project). The model says which
 * system columns a table has; this says the flags Dataverse gives each, so that the generated file
 * reads like an export. VersionNumber is not in the export: Dataverse makes it and never lists it.
 */
import { label, type Label } from '../../model/labels';

export interface AttributeTraits {
  /** DisplayMask; undefined = the element is left out (as for OwningBusinessUnit). */
  displayMask?: string;
  imeMode: 'auto' | 'inactive' | 'disabled';
  isAuditEnabled: boolean;
  /** The empty Format element the export writes for the system integers. */
  emptyFormat?: boolean;
  isLogical?: boolean;
  /** Dataverse's description of the column, in both languages of the solution. */
  description?: Label;
}

const grid = 'ValidForAdvancedFind|ValidForForm|ValidForGrid';

export const SYSTEM_ATTRIBUTE_TRAITS: Record<string, AttributeTraits> = {
  createdby: {
    displayMask: grid,
    imeMode: 'auto',
    isAuditEnabled: false,
    description: label('Unique identifier of the user who created the record.', 'Identificateur unique de l’utilisateur qui a créé l’enregistrement.'),
  },
  createdon: {
    displayMask: grid,
    imeMode: 'inactive',
    isAuditEnabled: false,
    description: label('Date and time when the record was created.', 'Date et heure de création de l’enregistrement.'),
  },
  createdonbehalfby: {
    displayMask: grid,
    imeMode: 'auto',
    isAuditEnabled: false,
    description: label('Unique identifier of the delegate user who created the record.', 'Identificateur unique du délégué qui a créé l’enregistrement.'),
  },
  importsequencenumber: {
    displayMask: 'ValidForAdvancedFind',
    imeMode: 'disabled',
    isAuditEnabled: true,
    emptyFormat: true,
    description: label('Sequence number of the import that created this record.', 'Numéro de séquence de l’importation qui a créé cet enregistrement.'),
  },
  modifiedby: {
    displayMask: grid,
    imeMode: 'auto',
    isAuditEnabled: false,
    description: label('Unique identifier of the user who modified the record.', 'Identificateur unique de l’utilisateur qui a modifié l’enregistrement.'),
  },
  modifiedon: {
    displayMask: grid,
    imeMode: 'inactive',
    isAuditEnabled: false,
    description: label('Date and time when the record was modified.', 'Date et heure de modification de l’enregistrement.'),
  },
  modifiedonbehalfby: {
    displayMask: grid,
    imeMode: 'auto',
    isAuditEnabled: false,
    description: label('Unique identifier of the delegate user who modified the record.', 'Identificateur unique du délégué qui a modifié l’enregistrement.'),
  },
  overriddencreatedon: {
    displayMask: 'ValidForAdvancedFind|ValidForGrid',
    imeMode: 'inactive',
    isAuditEnabled: true,
    description: label('Date and time that the record was migrated.', 'Date et heure de migration de l’enregistrement.'),
  },
  ownerid: { displayMask: `${grid}|RequiredForForm`, imeMode: 'auto', isAuditEnabled: true, description: label('Owner Id', 'ID du propriétaire') },
  owningbusinessunit: {
    imeMode: 'auto',
    isAuditEnabled: false,
    description: label('Unique identifier for the business unit that owns the record', 'Identificateur unique de la division propriétaire de l’enregistrement'),
  },
  owningteam: {
    imeMode: 'auto',
    isAuditEnabled: false,
    isLogical: true,
    description: label('Unique identifier for the team that owns the record.', 'Identificateur unique de l’équipe propriétaire de l’enregistrement.'),
  },
  owninguser: {
    imeMode: 'auto',
    isAuditEnabled: false,
    isLogical: true,
    description: label('Unique identifier for the user that owns the record.', 'Identificateur unique de l’utilisateur propriétaire de l’enregistrement.'),
  },
  // Organization-owned tables carry organizationid where user-owned ones carry the owner columns.
  organizationid: {
    imeMode: 'auto',
    isAuditEnabled: false,
    description: label('Unique identifier for the organization', 'Identificateur unique de l’organisation'),
  },
  statecode: { displayMask: grid, imeMode: 'auto', isAuditEnabled: true },
  statuscode: { displayMask: grid, imeMode: 'auto', isAuditEnabled: true },
  timezoneruleversionnumber: {
    imeMode: 'auto',
    isAuditEnabled: false,
    emptyFormat: true,
    description: label('For internal use only.', 'Usage interne uniquement.'),
  },
  utcconversiontimezonecode: {
    imeMode: 'auto',
    isAuditEnabled: false,
    emptyFormat: true,
    description: label(
      'Time zone code that was in use when the record was created.',
      'Code du fuseau horaire en vigueur lors de la création de l’enregistrement.',
    ),
  },
};

/** System columns Dataverse makes on its own and an export never lists. */
export const NOT_EXPORTED_SYSTEM_ATTRIBUTES = new Set(['versionnumber']);
