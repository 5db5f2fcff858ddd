/**
 * What the Web API answers for `EntityDefinitions`, computed from a schema description: entity,
 * attribute, relationship, key and option set metadata under the property names of Dataverse's
 * metadata types (EntityMetadata, AttributeMetadata and its derived types,
 * OneToManyRelationshipMetadata, ManyToManyRelationshipMetadata, EntityKeyMetadata,
 * OptionSetMetadata). Pure: the same schema gives the same JSON, ids included.
 *
 * As in Dataverse, an attribute's OptionSet is not part of the plain attribute (only a cast such as
 * `Attributes/Microsoft.Dynamics.CRM.PicklistAttributeMetadata?$expand=OptionSet` returns it); use
 * `attributeWithOptionSet` for that.
 */
import type { AlternateKeyDef, AttributeDef, ManyToManyDef, OptionSetDef, RelationshipDef, SchemaDef, TableDef } from '../../../solution/model/types';
import { metadataId } from './ids';

export { metadataId, uuidV5 } from './ids';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

const LANGUAGE = 1033;
const NS = '#Microsoft.Dynamics.CRM.';

/** A Label: LocalizedLabels in the organization's language, and the user's (the same here). */
export function label(text: string | undefined, idSeed: string): JsonObject {
  if (text === undefined || text === '') return { LocalizedLabels: [], UserLocalizedLabel: null };
  const localized: JsonObject = { Label: text, LanguageCode: LANGUAGE, IsManaged: false, MetadataId: metadataId('label', idSeed), HasChanged: null };
  return { LocalizedLabels: [localized], UserLocalizedLabel: { ...localized } };
}

function managed(value: Json, logicalName: string, canBeChanged = true): JsonObject {
  return { Value: value, CanBeChanged: canBeChanged, ManagedPropertyLogicalName: logicalName };
}

/** The `@odata.type` of an attribute's metadata. */
const METADATA_TYPE: Record<AttributeDef['type'], string> = {
  String: 'StringAttributeMetadata',
  Memo: 'MemoAttributeMetadata',
  Integer: 'IntegerAttributeMetadata',
  BigInt: 'BigIntAttributeMetadata',
  Decimal: 'DecimalAttributeMetadata',
  Double: 'DoubleAttributeMetadata',
  Money: 'MoneyAttributeMetadata',
  Boolean: 'BooleanAttributeMetadata',
  DateTime: 'DateTimeAttributeMetadata',
  Picklist: 'PicklistAttributeMetadata',
  State: 'StateAttributeMetadata',
  Status: 'StatusAttributeMetadata',
  Lookup: 'LookupAttributeMetadata',
  Owner: 'LookupAttributeMetadata',
  Customer: 'LookupAttributeMetadata',
  Uniqueidentifier: 'UniqueIdentifierAttributeMetadata',
  EntityName: 'EntityNameAttributeMetadata',
  File: 'FileAttributeMetadata',
  Virtual: 'AttributeMetadata',
};

/** Dataverse reports a file column as AttributeType Virtual with AttributeTypeName FileType. */
function attributeType(a: AttributeDef): { type: string; typeName: string } {
  if (a.type === 'File') return { type: 'Virtual', typeName: 'FileType' };
  return { type: a.type, typeName: `${a.type}Type` };
}

function ownershipType(t: TableDef): string {
  return t.metadataOwnershipType ?? t.ownershipType;
}

function collectionSchemaName(t: TableDef): string {
  if (t.entitySetName.startsWith(t.logicalName)) return t.schemaName + t.entitySetName.slice(t.logicalName.length);
  return t.entitySetName.charAt(0).toUpperCase() + t.entitySetName.slice(1);
}

/**
 * The columns Dataverse describes beside a lookup or a choice and that only name or type it
 * (AttributeOf): `owneridname`, `owneridtype`, `customeridyominame`, `statuscodename`, ...
 * They are in the metadata but are not properties of the Web API entity types.
 */
