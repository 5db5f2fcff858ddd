/**
 * One column of a table as an `<attribute>` of customizations.xml, in the element order of a real
 * export (shared/reference/solutions/tactec) and with the 9.0 schema's elements only: the export's
 * newer flags (AutoNumberFormat, IsSearchable, IsFilterable, IsRetrievable, IsLocalizable) are left
 * out, which is what Dataverse assumes when they are missing.
 *
 * The one exception is the file column: the 9.0 schema predates file columns, so `<Type>file</Type>`
 * is what current Dataverse exports and imports (see solution/README.md). Its largest size goes in
 * `<MaxValue>` (KB), as an export writes it: `MaxSizeInKB` is the Web API's name only, and an
 * import reads `<MaxValue>` for the size (public spike report on file columns, 2026-08: authored
 * 2048, read back MaxSizeInKB = 2048).
 */
import { YES_NO_LABELS } from '../../model/columns';
import { label, type Label } from '../../model/labels';
import type { AttributeDef as AnyAttributeDef, OptionSetDef as AnyOptionSetDef, TableDef as AnyTableDef } from '../../model/types';
import { el, textEl, type XmlChild, type XmlElement } from '../xml';
import { descriptions, displayNames, INTRODUCED_VERSION, labels } from './labels';
import { NOT_EXPORTED_SYSTEM_ATTRIBUTES, SYSTEM_ATTRIBUTE_TRAITS, type AttributeTraits } from './system-attribute-traits';

type AttributeDef = AnyAttributeDef<Label>;
type OptionSetDef = AnyOptionSetDef<Label>;
type TableDef = AnyTableDef<Label>;

const CUSTOM_MASK = 'ValidForAdvancedFind|ValidForForm|ValidForGrid';

/** Columns an export lists: not the ones Dataverse derives (file name of a file column, versionnumber). */
function isExported(attr: AttributeDef): boolean {
  if (attr.attributeOf) return false;
  return !(attr.isSystem && NOT_EXPORTED_SYSTEM_ATTRIBUTES.has(attr.logicalName));
}

const REQUIRED_LEVEL: Record<NonNullable<AttributeDef['requiredLevel']>, string> = {
  None: 'none',
  Recommended: 'recommended',
  ApplicationRequired: 'required',
  SystemRequired: 'systemrequired',
};

const DATETIME_BEHAVIOR = { UserLocal: 1, DateOnly: 2, TimeZoneIndependent: 3 } as const;

/** CrmDataType of the attribute's <Type>. */
function crmType(attr: AttributeDef): string {
  switch (attr.type) {
    case 'String':
      return 'nvarchar';
    case 'Memo':
      return 'ntext';
    case 'Integer':
      return 'int';
    case 'BigInt':
      return 'bigint';
    case 'Decimal':
      return 'decimal';
    case 'Double':
      return 'float';
    case 'Money':
      return 'money';
    case 'Boolean':
      return 'bit';
    case 'DateTime':
      return 'datetime';
    case 'Picklist':
      return 'picklist';
    case 'State':
      return 'state';
    case 'Status':
      return 'status';
    case 'Lookup':
      return 'lookup';
    case 'Owner':
      return 'owner';
    case 'Customer':
      return 'customer';
    case 'Uniqueidentifier':
      return attr.isPrimaryId ? 'primarykey' : 'uniqueidentifier';
    case 'File':
      return 'file';
    default:
      throw new Error(`Column ${attr.logicalName}: type ${attr.type} is not written into solutions by this packer`);
  }
}

function traitsOf(attr: AttributeDef): AttributeTraits {
  if (attr.isSystem && !attr.isPrimaryId) {
    const t = SYSTEM_ATTRIBUTE_TRAITS[attr.logicalName];
    if (!t) throw new Error(`System column ${attr.logicalName}: no export traits known (solution/pack/customizations/system-attribute-traits.ts)`);
    return t;
  }
  if (attr.isPrimaryId) return { displayMask: 'ValidForAdvancedFind|RequiredForGrid', imeMode: 'auto', isAuditEnabled: false };
  if (attr.isPrimaryName) return { displayMask: `PrimaryName|${CUSTOM_MASK}|RequiredForForm`, imeMode: 'auto', isAuditEnabled: true };
  // A file column as an export writes it (the spike report above): no advanced find, IME disabled.
  if (attr.type === 'File') return { displayMask: 'ValidForForm|ValidForGrid', imeMode: 'disabled', isAuditEnabled: true };
  const imeMode = attr.type === 'DateTime' ? 'inactive' : 'auto';
  return { displayMask: CUSTOM_MASK, imeMode, isAuditEnabled: true };
}

