/**
 * Which Dataverse column types can become which CLM field types (mapping.md, "From a Dataverse
 * value to a CLM value"). validateMapping uses it so that a mapping it accepts never fails
 * conversion for a reason of shape.
 */
import { type AttributeInfo, CHOICE_TYPES, isLookup, NUMBER_TYPES, TEXT_TYPES } from './metadata';
import type { NormalizedSource } from './paths';
import type { TemplateField } from './template';

/** Null when the attribute can fill the field; otherwise why not, in an admin's words. */
export function incompatibility(attr: AttributeInfo, field: TemplateField, source: Pick<NormalizedSource, 'as' | 'format' | 'values'>): string | null {
  const t = attr.attributeType;
  const is = `${attr.logicalName} is a ${t} column`;
  if (source.as === 'id' && !isLookup(attr) && t !== 'Uniqueidentifier') return `${is}: "as": "id" is for lookups`;
  if (source.format && field.type !== 'text' && field.type !== 'multiline') return `"format" applies to text fields, and ${field.key} is ${field.type}`;
  if (source.values && field.type !== 'choice') return `"values" applies to choice fields, and ${field.key} is ${field.type}`;
  if (t === 'PartyList' || t === 'File' || t === 'Image' || t === 'CalendarRules' || t === 'ManagedProperty') return `${is}, which cannot fill a CLM field`;
  switch (field.type) {
    case 'text':
    case 'multiline':
      return null;
    case 'number':
      if (NUMBER_TYPES.has(t)) return null;
      if (CHOICE_TYPES.has(t) && source.as === 'value') return null;
      return `${is}; a number field takes a whole number, decimal, float or money column`;
    case 'money':
      return t === 'Money' ? null : `${is}; a money field takes a money column`;
    case 'date':
      return t === 'DateTime' ? null : `${is}; a date field takes a date column`;
    case 'datetime':
      if (t !== 'DateTime') return `${is}; a date-and-time field takes a date-and-time column`;
      return attr.dateTimeBehavior === 'DateOnly' ? `${attr.logicalName} is date only; a date-and-time field needs a time` : null;
    case 'boolean':
      return t === 'Boolean' ? null : `${is}; a boolean field takes a two-options column`;
    case 'choice':
      if (source.as === 'id') return `a choice field cannot take a lookup's id`;
      if (CHOICE_TYPES.has(t) || TEXT_TYPES.has(t) || t === 'Boolean' || t === 'EntityName' || isLookup(attr)) return null;
      return `${is}; a choice field takes a choice, two-options or text column`;
    case 'table':
      return `a table field is filled from "collections"`;
  }
}

/** Whether a literal (a `default` or a constant) is a valid FieldValue for the field. */
export function literalProblem(value: unknown, field: TemplateField): string | null {
  if (value === null) return null;
  const bad = (what: string) => `${field.label} is a ${field.type} field: ${what}`;
  switch (field.type) {
    case 'text':
    case 'multiline':
      if (typeof value !== 'string') return bad('give a text');
      return field.maxLength !== undefined && value.length > field.maxLength ? bad(`at most ${field.maxLength} characters`) : null;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? null : bad('give a number');
    case 'money': {
      const m = value as { amount?: unknown; currency?: unknown };
      return typeof value === 'object' &&
        typeof m.amount === 'number' &&
        typeof m.currency === 'string' &&
        /^[A-Z]{3}$/.test(m.currency) &&
        Object.keys(value).length === 2
        ? null
        : bad('give { "amount": n, "currency": "EUR" }');
    }
    case 'date':
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? null : bad('give "YYYY-MM-DD"');
    case 'datetime':
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(value) ? null : bad('give an RFC 3339 UTC date and time');
    case 'boolean':
      return typeof value === 'boolean' ? null : bad('give true or false');
    case 'choice':
      return typeof value === 'string' && (field.options ?? []).some((o) => o.value === value)
        ? null
        : bad(`give one of ${(field.options ?? []).map((o) => JSON.stringify(o.value)).join(', ')}`);
    case 'table':
      return Array.isArray(value) ? null : bad('give an array of rows');
  }
}
