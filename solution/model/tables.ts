/**
 * The connector's four tables (shared/spec/dataverse-model.md), with the system columns Dataverse
 * gives them. The packer writes them into customizations.xml; the emulator stores rows by them.
 */
import { ENTITY_SET } from '../../api/vocabulary/tables';
import { choice, dateTime, lookup, memo, text, wholeNumber, YES_NO_LABELS, yesNo } from './columns';
import { contractStatus, clmRole, mappingState, syncState } from './option-sets';
import { customPrimaryKey, systemColumns } from './system-columns';
import { label, type Label } from './labels';
import type { AttributeDef, TableDef } from './types';

/** 128 MB, in kilobytes: the largest signed PDF the contract keeps. */
const SIGNED_DOCUMENT_MAX_KB = 131072;

/** Labels several columns or tables share. */
const NAME = label('Name', 'Nom');
const STATUS = label('Status', 'Statut');
const SEQUENCE = label('Sequence', 'Séquence');
const LAST_ERROR = label('Last error', 'Dernière erreur');
const LAST_SYNCED_ON = label('Last synced on', 'Dernière synchronisation le');
const SYNC_STATE = label('Sync state', 'État de synchronisation');
const CLM_VERSION = label('CLM version', 'Version CLM');
const USER = label('User', 'Utilisateur');
// "Contact" is Microsoft's French name of the contact table too.
const CONTACT = label('Contact', 'Contact');
const CONTRACT = label('Contract (CLM)', 'Contrat (CLM)');
const CONTRACT_EVENT = label('Contract event', 'Événement de contrat');
const CONTRACT_TEMPLATE = label('Contract template', 'Modèle de contrat');
const USER_LINK = label('CLM user link', 'Lien utilisateur CLM');
const CONTACT_LINK = label('CLM contact link', 'Lien contact CLM');
const CLM_CONTRACT_ID = label('CLM contract id', 'ID du contrat CLM');
const CLM_TEMPLATE_ID = label('CLM template id', 'ID du modèle CLM');
const CLM_CONTACT_ID = label('CLM contact id', 'ID du contact CLM');
const REQUEST_KEY = label('Request key', 'Clé de demande');
const EVENT_ID = label('Event id', 'ID de l’événement');
const SIGNED_DOCUMENT = label('Signed document', 'Document signé');

/** The primary name column every connector table has. */
function nameColumn(displayName: Label, description: Label): AttributeDef<Label> {
  return text('dtclm_name', 'dtclm_Name', displayName, 200, {
    isPrimaryName: true,
    requiredLevel: 'ApplicationRequired',
    description,
  });
}