function optionLabels(text: Label): XmlElement {
  return labels('labels', 'label', text);
}

/** An inline (local) choice: statecode, statuscode, a yes/no column, or a local picklist. */
function localOptionSet(set: OptionSetDef, kind: 'picklist' | 'state' | 'status' | 'bit', table: TableDef, description: Label | undefined): XmlElement {
  let values: XmlChild;
  if (kind === 'state') {
    values = el(
      'states',
      {},
      set.options.map((o) => {
        const status = defaultStatusOf(table, o.value);
        return el('state', { value: o.value, defaultstatus: status, invariantname: o.label[1033].replace(/\s+/g, '') }, optionLabels(o.label));
      }),
    );
  } else if (kind === 'status') {
    values = el(
      'statuses',
      {},
      set.options.map((o) => el('status', { value: o.value, state: o.state }, optionLabels(o.label))),
    );
  } else {
    values = el(
      'options',
      {},
      set.options.map((o) => el('option', { value: o.value }, optionLabels(o.label))),
    );
  }
  return el(
    'optionset',
    { Name: set.name },
    textEl('OptionSetType', kind),
    textEl('IntroducedVersion', INTRODUCED_VERSION),
    textEl('IsCustomizable', 1),
    displayNames(set.displayName),
    descriptions(description),
    values,
  );
}

/** The status a state falls back to: the first statuscode option of that state, as Dataverse picks it. */
function defaultStatusOf(table: TableDef, state: number): number {
  const statusColumn = table.attributes.find((a) => a.type === 'Status');
  const options = statusColumn && typeof statusColumn.optionSet === 'object' ? statusColumn.optionSet.options : [];
  const status = options.find((o) => o.state === state);
  if (!status) throw new Error(`${table.logicalName}: no statuscode option for state ${state}`);
  return status.value;
}

/**
 * A column's description: the model's, else what Dataverse writes for its system columns
 * ("Status of the Contract (CLM)" for statecode, as the export does; in French as Dataverse words
 * it, « Statut de l’enregistrement « Contrat (CLM) » »).
 */
function describe(attr: AttributeDef, table: TableDef): Label | undefined {
  if (attr.description) return attr.description;
  const name = table.displayName;
  if (attr.type === 'State') return label(`Status of the ${name[1033]}`, `Statut de l’enregistrement «\u00a0${name[1036]}\u00a0»`);
  if (attr.type === 'Status') return label(`Reason for the status of the ${name[1033]}`, `Raison du statut de l’enregistrement «\u00a0${name[1036]}\u00a0»`);
  return SYSTEM_ATTRIBUTE_TRAITS[attr.logicalName]?.description;
}

