/**
 * AttributeMetadata and its derived types, as `EntityDefinitions(...)/Attributes` lists them.
 */
import type { AttributeDef, TableDef } from '../../../solution/model/types';
import { metadataId } from './ids';
import { label, managed, NS, type JsonObject } from './labels';

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
/**
 * The columns Dataverse describes beside a lookup or a choice and that only name or type it
 * (AttributeOf): `owneridname`, `owneridtype`, `customeridyominame`, `statuscodename`, ...
 * They are in the metadata but are not properties of the Web API entity types.
 */
function derivedAttributes(table: TableDef): AttributeDef[] {
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

/** Every attribute of a table as metadata: its own, then the derived ones (AttributeOf). */
export function attributesMetadata(table: TableDef): JsonObject[] {
  const own = table.attributes.map((a, i) => attributeMetadata(table, a, i + 1));
  const derived = derivedAttributes(table).map((a, i) => attributeMetadata(table, a, table.attributes.length + i + 1));
  return [...own, ...derived];
}