export function derivedAttributes(table: TableDef): AttributeDef[] {
  const taken = new Set(table.attributes.map((a) => a.logicalName));
  const derived: AttributeDef[] = [];
  const add = (a: AttributeDef) => {
    if (!taken.has(a.logicalName)) {
      taken.add(a.logicalName);
      derived.push(a);
    }
  };
  for (const a of table.attributes) {
    const base = { attributeOf: a.logicalName, isSystem: true, isValidForCreate: false, isValidForUpdate: false } as const;
    if (a.type === 'Lookup' || a.type === 'Owner' || a.type === 'Customer') {
      add({ logicalName: `${a.logicalName}name`, schemaName: `${a.schemaName}Name`, type: 'String', displayName: '', maxLength: 100, format: 'Text', ...base });
      if (a.type !== 'Lookup' || (a.targets?.length ?? 0) > 1) {
        add({
          logicalName: `${a.logicalName}yominame`,
          schemaName: `${a.schemaName}YomiName`,
          type: 'String',
          displayName: '',
          maxLength: 100,
          format: 'Text',
          ...base,
        });
        add({
          logicalName: `${a.logicalName}type`,
          schemaName: `${a.schemaName}Type`,
          type: 'EntityName',
          displayName: '',
          ...base,
          isValidForCreate: a.isValidForCreate !== false,
          isValidForUpdate: a.isValidForUpdate !== false,
        });
      }
    } else if (a.type === 'Picklist' || a.type === 'State' || a.type === 'Status' || a.type === 'Boolean') {
      add({ logicalName: `${a.logicalName}name`, schemaName: `${a.schemaName}Name`, type: 'Virtual', displayName: '', ...base });
    }
  }
  return derived;
}

