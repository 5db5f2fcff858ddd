/**
 * Small constructors for column descriptions, so that a table reads as a list of its columns.
 * Each returns a plain AttributeDef; options override anything the constructor chose.
 *
 * A column takes its label type from its display name: a `Label` (English and French) for the
 * connector's columns, so that its description and choices must be labels too; a string for the
 * emulator's Dataverse tables, known in English only.
 */
import { label, mapLabel, type Label, type LabelText } from './labels';
import type { AttributeDef, DateTimeBehavior, OptionSetDef } from './types';

type Lang<L> = L extends string ? LabelText : Label;
type Extra<L> = Partial<AttributeDef<Lang<L>>>;
type Col<L> = AttributeDef<Lang<L>>;
/** Options of a column, checked against (not inferred from) the display name's label type. */
type Opts<L> = NoInfer<Extra<L>>;

/** Dataverse's limit for a whole number column. */
const INT_MIN = -2147483648;
const INT_MAX = 2147483647;

/** A column from its parts; the one place the label type is asserted. */
function column<L extends LabelText>(def: AttributeDef<LabelText>): Col<L> {
  return def as Col<L>;
}

export function text<L extends LabelText>(logicalName: string, schemaName: string, displayName: L, maxLength: number, extra: Opts<L> = {}): Col<L> {
  return column<L>({ logicalName, schemaName, type: 'String', displayName, maxLength, format: 'Text', ...extra });
}

export function memo<L extends LabelText>(logicalName: string, schemaName: string, displayName: L, maxLength: number, extra: Opts<L> = {}): Col<L> {
  return column<L>({ logicalName, schemaName, type: 'Memo', displayName, maxLength, format: 'TextArea', ...extra });
}

export function wholeNumber<L extends LabelText>(logicalName: string, schemaName: string, displayName: L, extra: Opts<L> = {}): Col<L> {
  return column<L>({ logicalName, schemaName, type: 'Integer', displayName, minValue: INT_MIN, maxValue: INT_MAX, ...extra });
}

export function bigInt<L extends LabelText>(logicalName: string, schemaName: string, displayName: L, extra: Opts<L> = {}): Col<L> {
  return column<L>({ logicalName, schemaName, type: 'BigInt', displayName, ...extra });
}

export function decimal<L extends LabelText>(logicalName: string, schemaName: string, displayName: L, precision: number, extra: Opts<L> = {}): Col<L> {
  return column<L>({ logicalName, schemaName, type: 'Decimal', displayName, precision, minValue: -100000000000, maxValue: 100000000000, ...extra });
}

/** "(Base)" after a money column's name, as Dataverse names its `_base` twin in each language. */
const BASE_SUFFIX: Record<number, string> = { 1033: ' (Base)', 1036: ' (base)' };

/** A money column and its `_base` twin (the value in the organization's base currency, computed). */
export function money<L extends LabelText>(logicalName: string, schemaName: string, displayName: L, extra: Opts<L> = {}): Array<Col<L>> {
  const common = { type: 'Money' as const, precision: 2, minValue: -922337203685477, maxValue: 922337203685477 };
  return [
    column<L>({ logicalName, schemaName, displayName, ...common, ...extra }),
    column<L>({
      logicalName: `${logicalName}_base`,
      schemaName: `${schemaName}_Base`,
      displayName: mapLabel(displayName as LabelText, (t, code) => `${t}${BASE_SUFFIX[code] ?? BASE_SUFFIX[1033]}`),
      ...common,
      isBaseCurrency: true,
      isValidForCreate: false,
      isValidForUpdate: false,
      ...(extra.isSystem !== undefined ? { isSystem: extra.isSystem } : {}),
    }),
  ];
}

/** No and Yes in both languages: Dataverse's own labels of a new yes/no column. */
export const YES_NO_LABELS = { false: label('No', 'Non'), true: label('Yes', 'Oui') } as const;

export function yesNo<L extends LabelText>(
  logicalName: string,
  schemaName: string,
  displayName: L,
  labels?: NoInfer<{ false: Lang<L>; true: Lang<L> }>,
  extra: Opts<L> = {},
): Col<L> {
  const booleanLabels = labels ?? (typeof displayName === 'string' ? { false: 'No', true: 'Yes' } : YES_NO_LABELS);
  return column<L>({ logicalName, schemaName, type: 'Boolean', displayName, booleanLabels, defaultValue: false, ...extra });
}

export function dateTime<L extends LabelText>(
  logicalName: string,
  schemaName: string,
  displayName: L,
  behavior: DateTimeBehavior = 'UserLocal',
  extra: Opts<L> = {},
): Col<L> {
  return column<L>({
    logicalName,
    schemaName,
    type: 'DateTime',
    displayName,
    dateTimeBehavior: behavior,
    dateTimeFormat: behavior === 'DateOnly' ? 'DateOnly' : 'DateAndTime',
    ...extra,
  });
}

export function lookup<L extends LabelText>(logicalName: string, schemaName: string, displayName: L, targets: string[], extra: Opts<L> = {}): Col<L> {
  return column<L>({ logicalName, schemaName, type: 'Lookup', displayName, targets, ...extra });
}

/** A Customer column: a lookup to an account or a contact. */
export function customer<L extends LabelText>(logicalName: string, schemaName: string, displayName: L, extra: Opts<L> = {}): Col<L> {
  return column<L>({ logicalName, schemaName, type: 'Customer', displayName, targets: ['account', 'contact'], ...extra });
}

export function choice<L extends LabelText>(
  logicalName: string,
  schemaName: string,
  displayName: L,
  optionSet: string | NoInfer<OptionSetDef<Lang<L>>>,
  extra: Opts<L> = {},
): Col<L> {
  return column<L>({ logicalName, schemaName, type: 'Picklist', displayName, optionSet, ...extra });
}

export function primaryKey<L extends LabelText>(logicalName: string, schemaName: string, displayName: L, extra: Opts<L> = {}): Col<L> {
  return column<L>({
    logicalName,
    schemaName,
    type: 'Uniqueidentifier',
    displayName,
    isPrimaryId: true,
    requiredLevel: 'SystemRequired',
    isValidForCreate: true,
    isValidForUpdate: false,
    ...extra,
  });
}

export function uniqueIdentifier<L extends LabelText>(logicalName: string, schemaName: string, displayName: L, extra: Opts<L> = {}): Col<L> {
  return column<L>({ logicalName, schemaName, type: 'Uniqueidentifier', displayName, ...extra });
}

/** Columns Dataverse computes: never sent on create or update. */
export const READ_ONLY = { isValidForCreate: false, isValidForUpdate: false } as const;
/** Columns set once (on create) and never after. */
export const CREATE_ONLY = { isValidForCreate: true, isValidForUpdate: false } as const;
