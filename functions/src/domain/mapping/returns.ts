/**
 * `returns` (mapping.md "Back into Dynamics"): the CLM's final values written onto the trigger
 * record, converted by the column's type with the rules of "From a Dataverse value to a CLM value"
 * read backwards. Pure: the checks validateMapping runs, and the conversion of one CLM contract's
 * `fields` into the Web API body of one update.
 */
import type { ContractStatus } from '../contract';
import { type AttributeInfo, CHOICE_TYPES, isLookup, NUMBER_TYPES, TEXT_TYPES } from './metadata';
import { normalizeSource } from './paths';
import type { Mapping, ReturnsBlock } from './schema';
import type { MoneyValue, TemplateField } from './template';

/** mapping.md: `when` defaults to signed. */
const DEFAULT_RETURNS_STATUS: ContractStatus = 'signed';

export function returnsStatus(returns: ReturnsBlock): ContractStatus {
  return returns.when ?? DEFAULT_RETURNS_STATUS;
}

/** Null when a CLM field of this type can be written into the column; otherwise why not, in an admin's words. */
export function returnIncompatibility(attr: AttributeInfo, field: TemplateField): string | null {
  const t = attr.attributeType;
  const is = `${attr.logicalName} is a ${t} column`;
  if (attr.validForUpdate === false) return `${attr.logicalName} cannot be written (Dataverse does not allow updating it)`;
  if (isLookup(attr)) return `${is}: a lookup cannot be written from a CLM value`;
  switch (field.type) {
    case 'text':
    case 'multiline':
      return TEXT_TYPES.has(t) ? null : `${is}; a ${field.type} field goes into a text column`;
    case 'number':
      return NUMBER_TYPES.has(t) ? null : `${is}; a number field goes into a whole number, decimal, float or money column`;
    case 'money':
      return t === 'Money' ? null : `${is}; a money field goes into a money column`;
    case 'date':
      return t === 'DateTime' ? null : `${is}; a date field goes into a date column`;
    case 'datetime':
      if (t !== 'DateTime') return `${is}; a date-and-time field goes into a date-and-time column`;
      return attr.dateTimeBehavior === 'DateOnly' ? `${attr.logicalName} is date only; a date-and-time field would lose its time` : null;
    case 'boolean':
      return t === 'Boolean' ? null : `${is}; a boolean field goes into a two-options column`;
    case 'choice':
      return CHOICE_TYPES.has(t) || TEXT_TYPES.has(t) ? null : `${is}; a choice field goes into a choice or text column`;
    case 'table':
      return `${field.label} is a table: it cannot be written into one column`;
  }
}

/** Whether a CLM field can be the contract's end date (dtclm_enddate, date only). */
export function endDateIncompatibility(field: TemplateField): string | null {
  return field.type === 'date' || field.type === 'datetime' ? null : `${field.label} is a ${field.type} field; the end date needs a date field`;
}

/** What one column gets, or why it cannot. */
type ColumnOutcome = { ok: true; value: unknown } | { ok: false; message: string };

/** The record's currency (ISO code) and choice labels, read once before converting. */
export interface ReturnContext {
  currency?: string;
  /** Dataverse option value by label (lower case), per choice column, when known. */
  choiceLabels?: Record<string, Record<string, number>>;
}

interface ReturnProblem {
  column: string;
  fieldKey: string;
  message: string;
}

export interface ReturnsConversion {
  /** Web API body of the update of the trigger record (empty when nothing converts). */
  data: Record<string, unknown>;
  problems: ReturnProblem[];
  /** `YYYY-MM-DD` for dtclm_enddate; null when the CLM gave none; undefined when not asked. */
  endDate?: string | null;
}

/**
 * Converts a CLM contract's `fields` for the trigger record. A column whose value cannot be
 * converted is left out and named in `problems`; the others are still written.
 */