const contractTable: TableDef<Label> = {
  logicalName: 'dtclm_contract',
  schemaName: 'dtclm_Contract',
  entitySetName: ENTITY_SET.dtclm_contract,
  displayName: CONTRACT,
  displayCollectionName: label('Contracts (CLM)', 'Contrats (CLM)'),
  description: label('A contract requested from Dynamics and held in the DiliTrust CLM.', 'Contrat demandé depuis Dynamics et conservé dans le CLM DiliTrust.'),
  primaryIdAttribute: 'dtclm_contractid',
  primaryNameAttribute: 'dtclm_name',
  ownershipType: 'UserOwned',
  isCustomEntity: true,
  changeTrackingEnabled: true,
  attributes: [
    customPrimaryKey('dtclm_contract', 'dtclm_Contract', CONTRACT),
    nameColumn(
      NAME,
      label(
        'Contract name; by default "<template name> - <record name>".',
        'Nom du contrat\u00a0; par défaut «\u00a0<nom du modèle> - <nom de l’enregistrement>\u00a0».',
      ),
    ),
    text('dtclm_clmcontractid', 'dtclm_ClmContractId', CLM_CONTRACT_ID, 64, {
      description: label("The contract's id in the CLM.", 'L’identifiant du contrat dans le CLM.'),
    }),
    text('dtclm_requestkey', 'dtclm_RequestKey', REQUEST_KEY, 128, {
      description: label('Idempotency key of the request that made the contract.', 'Clé d’idempotence de la demande qui a créé le contrat.'),
    }),
    choice('dtclm_status', 'dtclm_Status', STATUS, contractStatus.name, {
      description: label('Status of the contract in the CLM.', 'Statut du contrat dans le CLM.'),
    }),
    wholeNumber('dtclm_sequence', 'dtclm_Sequence', SEQUENCE, {
      minValue: 0,
      description: label('CLM sequence of the status held.', 'Numéro de séquence CLM du statut en cours.'),
    }),
    dateTime('dtclm_statuschangedon', 'dtclm_StatusChangedOn', label('Status changed on', 'Statut modifié le'), 'UserLocal', {
      description: label('When the CLM says the status changed.', 'Date à laquelle le CLM indique que le statut a changé.'),
    }),
    lookup('dtclm_opportunityid', 'dtclm_OpportunityId', label('Opportunity', 'Opportunité'), ['opportunity'], {
      description: label('The opportunity the contract was requested from.', 'L’opportunité depuis laquelle le contrat a été demandé.'),
    }),
    lookup('dtclm_quoteid', 'dtclm_QuoteId', label('Quote', 'Devis'), ['quote'], {
      description: label('The quote the contract was requested from.', 'Le devis depuis lequel le contrat a été demandé.'),
    }),
    lookup('dtclm_templateid', 'dtclm_TemplateId', label('Template', 'Modèle'), ['dtclm_template'], {
      description: label('The CLM template used.', 'Le modèle CLM utilisé.'),
    }),
    text('dtclm_clmurl', 'dtclm_ClmUrl', label('CLM link', 'Lien CLM'), 500, {
      format: 'Url',
      description: label('Link to the contract in the CLM web app.', 'Lien vers le contrat dans l’application web du CLM.'),
    }),
    text('dtclm_validationflow', 'dtclm_ValidationFlow', label('Validation flow', 'Circuit de validation'), 200, {
      description: label('Name of the validation flow that was started.', 'Nom du circuit de validation lancé.'),
    }),
    memo('dtclm_reason', 'dtclm_Reason', label('Reason', 'Motif'), 2000, {
      description: label('Reason given with rejected, declined, expired or cancelled.', 'Motif donné avec les statuts Rejeté, Refusé, Expiré ou Annulé.'),
    }),
    memo('dtclm_lasterror', 'dtclm_LastError', LAST_ERROR, 4000, {
      description: label('Last failure, in words a salesperson can act on.', 'Dernier échec, expliqué pour qu’un commercial puisse agir.'),
    }),
    {
      logicalName: 'dtclm_signeddocument',
      schemaName: 'dtclm_SignedDocument',
      type: 'File',
      displayName: SIGNED_DOCUMENT,
      description: label('The signed PDF, fetched from the CLM once the contract is signed.', 'Le PDF signé, récupéré du CLM une fois le contrat signé.'),
      maxSizeInKB: SIGNED_DOCUMENT_MAX_KB,
      isValidForCreate: false,
      isValidForUpdate: false,
    },
    dateTime('dtclm_enddate', 'dtclm_EndDate', label('End date', 'Date de fin'), 'DateOnly', {
      description: label("The contract's end date, from the mapping's returns.endDate.", 'Date de fin du contrat, issue du returns.endDate du mappage.'),
    }),
    dateTime('dtclm_renewaltaskon', 'dtclm_RenewalTaskOn', label('Renewal task created on', 'Tâche de renouvellement créée le'), 'UserLocal', {
      description: label(
        'When the renewal task was created, so that it is created once.',
        'Date de création de la tâche de renouvellement, pour qu’elle ne soit créée qu’une fois.',
      ),
    }),
    // Dataverse adds the file name column beside every file column.
    text('dtclm_signeddocument_name', 'dtclm_SignedDocument_Name', label('Signed document name', 'Document signé (nom du fichier)'), 255, {
      attributeOf: 'dtclm_signeddocument',
      isSystem: true,
      isValidForCreate: false,
      isValidForUpdate: false,
    }),
    ...systemColumns({ entity: 'dtclm_contract', displayName: CONTRACT, ownership: 'UserOwned' }),
  ],
  alternateKeys: [
    { logicalName: 'dtclm_key_clmcontractid', schemaName: 'dtclm_key_clmcontractid', displayName: CLM_CONTRACT_ID, attributes: ['dtclm_clmcontractid'] },
    { logicalName: 'dtclm_key_requestkey', schemaName: 'dtclm_key_requestkey', displayName: REQUEST_KEY, attributes: ['dtclm_requestkey'] },
  ],
};

