/**
 * The columns and relationships Dataverse gives every table of a given ownership: who made and
 * changed the row and when, its owner, its state, its row version. Custom tables get them when they
 * are created; a solution export lists the columns again (customizations.xml) with `isSystem`.
 * The names follow what Dataverse makes for a custom table (`lk_<table>_createdby`,
 * `user_<table>`, `owner_<table>`, ...); system tables pass their own historical names.
 */
import { bigInt, CREATE_ONLY, dateTime, lookup, primaryKey, READ_ONLY, wholeNumber } from './columns';
import { label, type Label, type LabelText } from './labels';
import type { AttributeDef, OptionSetDef, RelationshipDef, TableDef } from './types';

const SYSTEM = { isSystem: true } as const;

export type Ownership = TableDef['ownershipType'];

/** Names of the relationships Dataverse makes for a table's system lookups. */
export interface SystemRelationshipNames {
  createdby: string;
  createdonbehalfby: string;
  modifiedby: string;
  modifiedonbehalfby: string;
  owninguser?: string;
  owningteam?: string;
  owningbusinessunit?: string;
  ownerid?: string;
  organizationid?: string;
}

/** The names Dataverse gives a custom table's system relationships. */
export function customTableRelationshipNames(entity: string, ownership: Ownership): SystemRelationshipNames {
  const names: SystemRelationshipNames = {
    createdby: `lk_${entity}_createdby`,
    createdonbehalfby: `lk_${entity}_createdonbehalfby`,
    modifiedby: `lk_${entity}_modifiedby`,
    modifiedonbehalfby: `lk_${entity}_modifiedonbehalfby`,
  };
  if (ownership === 'UserOwned') {
    names.owninguser = `user_${entity}`;
    names.owningteam = `team_${entity}`;
    names.owningbusinessunit = `business_unit_${entity}`;
    names.ownerid = `owner_${entity}`;
  } else if (ownership === 'OrganizationOwned') {
    names.organizationid = `organization_${entity}`;
  }
  return names;
}

/** The Active / Inactive state and status choices of a table (local to it). */
export function stateOptionSets(entity: string): StateSets<Label> {
  return {
    state: {
      name: `${entity}_statecode`,
      displayName: label('Status', 'Statut'),
      isGlobal: false,
      options: [
        { value: 0, label: label('Active', 'Actif') },
        { value: 1, label: label('Inactive', 'Inactif') },
      ],
    },
    status: {
      name: `${entity}_statuscode`,
      displayName: label('Status Reason', 'Raison du statut'),
      isGlobal: false,
      options: [
        { value: 1, label: label('Active', 'Actif'), state: 0 },
        { value: 2, label: label('Inactive', 'Inactif'), state: 1 },
      ],
    },
  };
}

interface StateSets<L extends LabelText> {
  state: OptionSetDef<L>;
  status: OptionSetDef<L>;
}

export interface SystemColumnsOptions<L extends LabelText = LabelText> {
  entity: string;
  displayName: L;
  ownership: Ownership;
  /** statecode/statuscode choices; default Active/Inactive. `false`: the table has no state. */
  states?: StateSets<L> | false;
}

/**
 * createdon, createdby, ..., ownerid or organizationid, statecode, statuscode, versionnumber, with
 * Dataverse's own labels in English and French (as an organization with the French language pack
 * shows them).
 */