export function convertReturns(
  mapping: Mapping,
  clmFields: Record<string, unknown>,
  templateFields: readonly TemplateField[],
  attributes: Record<string, AttributeInfo>,
  context: ReturnContext,
): ReturnsConversion {
  const returns = mapping.returns;
  const out: ReturnsConversion = { data: {}, problems: [] };
  if (!returns) return out;
  const byKey = new Map(templateFields.map((f) => [f.key, f]));
  for (const [column, key] of Object.entries(returns.fields ?? {})) {
    const field = byKey.get(key);
    const attr = attributes[column];
    const fail = (message: string) => out.problems.push({ column, fieldKey: key, message });
    if (!field) {
      fail(`the template has no field "${key}"`);
      continue;
    }
    if (!attr) {
      fail(`${mapping.trigger_entity} has no column "${column}"`);
      continue;
    }
    const why = returnIncompatibility(attr, field);
    if (why) {
      fail(why);
      continue;
    }
    if (!(key in clmFields)) continue; // the CLM did not send this field: nothing to bring back
    const converted = toColumn(clmFields[key], field, attr, context, reversedValues(mapping, key));
    if (converted.ok) out.data[column] = converted.value;
    else fail(`${field.label} -> ${column}: ${converted.message}`);
  }
  if (returns.endDate) {
    const value = clmFields[returns.endDate];
    if (value === null || value === undefined) out.endDate = null;
    else if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value)) out.endDate = value.slice(0, 10);
    else out.problems.push({ column: 'dtclm_enddate', fieldKey: returns.endDate, message: `the end date ${JSON.stringify(value)} is not a date` });
  }
  return out;
}

/** A choice source's `values` (Dataverse option -> CLM option), turned around. */
function reversedValues(mapping: Mapping, key: string): Map<string, string> | undefined {
  const source = mapping.fields?.[key];
  if (!source) return undefined;
  const values = normalizeSource(source).values;
  if (!values) return undefined;
  return new Map(Object.entries(values).map(([dataverse, clm]) => [String(clm), dataverse]));
}

function toColumn(value: unknown, field: TemplateField, attr: AttributeInfo, context: ReturnContext, reversed?: Map<string, string>): ColumnOutcome {
  if (value === null) return { ok: true, value: null };
  const t = attr.attributeType;
  const bad = (message: string): ColumnOutcome => ({ ok: false, message });
  switch (field.type) {
    case 'text':
    case 'multiline':
      if (typeof value !== 'string') return bad(`${JSON.stringify(value)} is not a text`);
      if (attr.maxLength !== undefined && value.length > attr.maxLength)
        return bad(`${value.length} characters, and the column takes at most ${attr.maxLength}`);
      return { ok: true, value };
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) return bad(`${JSON.stringify(value)} is not a number`);
      if ((t === 'Integer' || t === 'BigInt') && !Number.isInteger(value)) return bad(`${value} is not a whole number`);
      return { ok: true, value };
    case 'money': {
      const m = value as Partial<MoneyValue>;
      if (typeof m.amount !== 'number' || !Number.isFinite(m.amount)) return bad(`${JSON.stringify(value)} is not an amount`);
      if (context.currency && m.currency && m.currency !== context.currency)
        return bad(`the amount is in ${m.currency}, and the record's currency is ${context.currency}`);
      return { ok: true, value: m.amount };
    }
    case 'date':
      if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return bad(`${JSON.stringify(value)} is not a date`);
      return { ok: true, value: attr.dateTimeBehavior === 'DateOnly' ? value : `${value}T00:00:00Z` };
    case 'datetime':
      if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) return bad(`${JSON.stringify(value)} is not a date and time`);
      return { ok: true, value: new Date(value).toISOString() };
    case 'boolean':
      return typeof value === 'boolean' ? { ok: true, value } : bad(`${JSON.stringify(value)} is not true or false`);
    case 'choice': {
      if (typeof value !== 'string') return bad(`${JSON.stringify(value)} is not an option`);
      if (TEXT_TYPES.has(t)) {
        const label = field.options?.find((o) => o.value === value)?.label ?? value;
        return { ok: true, value: label };
      }
      const fromValues = reversed?.get(value);
      if (fromValues !== undefined && /^-?\d+$/.test(fromValues)) return { ok: true, value: Number(fromValues) };
      const label = (field.options?.find((o) => o.value === value)?.label ?? value).toLowerCase();
      const byLabel = context.choiceLabels?.[attr.logicalName]?.[label];
      if (byLabel !== undefined) return { ok: true, value: byLabel };
      return bad(`no option of ${attr.logicalName} matches "${value}"`);
    }
    case 'table':
      return bad('a table cannot be written into one column');
  }
}