const contractEventTable: TableDef<Label> = {
  logicalName: 'dtclm_contractevent',
  schemaName: 'dtclm_ContractEvent',
  entitySetName: ENTITY_SET.dtclm_contractevent,
  displayName: CONTRACT_EVENT,
  displayCollectionName: label('Contract events', 'Événements de contrat'),
  description: label(
    "One webhook event received, or one action the connector took: the contract's history.",
    'Un événement de webhook reçu, ou une action du connecteur\u00a0: l’historique du contrat.',
  ),
  primaryIdAttribute: 'dtclm_contracteventid',
  primaryNameAttribute: 'dtclm_name',
  ownershipType: 'UserOwned',
  isCustomEntity: true,
  changeTrackingEnabled: true,
  attributes: [
    customPrimaryKey('dtclm_contractevent', 'dtclm_ContractEvent', CONTRACT_EVENT),
    nameColumn(NAME, label('E.g. "Signed (5)".', 'Par exemple «\u00a0Signé (5)\u00a0».')),
    text('dtclm_eventid', 'dtclm_EventId', EVENT_ID, 100, {
      description: label(
        "The webhook-id, or connector:<uuid> for the connector's own actions.",
        'Le webhook-id, ou connector:<uuid> pour les actions du connecteur.',
      ),
    }),
    lookup('dtclm_contractid', 'dtclm_ContractId', label('Contract', 'Contrat'), ['dtclm_contract'], { requiredLevel: 'ApplicationRequired' }),
    choice('dtclm_status', 'dtclm_Status', STATUS, contractStatus.name),
    wholeNumber('dtclm_sequence', 'dtclm_Sequence', SEQUENCE, { minValue: 0 }),
    dateTime('dtclm_occurredon', 'dtclm_OccurredOn', label('Occurred on', 'Survenu le'), 'UserLocal'),
    yesNo('dtclm_applied', 'dtclm_Applied', label('Applied', 'Appliqué'), YES_NO_LABELS, {
      defaultValue: true,
      description: label(
        'No when the event arrived out of order and did not move the status.',
        'Non quand l’événement est arrivé dans le désordre et n’a pas changé le statut.',
      ),
    }),
    memo('dtclm_payload', 'dtclm_Payload', label('Payload', 'Contenu'), 10000, {
      description: label('The event body as received.', 'Le corps de l’événement tel que reçu.'),
    }),
    ...systemColumns({ entity: 'dtclm_contractevent', displayName: CONTRACT_EVENT, ownership: 'UserOwned' }),
  ],
  alternateKeys: [{ logicalName: 'dtclm_key_eventid', schemaName: 'dtclm_key_eventid', displayName: EVENT_ID, attributes: ['dtclm_eventid'] }],
};

/** 1,048,576 characters: the largest multiline text Dataverse allows. */
const MEMO_MAX = 1048576;

