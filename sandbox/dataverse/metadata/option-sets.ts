/**
 * OptionSetMetadata (choices, state and status) and BooleanOptionSetMetadata. As in Dataverse, an
 * attribute's OptionSet is not part of the plain attribute (only a cast such as
 * `Attributes/Microsoft.Dynamics.CRM.PicklistAttributeMetadata?$expand=OptionSet` returns it).
 */
import { ENGLISH, textIn, type LabelText } from '../../../solution/model/labels';
import type { AttributeDef, OptionSetDef, SchemaDef, TableDef } from '../../../solution/model/types';
import { attributeMetadata } from './attributes';
import { metadataId } from './ids';
import { label, managed, NS, type JsonObject } from './labels';

/** Option set metadata of a Picklist, State, Status (or Boolean) column. */
function optionSetMetadata(def: OptionSetDef, type: 'Picklist' | 'State' | 'Status', statuses?: OptionSetDef): JsonObject {
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
        return {
          '@odata.type': `${NS}StateOptionMetadata`,
          ...option,
          InvariantName: textIn(o.label, ENGLISH).replace(/\s+/g, ''),
          DefaultStatus: defaultStatus,
        };
      }
      if (type === 'Status') return { '@odata.type': `${NS}StatusOptionMetadata`, ...option, State: o.state ?? 0, TransitionData: null };
      return option;
    }),
  };
}

function booleanOptionSet(table: TableDef, a: AttributeDef): JsonObject {
  const labels = a.booleanLabels ?? { false: 'No', true: 'Yes' };
  const name = `${table.logicalName}_${a.logicalName}`;
  const option = (value: number, text: LabelText): JsonObject => ({
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
function resolveOptionSet(schema: SchemaDef, a: AttributeDef): OptionSetDef | undefined {
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