/** One attribute's metadata, as `EntityDefinitions(...)/Attributes` lists it (no OptionSet). */
export function attributeMetadata(table: TableDef, a: AttributeDef, columnNumber = 0): JsonObject {
  const id = `${table.logicalName}.${a.logicalName}`;
  const { type, typeName } = attributeType(a);
  const isPrimaryId = a.isPrimaryId === true || a.logicalName === table.primaryIdAttribute;
  const validForCreate = a.isValidForCreate ?? true;
  const validForUpdate = a.isValidForUpdate ?? !isPrimaryId;
  const m: JsonObject = {
    '@odata.type': NS + METADATA_TYPE[a.type],
    MetadataId: metadataId('attribute', id),
    HasChanged: null,
    AttributeOf: a.attributeOf ?? null,
    AttributeType: type,
    AttributeTypeName: { Value: typeName },
    ColumnNumber: columnNumber,
    Description: label(a.description, `${id}.description`),
    DisplayName: label(a.displayName, `${id}.displayname`),
    EntityLogicalName: table.logicalName,
    IntroducedVersion: table.isCustomEntity ? '1.0.0.0' : '5.0.0.0',
    IsCustomAttribute: table.isCustomEntity && !a.isSystem,
    IsCustomizable: managed(true, 'iscustomizable'),
    IsFilterable: a.type !== 'File' && a.type !== 'Memo',
    IsLogical: a.attributeOf !== undefined || a.isBaseCurrency === true,
    IsManaged: !table.isCustomEntity,
    IsPrimaryId: isPrimaryId,
    IsPrimaryName: a.isPrimaryName === true || (table.primaryNameAttribute !== '' && a.logicalName === table.primaryNameAttribute),
    IsRenameable: managed(true, 'isrenameable'),
    IsRetrievable: true,
    IsSearchable: a.type === 'String' || a.type === 'Memo',
    IsSecured: false,
    IsValidForAdvancedFind: managed(a.attributeOf === undefined, 'isvalidforadvancedfind'),
    IsValidForCreate: validForCreate,
    IsValidForRead: true,
    IsValidForUpdate: validForUpdate,
    LogicalName: a.logicalName,
    RequiredLevel: managed(a.requiredLevel ?? 'None', 'canmodifyrequirementlevelsettings'),
    SchemaName: a.schemaName,
    SourceType: a.isBaseCurrency ? 1 : 0,
  };
  switch (a.type) {
    case 'String':
      m.MaxLength = a.maxLength ?? 100;
      m.DatabaseLength = (a.maxLength ?? 100) * 2;
      m.Format = a.format ?? 'Text';
      m.FormatName = { Value: a.format ?? 'Text' };
      m.ImeMode = 'Auto';
      m.IsLocalizable = false;
      m.YomiOf = null;
      break;
    case 'Memo':
      m.MaxLength = a.maxLength ?? 2000;
      m.DatabaseLength = (a.maxLength ?? 2000) * 2;
      m.Format = 'TextArea';
      m.ImeMode = 'Auto';
      m.IsLocalizable = false;
      break;
    case 'Integer':
      m.Format = 'None';
      m.MinValue = a.minValue ?? -2147483648;
      m.MaxValue = a.maxValue ?? 2147483647;
      break;
    case 'BigInt':
      m.MinValue = a.minValue ?? -(2 ** 63);
      m.MaxValue = a.maxValue ?? 2 ** 63; // Dataverse says 9223372036854775807; a JS number cannot hold it
      break;
    case 'Decimal':
    case 'Double':
      m.Precision = a.precision ?? 2;
      m.MinValue = a.minValue ?? -100000000000;
      m.MaxValue = a.maxValue ?? 100000000000;
      m.ImeMode = 'Auto';
      break;
    case 'Money':
      m.Precision = a.precision ?? 2;
      m.PrecisionSource = 2;
      m.MinValue = a.minValue ?? -922337203685477;
      m.MaxValue = a.maxValue ?? 922337203685477;
      m.IsBaseCurrency = a.isBaseCurrency === true;
      m.CalculationOf = a.isBaseCurrency ? a.logicalName.replace(/_base$/, '') : null;
      m.ImeMode = 'Auto';
      break;
    case 'Boolean':
      m.DefaultValue = typeof a.defaultValue === 'boolean' ? a.defaultValue : false;
      break;
    case 'DateTime':
      m.Format = a.dateTimeFormat ?? (a.dateTimeBehavior === 'DateOnly' ? 'DateOnly' : 'DateAndTime');
      m.DateTimeBehavior = { Value: a.dateTimeBehavior ?? 'UserLocal' };
      m.CanChangeDateTimeBehavior = managed(table.isCustomEntity && !a.isSystem, 'canchangedatetimebehavior');
      m.MinSupportedValue = '1753-01-01T00:00:00Z';
      m.MaxSupportedValue = '9999-12-30T23:59:59Z';
      m.ImeMode = 'Inactive';
      break;
    case 'Picklist':
    case 'State':
    case 'Status':
      m.DefaultFormValue = typeof a.defaultValue === 'number' ? a.defaultValue : a.type === 'Picklist' ? -1 : null;
      break;
    case 'Lookup':
    case 'Owner':
    case 'Customer':
      m.Targets = a.targets ?? [];
      m.Format = 'None';
      break;
    case 'File':
      m.MaxSizeInKB = a.maxSizeInKB ?? 32768;
      break;
    default:
      break;
  }
  return m;
}

/** Option set metadata of a Picklist, State, Status (or Boolean) column. */
export function optionSetMetadata(def: OptionSetDef, type: 'Picklist' | 'State' | 'Status', statuses?: OptionSetDef): JsonObject {
  return {
    '@odata.type': `${NS}OptionSetMetadata`,
    MetadataId: metadataId('optionset', def.name),
    HasChanged: null,
    Name: def.name,
    IsGlobal: def.isGlobal,
    IsCustomOptionSet: def.name.startsWith('dtclm_'),
    IsManaged: !def.name.startsWith('dtclm_'),
    IsCustomizable: managed(true, 'iscustomizable'),
    OptionSetType: type,
    ExternalTypeName: null,
    DisplayName: label(def.displayName, `optionset.${def.name}.displayname`),
    Description: label('', `optionset.${def.name}.description`),
    Options: def.options.map((o) => {
      const option: JsonObject = {
        Value: o.value,
        Color: null,
        IsManaged: !def.name.startsWith('dtclm_'),
        ExternalValue: null,
        ParentValues: [],
        MetadataId: null,
        HasChanged: null,
        Label: label(o.label, `optionset.${def.name}.${o.value}`),
        Description: label('', `optionset.${def.name}.${o.value}.description`),
      };
      if (type === 'State') {
        const defaultStatus = statuses?.options.find((s) => s.state === o.value)?.value ?? null;
        return { '@odata.type': `${NS}StateOptionMetadata`, ...option, InvariantName: o.label.replace(/\s+/g, ''), DefaultStatus: defaultStatus };
      }
      if (type === 'Status') return { '@odata.type': `${NS}StatusOptionMetadata`, ...option, State: o.state ?? 0, TransitionData: null };
      return option;
    }),
  };
}