const templateTable: TableDef<Label> = {
  logicalName: 'dtclm_template',
  schemaName: 'dtclm_Template',
  entitySetName: ENTITY_SET.dtclm_template,
  displayName: CONTRACT_TEMPLATE,
  displayCollectionName: label('Contract templates', 'Modèles de contrat'),
  description: label(
    'A CLM contract template, synced from the CLM, with its JSON mapping.',
    'Modèle de contrat CLM, synchronisé depuis le CLM, avec son mappage JSON.',
  ),
  primaryIdAttribute: 'dtclm_templateid',
  primaryNameAttribute: 'dtclm_name',
  ownershipType: 'OrganizationOwned',
  isCustomEntity: true,
  changeTrackingEnabled: true,
  attributes: [
    customPrimaryKey('dtclm_template', 'dtclm_Template', CONTRACT_TEMPLATE),
    nameColumn(NAME, label('Template name in the CLM.', 'Nom du modèle dans le CLM.')),
    text('dtclm_clmtemplateid', 'dtclm_ClmTemplateId', CLM_TEMPLATE_ID, 64),
    wholeNumber('dtclm_clmversion', 'dtclm_ClmVersion', CLM_VERSION, {
      minValue: 0,
      description: label('The CLM version last synced.', 'La version CLM synchronisée en dernier.'),
    }),
    memo('dtclm_fields', 'dtclm_Fields', label('Fields', 'Champs'), MEMO_MAX, {
      description: label('JSON array of the CLM template field definitions.', 'Tableau JSON des définitions de champs du modèle CLM.'),
    }),
    memo('dtclm_mapping', 'dtclm_Mapping', label('Mapping', 'Mappage'), MEMO_MAX, {
      description: label('The JSON mapping; empty = not offered to users.', 'Le mappage JSON\u00a0; vide = modèle non proposé aux utilisateurs.'),
    }),
    text('dtclm_triggerentity', 'dtclm_TriggerEntity', label('Trigger entity', 'Table déclencheuse'), 100, {
      description: label("Copied from the mapping's trigger_entity on save.", 'Copiée depuis le trigger_entity du mappage lors de son enregistrement.'),
    }),
    dateTime('dtclm_lastsyncedon', 'dtclm_LastSyncedOn', LAST_SYNCED_ON, 'UserLocal'),
    choice('dtclm_mappingstate', 'dtclm_MappingState', label('Mapping state', 'État du mappage'), mappingState.name, {
      description: label(
        'Fits, Broken or No mapping: set by template sync and when the mapping is saved.',
        'Conforme, Non conforme ou Aucun mappage\u00a0: défini par la synchronisation des modèles et à l’enregistrement du mappage.',
      ),
    }),
    memo('dtclm_mappingerrors', 'dtclm_MappingErrors', label('Mapping errors', 'Erreurs de mappage'), 4000, {
      description: label(
        'Why the mapping no longer fits the template, one line per problem with its JSON path.',
        'Pourquoi le mappage ne correspond plus au modèle, une ligne par problème avec son chemin JSON.',
      ),
    }),
    ...systemColumns({ entity: 'dtclm_template', displayName: CONTRACT_TEMPLATE, ownership: 'OrganizationOwned' }),
  ],
  alternateKeys: [
    { logicalName: 'dtclm_key_clmtemplateid', schemaName: 'dtclm_key_clmtemplateid', displayName: CLM_TEMPLATE_ID, attributes: ['dtclm_clmtemplateid'] },
  ],
};

const userLinkTable: TableDef<Label> = {
  logicalName: 'dtclm_userlink',
  schemaName: 'dtclm_UserLink',
  entitySetName: ENTITY_SET.dtclm_userlink,
  displayName: USER_LINK,
  displayCollectionName: label('CLM user links', 'Liens utilisateurs CLM'),
  description: label(
    'A Dynamics user the connector provisions into the CLM over SCIM.',
    'Utilisateur Dynamics que le connecteur provisionne dans le CLM par SCIM.',
  ),
  primaryIdAttribute: 'dtclm_userlinkid',
  primaryNameAttribute: 'dtclm_name',
  ownershipType: 'OrganizationOwned',
  isCustomEntity: true,
  changeTrackingEnabled: true,
  attributes: [
    customPrimaryKey('dtclm_userlink', 'dtclm_UserLink', USER_LINK),
    nameColumn(NAME, label("The user's full name.", 'Le nom complet de l’utilisateur.')),
    lookup('dtclm_systemuserid', 'dtclm_SystemUserId', USER, ['systemuser'], { requiredLevel: 'ApplicationRequired' }),
    text('dtclm_scimid', 'dtclm_ScimId', label('SCIM id', 'ID SCIM'), 100, {
      description: label("The CLM's SCIM user id.", 'L’identifiant SCIM de l’utilisateur dans le CLM.'),
    }),
    choice('dtclm_clmrole', 'dtclm_ClmRole', label('CLM role', 'Rôle CLM'), clmRole.name),
    yesNo('dtclm_active', 'dtclm_Active', label('Active in CLM', 'Actif dans le CLM'), YES_NO_LABELS, {
      description: label('As last pushed to the CLM.', 'Tel que transmis en dernier au CLM.'),
    }),
    dateTime('dtclm_lastsyncedon', 'dtclm_LastSyncedOn', LAST_SYNCED_ON, 'UserLocal'),
    choice('dtclm_syncstate', 'dtclm_SyncState', SYNC_STATE, syncState.name),
    memo('dtclm_lasterror', 'dtclm_LastError', LAST_ERROR, 4000),
    ...systemColumns({ entity: 'dtclm_userlink', displayName: USER_LINK, ownership: 'OrganizationOwned' }),
  ],
  alternateKeys: [{ logicalName: 'dtclm_key_systemuser', schemaName: 'dtclm_key_systemuser', displayName: USER, attributes: ['dtclm_systemuserid'] }],
};

