/**
 * The connector's four tables (shared/spec/dataverse-model.md), with the system columns Dataverse
 * gives them. The packer writes them into customizations.xml; the emulator stores rows by them.
 */
import { ENTITY_SET } from '../../api/vocabulary/tables';
import { choice, dateTime, lookup, memo, text, wholeNumber, yesNo } from './columns';
import { contractStatus, clmRole, mappingState, syncState } from './option-sets';
import { customPrimaryKey, systemColumns } from './system-columns';
import type { AttributeDef, TableDef } from './types';

/** 128 MB, in kilobytes: the largest signed PDF the contract keeps. */
const SIGNED_DOCUMENT_MAX_KB = 131072;

/** The primary name column every connector table has. */
function nameColumn(displayName: string, description: string): AttributeDef {
  return text('dtclm_name', 'dtclm_Name', displayName, 200, {
    isPrimaryName: true,
    requiredLevel: 'ApplicationRequired',
    description,
  });
}

const contractTable: TableDef = {
  logicalName: 'dtclm_contract',
  schemaName: 'dtclm_Contract',
  entitySetName: ENTITY_SET.dtclm_contract,
  displayName: 'Contract (CLM)',
  displayCollectionName: 'Contracts (CLM)',
  description: 'A contract requested from Dynamics and held in the DiliTrust CLM.',
  primaryIdAttribute: 'dtclm_contractid',
  primaryNameAttribute: 'dtclm_name',
  ownershipType: 'UserOwned',
  isCustomEntity: true,
  changeTrackingEnabled: true,
  attributes: [
    customPrimaryKey('dtclm_contract', 'dtclm_Contract', 'Contract (CLM)'),
    nameColumn('Name', 'Contract name; by default "<template name> - <record name>".'),
    text('dtclm_clmcontractid', 'dtclm_ClmContractId', 'CLM contract id', 64, { description: "The contract's id in the CLM." }),
    text('dtclm_requestkey', 'dtclm_RequestKey', 'Request key', 128, {
      description: 'Idempotency key of the request that made the contract.',
    }),
    choice('dtclm_status', 'dtclm_Status', 'Status', contractStatus.name, { description: 'Status of the contract in the CLM.' }),
    wholeNumber('dtclm_sequence', 'dtclm_Sequence', 'Sequence', { minValue: 0, description: 'CLM sequence of the status held.' }),
    dateTime('dtclm_statuschangedon', 'dtclm_StatusChangedOn', 'Status changed on', 'UserLocal', {
      description: 'When the CLM says the status changed.',
    }),
    lookup('dtclm_opportunityid', 'dtclm_OpportunityId', 'Opportunity', ['opportunity'], {
      description: 'The opportunity the contract was requested from.',
    }),
    lookup('dtclm_quoteid', 'dtclm_QuoteId', 'Quote', ['quote'], { description: 'The quote the contract was requested from.' }),
    lookup('dtclm_templateid', 'dtclm_TemplateId', 'Template', ['dtclm_template'], { description: 'The CLM template used.' }),
    text('dtclm_clmurl', 'dtclm_ClmUrl', 'CLM link', 500, { format: 'Url', description: 'Link to the contract in the CLM web app.' }),
    text('dtclm_validationflow', 'dtclm_ValidationFlow', 'Validation flow', 200, {
      description: 'Name of the validation flow that was started.',
    }),
    memo('dtclm_reason', 'dtclm_Reason', 'Reason', 2000, {
      description: 'Reason given with rejected, declined, expired or cancelled.',
    }),
    memo('dtclm_lasterror', 'dtclm_LastError', 'Last error', 4000, { description: 'Last failure, in words a salesperson can act on.' }),
    {
      logicalName: 'dtclm_signeddocument',
      schemaName: 'dtclm_SignedDocument',
      type: 'File',
      displayName: 'Signed document',
      description: 'The signed PDF, fetched from the CLM once the contract is signed.',
      maxSizeInKB: SIGNED_DOCUMENT_MAX_KB,
      isValidForCreate: false,
      isValidForUpdate: false,
    },
    dateTime('dtclm_enddate', 'dtclm_EndDate', 'End date', 'DateOnly', {
      description: "The contract's end date, from the mapping's returns.endDate.",
    }),
    dateTime('dtclm_renewaltaskon', 'dtclm_RenewalTaskOn', 'Renewal task created on', 'UserLocal', {
      description: 'When the renewal task was created, so that it is created once.',
    }),
    // Dataverse adds the file name column beside every file column.
    text('dtclm_signeddocument_name', 'dtclm_SignedDocument_Name', 'Signed document name', 255, {
      attributeOf: 'dtclm_signeddocument',
      isSystem: true,
      isValidForCreate: false,
      isValidForUpdate: false,
    }),
    ...systemColumns({ entity: 'dtclm_contract', displayName: 'Contract (CLM)', ownership: 'UserOwned' }),
  ],
  alternateKeys: [
    { logicalName: 'dtclm_key_clmcontractid', schemaName: 'dtclm_key_clmcontractid', displayName: 'CLM contract id', attributes: ['dtclm_clmcontractid'] },
    { logicalName: 'dtclm_key_requestkey', schemaName: 'dtclm_key_requestkey', displayName: 'Request key', attributes: ['dtclm_requestkey'] },
  ],
};