function booleanOptionSet(table: TableDef, a: AttributeDef): JsonObject {
  const labels = a.booleanLabels ?? { false: 'No', true: 'Yes' };
  const name = `${table.logicalName}_${a.logicalName}`;
  const option = (value: number, text: string): JsonObject => ({
    Value: value,
    Color: null,
    IsManaged: !table.isCustomEntity,
    ExternalValue: null,
    ParentValues: [],
    MetadataId: null,
    HasChanged: null,
    Label: label(text, `optionset.${name}.${value}`),
    Description: label('', `optionset.${name}.${value}.description`),
  });
  return {
    '@odata.type': `${NS}BooleanOptionSetMetadata`,
    MetadataId: metadataId('optionset', name),
    HasChanged: null,
    Name: name,
    IsGlobal: false,
    IsCustomOptionSet: table.isCustomEntity,
    IsManaged: !table.isCustomEntity,
    OptionSetType: 'Boolean',
    DisplayName: label(a.displayName, `optionset.${name}.displayname`),
    Description: label('', `optionset.${name}.description`),
    TrueOption: option(1, labels.true),
    FalseOption: option(0, labels.false),
  };
}

/** The option set of a choice column, global ones looked up in the schema. */
export function resolveOptionSet(schema: SchemaDef, a: AttributeDef): OptionSetDef | undefined {
  if (!a.optionSet) return undefined;
  if (typeof a.optionSet !== 'string') return a.optionSet;
  const name = a.optionSet;
  return schema.optionSets.find((o) => o.name === name);
}

/**
 * An attribute with its OptionSet (and GlobalOptionSet for a global choice), as answered for
 * `Attributes(LogicalName='x')/Microsoft.Dynamics.CRM.PicklistAttributeMetadata?$expand=OptionSet,GlobalOptionSet`.
 */
export function attributeWithOptionSet(schema: SchemaDef, table: TableDef, a: AttributeDef): JsonObject {
  const m = attributeMetadata(table, a, table.attributes.indexOf(a) + 1);
  if (a.type === 'Boolean') {
    m.OptionSet = booleanOptionSet(table, a);
  } else if (a.type === 'Picklist' || a.type === 'State' || a.type === 'Status') {
    const def = resolveOptionSet(schema, a);
    if (def) {
      const statusAttr = a.type === 'State' ? table.attributes.find((x) => x.type === 'Status') : undefined;
      const statuses = statusAttr ? resolveOptionSet(schema, statusAttr) : undefined;
      const os = optionSetMetadata(def, a.type, statuses);
      m.OptionSet = os;
      m.GlobalOptionSet = def.isGlobal ? os : null;
    } else {
      m.OptionSet = null;
      m.GlobalOptionSet = null;
    }
  }
  return m;
}

/** `GlobalOptionSetDefinitions`: the schema's global choices. */
export function globalOptionSetDefinitions(schema: SchemaDef): JsonObject[] {
  return schema.optionSets.filter((o) => o.isGlobal).map((o) => optionSetMetadata(o, 'Picklist'));
}

function cascade(r: RelationshipDef): JsonObject {
  const parental = r.cascadeDelete === 'Cascade';
  const dflt = parental ? 'Cascade' : 'NoCascade';
  return {
    Assign: r.cascadeAssign ?? dflt,
    Delete: r.cascadeDelete,
    Archive: parental ? 'Cascade' : 'NoCascade',
    Merge: parental ? 'Cascade' : 'NoCascade',
    Reparent: r.cascadeReparent ?? dflt,
    Share: r.cascadeShare ?? dflt,
    Unshare: r.cascadeUnshare ?? dflt,
    RollupView: 'NoCascade',
  };
}