export function systemColumns(opts: SystemColumnsOptions<Label>): Array<AttributeDef<Label>>;
export function systemColumns(opts: SystemColumnsOptions): AttributeDef[];
export function systemColumns(opts: SystemColumnsOptions): AttributeDef[] {
  const cols: AttributeDef[] = [
    lookup('createdby', 'CreatedBy', label('Created By', 'Créé par'), ['systemuser'], {
      ...READ_ONLY,
      ...SYSTEM,
      description: label('Unique identifier of the user who created the record.', 'Identificateur unique de l’utilisateur qui a créé l’enregistrement.'),
    }),
    dateTime('createdon', 'CreatedOn', label('Created On', 'Créé le'), 'UserLocal', {
      ...READ_ONLY,
      ...SYSTEM,
      description: label('Date and time when the record was created.', 'Date et heure de création de l’enregistrement.'),
    }),
    lookup('createdonbehalfby', 'CreatedOnBehalfBy', label('Created By (Delegate)', 'Créé par (délégué)'), ['systemuser'], { ...READ_ONLY, ...SYSTEM }),
    lookup('modifiedby', 'ModifiedBy', label('Modified By', 'Modifié par'), ['systemuser'], { ...READ_ONLY, ...SYSTEM }),
    dateTime('modifiedon', 'ModifiedOn', label('Modified On', 'Modifié le'), 'UserLocal', { ...READ_ONLY, ...SYSTEM }),
    lookup('modifiedonbehalfby', 'ModifiedOnBehalfBy', label('Modified By (Delegate)', 'Modifié par (délégué)'), ['systemuser'], { ...READ_ONLY, ...SYSTEM }),
    wholeNumber('importsequencenumber', 'ImportSequenceNumber', label('Import Sequence Number', 'Numéro de séquence d’importation'), {
      ...CREATE_ONLY,
      ...SYSTEM,
    }),
    dateTime('overriddencreatedon', 'OverriddenCreatedOn', label('Record Created On', 'Enregistrement créé le'), 'UserLocal', {
      ...CREATE_ONLY,
      ...SYSTEM,
      dateTimeFormat: 'DateOnly',
    }),
    wholeNumber(
      'timezoneruleversionnumber',
      'TimeZoneRuleVersionNumber',
      label('Time Zone Rule Version Number', 'Numéro de version de la règle de fuseau horaire'),
      { ...SYSTEM, minValue: -1 },
    ),
    wholeNumber('utcconversiontimezonecode', 'UTCConversionTimeZoneCode', label('UTC Conversion Time Zone Code', 'Code de fuseau horaire de conversion UTC'), {
      ...SYSTEM,
      minValue: -1,
    }),
    bigInt('versionnumber', 'VersionNumber', label('Version Number', 'Numéro de version'), { ...READ_ONLY, ...SYSTEM }),
  ];
  if (opts.ownership === 'UserOwned') {
    cols.push(
      {
        logicalName: 'ownerid',
        schemaName: 'OwnerId',
        type: 'Owner',
        displayName: label('Owner', 'Propriétaire'),
        targets: ['systemuser', 'team'],
        requiredLevel: 'SystemRequired',
        ...SYSTEM,
      },
      lookup('owningbusinessunit', 'OwningBusinessUnit', label('Owning Business Unit', 'Division propriétaire'), ['businessunit'], { ...READ_ONLY, ...SYSTEM }),
      lookup('owningteam', 'OwningTeam', label('Owning Team', 'Équipe propriétaire'), ['team'], { ...READ_ONLY, ...SYSTEM }),
      lookup('owninguser', 'OwningUser', label('Owning User', 'Utilisateur propriétaire'), ['systemuser'], { ...READ_ONLY, ...SYSTEM }),
    );
  } else if (opts.ownership === 'OrganizationOwned') {
    cols.push(lookup('organizationid', 'OrganizationId', label('Organization Id', 'ID d’organisation'), ['organization'], { ...READ_ONLY, ...SYSTEM }));
  }
  if (opts.states !== false) {
    const sets = opts.states ?? stateOptionSets(opts.entity);
    cols.push(
      {
        logicalName: 'statecode',
        schemaName: 'statecode',
        type: 'State',
        displayName: label('Status', 'Statut'),
        optionSet: sets.state,
        requiredLevel: 'SystemRequired',
        isValidForCreate: false,
        isValidForUpdate: true,
        defaultValue: 0,
        ...SYSTEM,
      },
      {
        logicalName: 'statuscode',
        schemaName: 'statuscode',
        type: 'Status',
        displayName: label('Status Reason', 'Raison du statut'),
        optionSet: sets.status,
        defaultValue: sets.status.options[0]?.value,
        ...SYSTEM,
      },
    );
  }
  return cols;
}

/** The primary key column of a custom table: `<table>id`. */
export function customPrimaryKey(entity: string, schemaName: string, displayName: Label): AttributeDef<Label> {
  return primaryKey(`${entity}id`, `${schemaName}Id`, displayName, {
    ...SYSTEM,
    description: label('Unique identifier for entity instances', 'Identificateur unique des instances d’entité'),
  });
}

/** The one-to-many relationships behind a table's system lookups. */
export function systemRelationships(entity: string, names: SystemRelationshipNames): RelationshipDef[] {
  const rel = (schemaName: string, referencedEntity: string, referencedAttribute: string, referencingAttribute: string): RelationshipDef => ({
    schemaName,
    referencedEntity,
    referencedAttribute,
    referencingEntity: entity,
    referencingAttribute,
    referencingEntityNavigationPropertyName: referencingAttribute,
    referencedEntityNavigationPropertyName: schemaName,
    cascadeDelete: 'RemoveLink',
    isSystem: true,
  });
  const rels: RelationshipDef[] = [
    rel(names.createdby, 'systemuser', 'systemuserid', 'createdby'),
    rel(names.createdonbehalfby, 'systemuser', 'systemuserid', 'createdonbehalfby'),
    rel(names.modifiedby, 'systemuser', 'systemuserid', 'modifiedby'),
    rel(names.modifiedonbehalfby, 'systemuser', 'systemuserid', 'modifiedonbehalfby'),
  ];
  if (names.owninguser) rels.push(rel(names.owninguser, 'systemuser', 'systemuserid', 'owninguser'));
  if (names.owningteam) rels.push(rel(names.owningteam, 'team', 'teamid', 'owningteam'));
  if (names.owningbusinessunit) {
    rels.push({ ...rel(names.owningbusinessunit, 'businessunit', 'businessunitid', 'owningbusinessunit'), cascadeDelete: 'Restrict' });
  }
  // `owner` is Dataverse's polymorphic principal (a systemuser or a team): the ownerid navigation
  // property resolves to whichever of the Owner column's targets the row points at.
  if (names.ownerid) rels.push({ ...rel(names.ownerid, 'owner', 'ownerid', 'ownerid'), cascadeDelete: 'Restrict' });
  if (names.organizationid) {
    rels.push({ ...rel(names.organizationid, 'organization', 'organizationid', 'organizationid'), cascadeDelete: 'Restrict' });
  }
  return rels;
}