const contractEventTable: TableDef = {
  logicalName: 'dtclm_contractevent',
  schemaName: 'dtclm_ContractEvent',
  entitySetName: ENTITY_SET.dtclm_contractevent,
  displayName: 'Contract event',
  displayCollectionName: 'Contract events',
  description: "One webhook event received, or one action the connector took: the contract's history.",
  primaryIdAttribute: 'dtclm_contracteventid',
  primaryNameAttribute: 'dtclm_name',
  ownershipType: 'UserOwned',
  isCustomEntity: true,
  changeTrackingEnabled: true,
  attributes: [
    customPrimaryKey('dtclm_contractevent', 'dtclm_ContractEvent', 'Contract event'),
    nameColumn('Name', 'E.g. "Signed (5)".'),
    text('dtclm_eventid', 'dtclm_EventId', 'Event id', 100, {
      description: "The webhook-id, or connector:<uuid> for the connector's own actions.",
    }),
    lookup('dtclm_contractid', 'dtclm_ContractId', 'Contract', ['dtclm_contract'], { requiredLevel: 'ApplicationRequired' }),
    choice('dtclm_status', 'dtclm_Status', 'Status', contractStatus.name),
    wholeNumber('dtclm_sequence', 'dtclm_Sequence', 'Sequence', { minValue: 0 }),
    dateTime('dtclm_occurredon', 'dtclm_OccurredOn', 'Occurred on', 'UserLocal'),
    yesNo(
      'dtclm_applied',
      'dtclm_Applied',
      'Applied',
      { false: 'No', true: 'Yes' },
      {
        defaultValue: true,
        description: 'No when the event arrived out of order and did not move the status.',
      },
    ),
    memo('dtclm_payload', 'dtclm_Payload', 'Payload', 10000, { description: 'The event body as received.' }),
    ...systemColumns({ entity: 'dtclm_contractevent', displayName: 'Contract event', ownership: 'UserOwned' }),
  ],
  alternateKeys: [{ logicalName: 'dtclm_key_eventid', schemaName: 'dtclm_key_eventid', displayName: 'Event id', attributes: ['dtclm_eventid'] }],
};

/** 1,048,576 characters: the largest multiline text Dataverse allows. */
const MEMO_MAX = 1048576;

const templateTable: TableDef = {
  logicalName: 'dtclm_template',
  schemaName: 'dtclm_Template',
  entitySetName: ENTITY_SET.dtclm_template,
  displayName: 'Contract template',
  displayCollectionName: 'Contract templates',
  description: 'A CLM contract template, synced from the CLM, with its JSON mapping.',
  primaryIdAttribute: 'dtclm_templateid',
  primaryNameAttribute: 'dtclm_name',
  ownershipType: 'OrganizationOwned',
  isCustomEntity: true,
  changeTrackingEnabled: true,
  attributes: [
    customPrimaryKey('dtclm_template', 'dtclm_Template', 'Contract template'),
    nameColumn('Name', 'Template name in the CLM.'),
    text('dtclm_clmtemplateid', 'dtclm_ClmTemplateId', 'CLM template id', 64),
    wholeNumber('dtclm_clmversion', 'dtclm_ClmVersion', 'CLM version', { minValue: 0, description: 'The CLM version last synced.' }),
    memo('dtclm_fields', 'dtclm_Fields', 'Fields', MEMO_MAX, { description: 'JSON array of the CLM template field definitions.' }),
    memo('dtclm_mapping', 'dtclm_Mapping', 'Mapping', MEMO_MAX, { description: 'The JSON mapping; empty = not offered to users.' }),
    text('dtclm_triggerentity', 'dtclm_TriggerEntity', 'Trigger entity', 100, {
      description: "Copied from the mapping's trigger_entity on save.",
    }),
    dateTime('dtclm_lastsyncedon', 'dtclm_LastSyncedOn', 'Last synced on', 'UserLocal'),
    choice('dtclm_mappingstate', 'dtclm_MappingState', 'Mapping state', mappingState.name, {
      description: 'Fits, Broken or No mapping: set by template sync and when the mapping is saved.',
    }),
    memo('dtclm_mappingerrors', 'dtclm_MappingErrors', 'Mapping errors', 4000, {
      description: 'Why the mapping no longer fits the template, one line per problem with its JSON path.',
    }),
    ...systemColumns({ entity: 'dtclm_template', displayName: 'Contract template', ownership: 'OrganizationOwned' }),
  ],
  alternateKeys: [
    { logicalName: 'dtclm_key_clmtemplateid', schemaName: 'dtclm_key_clmtemplateid', displayName: 'CLM template id', attributes: ['dtclm_clmtemplateid'] },
  ],
};