/** OneToManyRelationshipMetadata (listed in both ManyToOneRelationships and OneToManyRelationships). */
export function oneToManyMetadata(r: RelationshipDef, schema?: SchemaDef): JsonObject {
  const custom = r.isSystem !== true;
  const referenced = schema?.tables.find((t) => t.logicalName === r.referencedEntity);
  return {
    MetadataId: metadataId('relationship', r.schemaName),
    HasChanged: null,
    SchemaName: r.schemaName,
    RelationshipType: 'OneToManyRelationship',
    IsCustomRelationship: custom && r.schemaName.startsWith('dtclm_'),
    IsCustomizable: managed(true, 'iscustomizable'),
    IsManaged: !(custom && r.schemaName.startsWith('dtclm_')),
    IsValidForAdvancedFind: true,
    IsHierarchical: false,
    IntroducedVersion: custom ? '1.0.0.0' : '5.0.0.0',
    SecurityTypes: r.cascadeDelete === 'Cascade' ? 'ParentChild' : r.isSystem ? 'None' : 'Append',
    RelationshipBehavior: 0,
    ReferencedAttribute: r.referencedAttribute || referenced?.primaryIdAttribute || `${r.referencedEntity}id`,
    ReferencedEntity: r.referencedEntity,
    ReferencingAttribute: r.referencingAttribute,
    ReferencingEntity: r.referencingEntity,
    ReferencedEntityNavigationPropertyName: r.referencedEntityNavigationPropertyName,
    ReferencingEntityNavigationPropertyName: r.referencingEntityNavigationPropertyName,
    CascadeConfiguration: cascade(r),
    AssociatedMenuConfiguration: {
      Behavior: 'UseCollectionName',
      Group: 'Details',
      Label: label('', `relationship.${r.schemaName}.menu`),
      Order: 10000,
      IsCustomizable: true,
      Icon: null,
      ViewId: '00000000-0000-0000-0000-000000000000',
      AvailableOffline: true,
      MenuId: null,
      QueryApi: null,
    },
  };
}

export function manyToManyMetadata(r: ManyToManyDef, schema?: SchemaDef): JsonObject {
  const idOf = (entity: string) => schema?.tables.find((t) => t.logicalName === entity)?.primaryIdAttribute ?? `${entity}id`;
  const menu = (side: string): JsonObject => ({
    Behavior: 'UseLabel',
    Group: 'Details',
    Label: label('', `relationship.${r.schemaName}.${side}.menu`),
    Order: null,
    IsCustomizable: true,
    Icon: null,
    ViewId: '00000000-0000-0000-0000-000000000000',
    AvailableOffline: true,
    MenuId: null,
    QueryApi: null,
  });
  return {
    MetadataId: metadataId('relationship', r.schemaName),
    HasChanged: null,
    SchemaName: r.schemaName,
    RelationshipType: 'ManyToManyRelationship',
    IsCustomRelationship: r.schemaName.startsWith('dtclm_'),
    IsCustomizable: managed(true, 'iscustomizable'),
    IsManaged: !r.schemaName.startsWith('dtclm_'),
    IsValidForAdvancedFind: true,
    IntroducedVersion: '5.0.0.0',
    SecurityTypes: 'None',
    Entity1LogicalName: r.entity1LogicalName,
    Entity2LogicalName: r.entity2LogicalName,
    IntersectEntityName: r.intersectEntityName,
    Entity1IntersectAttribute: r.entity1IntersectAttribute ?? idOf(r.entity1LogicalName),
    Entity2IntersectAttribute: r.entity2IntersectAttribute ?? idOf(r.entity2LogicalName),
    Entity1NavigationPropertyName: r.entity1NavigationPropertyName,
    Entity2NavigationPropertyName: r.entity2NavigationPropertyName,
    Entity1AssociatedMenuConfiguration: menu('1'),
    Entity2AssociatedMenuConfiguration: menu('2'),
  };
}