function typeSpecific(attr: AttributeDef, table: TableDef, traits: AttributeTraits): XmlChild[] {
  switch (attr.type) {
    case 'String':
      return [
        textEl('Format', (attr.format ?? 'Text').toLowerCase()),
        textEl('MaxLength', attr.maxLength ?? 100),
        textEl('Length', (attr.maxLength ?? 100) * 2),
      ];
    case 'Memo':
      return [textEl('Format', 'text'), textEl('MaxLength', attr.maxLength ?? 2000)];
    case 'Integer':
    case 'BigInt':
      return [
        traits.emptyFormat ? el('Format') : textEl('Format', 'none'),
        attr.minValue !== undefined ? textEl('MinValue', attr.minValue) : null,
        attr.maxValue !== undefined ? textEl('MaxValue', attr.maxValue) : null,
      ];
    case 'Decimal':
    case 'Double':
    case 'Money':
      return [
        attr.minValue !== undefined ? textEl('MinValue', attr.minValue) : null,
        attr.maxValue !== undefined ? textEl('MaxValue', attr.maxValue) : null,
        attr.precision !== undefined ? textEl('Accuracy', attr.precision) : null,
      ];
    case 'DateTime':
      return [
        textEl('Format', attr.dateTimeFormat === 'DateOnly' ? 'date' : 'datetime'),
        textEl('CanChangeDateTimeBehavior', attr.isSystem ? 0 : 1),
        textEl('Behavior', DATETIME_BEHAVIOR[attr.dateTimeBehavior ?? 'UserLocal']),
      ];
    case 'Boolean': {
      const labelsOf = attr.booleanLabels ?? YES_NO_LABELS;
      const set: OptionSetDef = {
        name: `${table.logicalName}_${attr.logicalName}`,
        displayName: attr.displayName,
        isGlobal: false,
        options: [
          { value: 1, label: labelsOf.true },
          { value: 0, label: labelsOf.false },
        ],
      };
      return [textEl('AppDefaultValue', attr.defaultValue === true ? 1 : 0), localOptionSet(set, 'bit', table, undefined)];
    }
    case 'Picklist':
      if (typeof attr.optionSet === 'string') return [textEl('AppDefaultValue', -1), textEl('OptionSetName', attr.optionSet)];
      if (!attr.optionSet) throw new Error(`Choice column ${attr.logicalName} has no option set`);
      return [textEl('AppDefaultValue', -1), localOptionSet(attr.optionSet, 'picklist', table, undefined)];
    case 'State':
    case 'Status': {
      if (!attr.optionSet || typeof attr.optionSet === 'string') throw new Error(`${attr.logicalName} needs its local option set`);
      return [localOptionSet(attr.optionSet, attr.type === 'State' ? 'state' : 'status', table, describe(attr, table))];
    }
    case 'Lookup':
    case 'Customer':
      return [traits.isLogical ? textEl('IsLogical', 1) : null, textEl('LookupStyle', 'single'), el('LookupTypes')];
    case 'Owner':
      // Object type codes of systemuser (8) and team (9): an owner is one or the other.
      return [
        textEl('LookupStyle', 'single'),
        el(
          'LookupTypes',
          {},
          textEl('LookupType', 8, { id: '00000000-0000-0000-0000-000000000000' }),
          textEl('LookupType', 9, { id: '00000000-0000-0000-0000-000000000000' }),
        ),
      ];
    case 'File':
      if (!attr.maxSizeInKB) throw new Error(`File column ${attr.logicalName} needs maxSizeInKB`);
      return [textEl('MaxValue', attr.maxSizeInKB)];
    default:
      return [];
  }
}

function attributeXml(attr: AttributeDef, table: TableDef): XmlElement {
  const traits = traitsOf(attr);
  const isCustom = !attr.isSystem && !attr.isPrimaryId;
  const validForCreate = attr.isValidForCreate ?? true;
  const validForUpdate = attr.isValidForUpdate ?? true;
  // Dataverse's own required level of system columns: the model gives it where it is not "none".
  const required = REQUIRED_LEVEL[attr.requiredLevel ?? 'None'];
  return el(
    'attribute',
    { PhysicalName: attr.schemaName },
    textEl('Type', crmType(attr)),
    textEl('Name', attr.logicalName),
    textEl('LogicalName', attr.logicalName),
    textEl('RequiredLevel', required),
    traits.displayMask ? textEl('DisplayMask', traits.displayMask) : null,
    // The export writes no ImeMode for custom lookups.
    attr.type === 'Lookup' && isCustom ? null : textEl('ImeMode', traits.imeMode),
    // An export writes the ValidFor flags that hold and leaves out the ones that do not.
    validForUpdate && !attr.isPrimaryId ? textEl('ValidForUpdateApi', 1) : null,
    textEl('ValidForReadApi', 1),
    validForCreate ? textEl('ValidForCreateApi', 1) : null,
    textEl('IsCustomField', isCustom ? 1 : 0),
    textEl('IsAuditEnabled', traits.isAuditEnabled ? 1 : 0),
    textEl('IsSecured', 0),
    textEl('IntroducedVersion', INTRODUCED_VERSION),
    textEl('IsCustomizable', 1),
    textEl('IsRenameable', 1),
    textEl('CanModifySearchSettings', 1),
    textEl('CanModifyRequirementLevelSettings', attr.isPrimaryId ? 0 : 1),
    textEl('CanModifyAdditionalSettings', 1),
    textEl('SourceType', 0),
    textEl('IsGlobalFilterEnabled', 0),
    textEl('IsSortableEnabled', 0),
    textEl('CanModifyGlobalFilterSettings', 1),
    textEl('CanModifyIsSortableSettings', 1),
    textEl('IsDataSourceSecret', 0),
    typeSpecific(attr, table, traits),
    displayNames(attr.displayName),
    descriptions(describe(attr, table)),
  );
}

/** The `<attributes>` of a table: every exported column, sorted by physical name as an export sorts them. */
export function tableAttributes(table: TableDef): XmlElement {
  const key = (a: AttributeDef) => a.schemaName.toLowerCase();
  const sorted = table.attributes.filter(isExported).sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  return el(
    'attributes',
    {},
    sorted.map((a) => attributeXml(a, table)),
  );
}