const contactLinkTable: TableDef<Label> = {
  logicalName: 'dtclm_contactlink',
  schemaName: 'dtclm_ContactLink',
  entitySetName: ENTITY_SET.dtclm_contactlink,
  displayName: CONTACT_LINK,
  displayCollectionName: label('CLM contact links', 'Liens contacts CLM'),
  description: label(
    'A Dynamics contact that contact sync keeps in step with a CLM contact.',
    'Contact Dynamics que la synchronisation des contacts maintient à l’identique d’un contact CLM.',
  ),
  primaryIdAttribute: 'dtclm_contactlinkid',
  primaryNameAttribute: 'dtclm_name',
  ownershipType: 'OrganizationOwned',
  isCustomEntity: true,
  changeTrackingEnabled: true,
  attributes: [
    customPrimaryKey('dtclm_contactlink', 'dtclm_ContactLink', CONTACT_LINK),
    nameColumn(NAME, label("The contact's full name.", 'Le nom complet du contact.')),
    lookup('dtclm_contactid', 'dtclm_ContactId', CONTACT, ['contact'], { requiredLevel: 'ApplicationRequired' }),
    text('dtclm_clmcontactid', 'dtclm_ClmContactId', CLM_CONTACT_ID, 64),
    wholeNumber('dtclm_clmversion', 'dtclm_ClmVersion', CLM_VERSION, {
      minValue: 0,
      description: label('The CLM version last read or written.', 'La version CLM lue ou écrite en dernier.'),
    }),
    text('dtclm_syncedhash', 'dtclm_SyncedHash', label('Synced hash', 'Empreinte synchronisée'), 100, {
      description: label(
        'Hash of the field values both sides held after the last sync (no-echo check).',
        'Empreinte des valeurs des champs des deux côtés après la dernière synchronisation (contrôle anti-écho).',
      ),
    }),
    memo('dtclm_syncedvalues', 'dtclm_SyncedValues', label('Synced values', 'Valeurs synchronisées'), 4000, {
      description: label(
        'Those values, JSON, so a per-field three-way merge knows what each side changed.',
        'Ces valeurs, en JSON, pour qu’une fusion à trois voies champ par champ sache ce que chaque côté a changé.',
      ),
    }),
    dateTime('dtclm_lastsyncedon', 'dtclm_LastSyncedOn', LAST_SYNCED_ON, 'UserLocal'),
    choice('dtclm_syncstate', 'dtclm_SyncState', SYNC_STATE, syncState.name),
    memo('dtclm_lasterror', 'dtclm_LastError', LAST_ERROR, 4000),
    ...systemColumns({ entity: 'dtclm_contactlink', displayName: CONTACT_LINK, ownership: 'OrganizationOwned' }),
  ],
  alternateKeys: [
    { logicalName: 'dtclm_key_contact', schemaName: 'dtclm_key_contact', displayName: CONTACT, attributes: ['dtclm_contactid'] },
    { logicalName: 'dtclm_key_clmcontactid', schemaName: 'dtclm_key_clmcontactid', displayName: CLM_CONTACT_ID, attributes: ['dtclm_clmcontactid'] },
  ],
};

export const connectorTables: Array<TableDef<Label>> = [contractTable, contractEventTable, templateTable, userLinkTable, contactLinkTable];