export function keyMetadata(table: TableDef, k: AlternateKeyDef): JsonObject {
  return {
    MetadataId: metadataId('key', `${table.logicalName}.${k.logicalName}`),
    HasChanged: null,
    LogicalName: k.logicalName,
    SchemaName: k.schemaName,
    EntityLogicalName: table.logicalName,
    DisplayName: label(k.displayName, `key.${table.logicalName}.${k.logicalName}`),
    KeyAttributes: [...k.attributes],
    EntityKeyIndexStatus: 'Active',
    IsCustomizable: managed(true, 'iscustomizable'),
    IsManaged: !table.isCustomEntity,
    IntroducedVersion: table.isCustomEntity ? '1.0.0.0' : '5.0.0.0',
    AsyncJob: null,
    IsSynchronous: true,
  };
}

/** Entity metadata without its collections (what `GET EntityDefinitions` lists per entity). */
export function entityMetadataHeader(table: TableDef): JsonObject {
  const t = table.logicalName;
  return {
    MetadataId: metadataId('entity', t),
    HasChanged: null,
    LogicalName: t,
    SchemaName: table.schemaName,
    EntitySetName: table.entitySetName,
    LogicalCollectionName: table.entitySetName,
    CollectionSchemaName: collectionSchemaName(table),
    ObjectTypeCode: table.objectTypeCode ?? null,
    PrimaryIdAttribute: table.primaryIdAttribute,
    PrimaryNameAttribute: table.primaryNameAttribute === '' ? null : table.primaryNameAttribute,
    PrimaryImageAttribute: null,
    OwnershipType: ownershipType(table),
    IsCustomEntity: table.isCustomEntity,
    IsManaged: !table.isCustomEntity,
    IsActivity: false,
    IsActivityParty: false,
    IsIntersect: table.isIntersect === true,
    IsChildEntity: false,
    IsLogicalEntity: false,
    IsPrivate: false,
    IsValidForAdvancedFind: table.isIntersect !== true,
    IsBusinessProcessEnabled: false,
    ChangeTrackingEnabled: table.changeTrackingEnabled === true,
    IsCustomizable: managed(true, 'iscustomizable'),
    IsAuditEnabled: managed(false, 'canmodifyauditsettings'),
    HasNotes: false,
    HasActivities: false,
    IntroducedVersion: table.isCustomEntity ? '1.0.0.0' : '5.0.0.0',
    DisplayName: label(table.displayName, `entity.${t}.displayname`),
    DisplayCollectionName: label(table.displayCollectionName, `entity.${t}.displaycollectionname`),
    Description: label(table.description, `entity.${t}.description`),
  };
}

/** Every attribute of a table as metadata: its own, then the derived ones (AttributeOf). */
export function attributesMetadata(table: TableDef): JsonObject[] {
  const own = table.attributes.map((a, i) => attributeMetadata(table, a, i + 1));
  const derived = derivedAttributes(table).map((a, i) => attributeMetadata(table, a, table.attributes.length + i + 1));
  return [...own, ...derived];
}

/** One entity's full metadata, with Attributes, relationships and Keys. */
export function entityMetadata(schema: SchemaDef, table: TableDef): JsonObject {
  const t = table.logicalName;
  return {
    ...entityMetadataHeader(table),
    Attributes: attributesMetadata(table),
    ManyToOneRelationships: schema.relationships.filter((r) => r.referencingEntity === t).map((r) => oneToManyMetadata(r, schema)),
    OneToManyRelationships: schema.relationships.filter((r) => r.referencedEntity === t).map((r) => oneToManyMetadata(r, schema)),
    ManyToManyRelationships: schema.manyToMany
      .filter((r) => r.entity1LogicalName === t || r.entity2LogicalName === t)
      .map((r) => manyToManyMetadata(r, schema)),
    Keys: (table.alternateKeys ?? []).map((k) => keyMetadata(table, k)),
  };
}

/** `EntityDefinitions`: every table's metadata, expanded. */
export function entityDefinitions(schema: SchemaDef): JsonObject[] {
  return schema.tables.map((t) => entityMetadata(schema, t));
}
