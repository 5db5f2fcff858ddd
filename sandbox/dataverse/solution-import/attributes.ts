/**
 * One `<attribute>` of customizations.xml as the column Dataverse creates from it. The element
 * names are those of the 9.0 schema (CrmDataType in `<Type>`, RequiredLevel, DisplayMask, the
 * ValidFor*Api flags, Format, MaxLength, MinValue/MaxValue, Accuracy, Behavior, inline optionsets);
 * a file column's largest size is its `<MaxValue>` in KB, as an export writes it. The targets of a
 * lookup are not in the attribute: they are the referenced tables of its relationships, filled in by
 * tables.ts.
 */
import type { AttributeDef, AttributeType, DateTimeBehavior, OptionSetDef } from '../../../solution/model/types';
import { IMPORT_ERROR, SolutionImportError } from './import-error';
import type { LabelText } from '../../../solution/model/labels';
import { all, first, labelsAt, textOf, type XNode } from './xml-tree';

const CRM_TYPE: Record<string, AttributeType> = {
  nvarchar: 'String',
  ntext: 'Memo',
  int: 'Integer',
  bigint: 'BigInt',
  decimal: 'Decimal',
  float: 'Double',
  money: 'Money',
  bit: 'Boolean',
  datetime: 'DateTime',
  picklist: 'Picklist',
  state: 'State',
  status: 'Status',
  lookup: 'Lookup',
  owner: 'Owner',
  customer: 'Customer',
  primarykey: 'Uniqueidentifier',
  uniqueidentifier: 'Uniqueidentifier',
  file: 'File',
};

const REQUIRED_LEVEL: Record<string, NonNullable<AttributeDef['requiredLevel']>> = {
  none: 'None',
  recommended: 'Recommended',
  required: 'ApplicationRequired',
  systemrequired: 'SystemRequired',
};

const STRING_FORMAT: Record<string, NonNullable<AttributeDef['format']>> = {
  text: 'Text',
  email: 'Email',
  url: 'Url',
  phone: 'Phone',
  textarea: 'TextArea',
};

const DATETIME_BEHAVIOR: Record<string, DateTimeBehavior> = { '1': 'UserLocal', '2': 'DateOnly', '3': 'TimeZoneIndependent' };

/** Object type codes an owner column's LookupTypes name: a user or a team. */
const OWNER_TYPE_CODES: Record<string, string> = { '8': 'systemuser', '9': 'team' };

function numberAt(node: XNode, path: string): number | undefined {
  const text = textOf(node, path);
  return text === undefined || text === '' ? undefined : Number(text);
}

/** An inline optionset: its options (statecode's states, statuscode's statuses, a choice's options). */
function inlineOptionSet(node: XNode, displayName: LabelText): OptionSetDef {
  const set = first(node, 'optionset')!;
  const kind = textOf(set, 'OptionSetType');
  const path = kind === 'state' ? 'states/state' : kind === 'status' ? 'statuses/status' : 'options/option';
  return {
    name: set.attrs.Name ?? '',
    displayName: labelsAt(set, 'displaynames/displayname') ?? displayName,
    isGlobal: false,
    options: all(set, path).map((o) => ({
      value: Number(o.attrs.value),
      label: labelsAt(o, 'labels/label') ?? '',
      ...(o.attrs.state !== undefined ? { state: Number(o.attrs.state) } : {}),
    })),
  };
}

export function readAttribute(node: XNode, tableName: string): AttributeDef {
  const logicalName = textOf(node, 'LogicalName') ?? '';
  const crmType = textOf(node, 'Type') ?? '';
  const type = CRM_TYPE[crmType];
  if (!type) {
    throw new SolutionImportError(
      IMPORT_ERROR.invalidPackage,
      `Attribute ${tableName}.${logicalName}`,
      `Column ${tableName}.${logicalName} has a type "${crmType}" Dataverse does not know.`,
    );
  }
  const displayName = labelsAt(node, 'displaynames/displayname') ?? '';
  const description = labelsAt(node, 'Descriptions/Description');
  const displayMask = textOf(node, 'DisplayMask') ?? '';
  const a: AttributeDef = {
    logicalName,
    schemaName: node.attrs.PhysicalName ?? logicalName,
    type,
    displayName,
    ...(description ? { description } : {}),
    requiredLevel: REQUIRED_LEVEL[textOf(node, 'RequiredLevel') ?? 'none'] ?? 'None',
    isValidForCreate: textOf(node, 'ValidForCreateApi') === '1',
    isValidForUpdate: textOf(node, 'ValidForUpdateApi') === '1',
  };
  if (textOf(node, 'IsCustomField') === '0') a.isSystem = true;
  if (crmType === 'primarykey') a.isPrimaryId = true;
  if (displayMask.split('|').includes('PrimaryName')) a.isPrimaryName = true;
  const minValue = numberAt(node, 'MinValue');
  const maxValue = numberAt(node, 'MaxValue');
  switch (type) {
    case 'String':
      a.format = STRING_FORMAT[(textOf(node, 'Format') ?? 'text').toLowerCase()] ?? 'Text';
      a.maxLength = numberAt(node, 'MaxLength');
      break;
    case 'Memo':
      a.format = 'TextArea';
      a.maxLength = numberAt(node, 'MaxLength');
      break;
    case 'Integer':
    case 'BigInt':
    case 'Decimal':
    case 'Double':
    case 'Money':
      if (minValue !== undefined) a.minValue = minValue;
      if (maxValue !== undefined) a.maxValue = maxValue;
      if (numberAt(node, 'Accuracy') !== undefined) a.precision = numberAt(node, 'Accuracy');
      break;
    case 'DateTime':
      a.dateTimeBehavior = DATETIME_BEHAVIOR[textOf(node, 'Behavior') ?? '1'] ?? 'UserLocal';
      a.dateTimeFormat = textOf(node, 'Format') === 'date' ? 'DateOnly' : 'DateAndTime';
      break;
    case 'Boolean': {
      const options = inlineOptionSet(node, displayName).options;
      a.booleanLabels = { false: options.find((o) => o.value === 0)?.label ?? 'No', true: options.find((o) => o.value === 1)?.label ?? 'Yes' };
      a.defaultValue = textOf(node, 'AppDefaultValue') === '1';
      break;
    }
    case 'Picklist':
      a.optionSet = textOf(node, 'OptionSetName') ?? inlineOptionSet(node, displayName);
      break;
    case 'State':
    case 'Status': {
      const set = inlineOptionSet(node, displayName);
      a.optionSet = set;
      // Dataverse's default: the first state; a status reason's default is the first status.
      a.defaultValue = set.options[0]?.value;
      break;
    }
    case 'Owner':
      a.targets = all(node, 'LookupTypes/LookupType').map((t) => OWNER_TYPE_CODES[t.text] ?? t.text);
      break;
    case 'File':
      a.maxSizeInKB = maxValue;
      break;
    default:
      break;
  }
  return a;
}
