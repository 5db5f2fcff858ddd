/**
 * Small constructors for column descriptions, so that a table reads as a list of its columns.
 * Each returns a plain AttributeDef; options override anything the constructor chose.
 */
import type { AttributeDef, DateTimeBehavior, OptionSetDef } from './types';

type Extra = Partial<AttributeDef>;

/** Dataverse's limit for a whole number column. */
const INT_MIN = -2147483648;
const INT_MAX = 2147483647;

export function text(logicalName: string, schemaName: string, displayName: string, maxLength: number, extra: Extra = {}): AttributeDef {
  return { logicalName, schemaName, type: 'String', displayName, maxLength, format: 'Text', ...extra };
}

export function memo(logicalName: string, schemaName: string, displayName: string, maxLength: number, extra: Extra = {}): AttributeDef {
  return { logicalName, schemaName, type: 'Memo', displayName, maxLength, format: 'TextArea', ...extra };
}

export function wholeNumber(logicalName: string, schemaName: string, displayName: string, extra: Extra = {}): AttributeDef {
  return { logicalName, schemaName, type: 'Integer', displayName, minValue: INT_MIN, maxValue: INT_MAX, ...extra };
}

export function bigInt(logicalName: string, schemaName: string, displayName: string, extra: Extra = {}): AttributeDef {
  return { logicalName, schemaName, type: 'BigInt', displayName, ...extra };
}

export function decimal(logicalName: string, schemaName: string, displayName: string, precision: number, extra: Extra = {}): AttributeDef {
  return { logicalName, schemaName, type: 'Decimal', displayName, precision, minValue: -100000000000, maxValue: 100000000000, ...extra };
}

/** A money column and its `_base` twin (the value in the organization's base currency, computed). */
export function money(logicalName: string, schemaName: string, displayName: string, extra: Extra = {}): AttributeDef[] {
  const common = { type: 'Money' as const, precision: 2, minValue: -922337203685477, maxValue: 922337203685477 };
  return [
    { logicalName, schemaName, displayName, ...common, ...extra },
    {
      logicalName: `${logicalName}_base`,
      schemaName: `${schemaName}_Base`,
      displayName: `${displayName} (Base)`,
      ...common,
      isBaseCurrency: true,
      isValidForCreate: false,
      isValidForUpdate: false,
      ...(extra.isSystem !== undefined ? { isSystem: extra.isSystem } : {}),
    },
  ];
}

export function yesNo(logicalName: string, schemaName: string, displayName: string, labels = { false: 'No', true: 'Yes' }, extra: Extra = {}): AttributeDef {
  return { logicalName, schemaName, type: 'Boolean', displayName, booleanLabels: labels, defaultValue: false, ...extra };
}

export function dateTime(
  logicalName: string,
  schemaName: string,
  displayName: string,
  behavior: DateTimeBehavior = 'UserLocal',
  extra: Extra = {},
): AttributeDef {
  return {
    logicalName,
    schemaName,
    type: 'DateTime',
    displayName,
    dateTimeBehavior: behavior,
    dateTimeFormat: behavior === 'DateOnly' ? 'DateOnly' : 'DateAndTime',
    ...extra,
  };
}

export function lookup(logicalName: string, schemaName: string, displayName: string, targets: string[], extra: Extra = {}): AttributeDef {
  return { logicalName, schemaName, type: 'Lookup', displayName, targets, ...extra };
}

/** A Customer column: a lookup to an account or a contact. */
export function customer(logicalName: string, schemaName: string, displayName: string, extra: Extra = {}): AttributeDef {
  return { logicalName, schemaName, type: 'Customer', displayName, targets: ['account', 'contact'], ...extra };
}

export function choice(logicalName: string, schemaName: string, displayName: string, optionSet: string | OptionSetDef, extra: Extra = {}): AttributeDef {
  return { logicalName, schemaName, type: 'Picklist', displayName, optionSet, ...extra };
}

export function primaryKey(logicalName: string, schemaName: string, displayName: string, extra: Extra = {}): AttributeDef {
  return {
    logicalName,
    schemaName,
    type: 'Uniqueidentifier',
    displayName,
    isPrimaryId: true,
    requiredLevel: 'SystemRequired',
    isValidForCreate: true,
    isValidForUpdate: false,
    ...extra,
  };
}

export function uniqueIdentifier(logicalName: string, schemaName: string, displayName: string, extra: Extra = {}): AttributeDef {
  return { logicalName, schemaName, type: 'Uniqueidentifier', displayName, ...extra };
}

/** Columns Dataverse computes: never sent on create or update. */
export const READ_ONLY: Extra = { isValidForCreate: false, isValidForUpdate: false };
/** Columns set once (on create) and never after. */
export const CREATE_ONLY: Extra = { isValidForCreate: true, isValidForUpdate: false };