const userLinkTable: TableDef = {
  logicalName: 'dtclm_userlink',
  schemaName: 'dtclm_UserLink',
  entitySetName: ENTITY_SET.dtclm_userlink,
  displayName: 'CLM user link',
  displayCollectionName: 'CLM user links',
  description: 'A Dynamics user the connector provisions into the CLM over SCIM.',
  primaryIdAttribute: 'dtclm_userlinkid',
  primaryNameAttribute: 'dtclm_name',
  ownershipType: 'OrganizationOwned',
  isCustomEntity: true,
  changeTrackingEnabled: true,
  attributes: [
    customPrimaryKey('dtclm_userlink', 'dtclm_UserLink', 'CLM user link'),
    nameColumn('Name', "The user's full name."),
    lookup('dtclm_systemuserid', 'dtclm_SystemUserId', 'User', ['systemuser'], { requiredLevel: 'ApplicationRequired' }),
    text('dtclm_scimid', 'dtclm_ScimId', 'SCIM id', 100, { description: "The CLM's SCIM user id." }),
    choice('dtclm_clmrole', 'dtclm_ClmRole', 'CLM role', clmRole.name),
    yesNo('dtclm_active', 'dtclm_Active', 'Active in CLM', { false: 'No', true: 'Yes' }, { description: 'As last pushed to the CLM.' }),
    dateTime('dtclm_lastsyncedon', 'dtclm_LastSyncedOn', 'Last synced on', 'UserLocal'),
    choice('dtclm_syncstate', 'dtclm_SyncState', 'Sync state', syncState.name),
    memo('dtclm_lasterror', 'dtclm_LastError', 'Last error', 4000),
    ...systemColumns({ entity: 'dtclm_userlink', displayName: 'CLM user link', ownership: 'OrganizationOwned' }),
  ],
  alternateKeys: [{ logicalName: 'dtclm_key_systemuser', schemaName: 'dtclm_key_systemuser', displayName: 'User', attributes: ['dtclm_systemuserid'] }],
};

const contactLinkTable: TableDef = {
  logicalName: 'dtclm_contactlink',
  schemaName: 'dtclm_ContactLink',
  entitySetName: ENTITY_SET.dtclm_contactlink,
  displayName: 'CLM contact link',
  displayCollectionName: 'CLM contact links',
  description: 'A Dynamics contact that contact sync keeps in step with a CLM contact.',
  primaryIdAttribute: 'dtclm_contactlinkid',
  primaryNameAttribute: 'dtclm_name',
  ownershipType: 'OrganizationOwned',
  isCustomEntity: true,
  changeTrackingEnabled: true,
  attributes: [
    customPrimaryKey('dtclm_contactlink', 'dtclm_ContactLink', 'CLM contact link'),
    nameColumn('Name', "The contact's full name."),
    lookup('dtclm_contactid', 'dtclm_ContactId', 'Contact', ['contact'], { requiredLevel: 'ApplicationRequired' }),
    text('dtclm_clmcontactid', 'dtclm_ClmContactId', 'CLM contact id', 64),
    wholeNumber('dtclm_clmversion', 'dtclm_ClmVersion', 'CLM version', { minValue: 0, description: 'The CLM version last read or written.' }),
    text('dtclm_syncedhash', 'dtclm_SyncedHash', 'Synced hash', 100, {
      description: 'Hash of the field values both sides held after the last sync (no-echo check).',
    }),
    memo('dtclm_syncedvalues', 'dtclm_SyncedValues', 'Synced values', 4000, {
      description: 'Those values, JSON, so a per-field three-way merge knows what each side changed.',
    }),
    dateTime('dtclm_lastsyncedon', 'dtclm_LastSyncedOn', 'Last synced on', 'UserLocal'),
    choice('dtclm_syncstate', 'dtclm_SyncState', 'Sync state', syncState.name),
    memo('dtclm_lasterror', 'dtclm_LastError', 'Last error', 4000),
    ...systemColumns({ entity: 'dtclm_contactlink', displayName: 'CLM contact link', ownership: 'OrganizationOwned' }),
  ],
  alternateKeys: [
    { logicalName: 'dtclm_key_contact', schemaName: 'dtclm_key_contact', displayName: 'Contact', attributes: ['dtclm_contactid'] },
    { logicalName: 'dtclm_key_clmcontactid', schemaName: 'dtclm_key_clmcontactid', displayName: 'CLM contact id', attributes: ['dtclm_clmcontactid'] },
  ],
};

export const connectorTables: TableDef[] = [contractTable, contractEventTable, templateTable, userLinkTable, contactLinkTable];
