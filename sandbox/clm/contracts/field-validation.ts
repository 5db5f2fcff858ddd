import type { ErrorDetail } from '../errors';
import type { Template, TemplateField } from '../templates/template-types';

/**
 * Field values against their template, as clm-api.yaml's FieldValue says:
 *   text / multiline / choice -> string (choice: one of options[].value; maxLength counts characters)
 *   number -> number; money -> { amount: number, currency: ISO 4217 code }; date -> "YYYY-MM-DD";
 *   datetime -> RFC 3339 UTC; boolean -> boolean; table -> array of objects keyed by column key;
 *   null means "no value".
 * Also refused: a key the template does not have, and no value for a required field (null, an
 * empty or blank string, an empty table). One detail per template field, however many problems
 * that field has (a table's problems are listed row by row in its one message).
 */
const ISO_4217 = new Set(Intl.supportedValuesOf('currency'));

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME_UTC = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|z|\+00:00)$/;

function isRealDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A value that does not fill a required field: a blank string or an empty table. */
function isBlank(value: unknown): boolean {
  return (typeof value === 'string' && value.trim() === '') || (Array.isArray(value) && value.length === 0);
}

/** The problem of one value against its field (template field or table column), or undefined. */
function check(field: TemplateField, value: unknown): string | undefined {
  if (value === null || value === undefined) return field.required ? 'is required' : undefined;
  if (field.required && isBlank(value)) return 'is required';
  return problemOf(field, value);
}

/** What is wrong with a present, non-null value of a field (undefined when it is fine). */
function problemOf(field: TemplateField, value: unknown): string | undefined {
  switch (field.type) {
    case 'text':
    case 'multiline':
    case 'choice': {
      if (typeof value !== 'string') return `must be a string (${field.type})`;
      if (field.type === 'choice') {
        const allowed = (field.options ?? []).map((o) => o.value);
        if (!allowed.includes(value)) return `must be one of ${JSON.stringify(allowed)}`;
      }
      if (field.maxLength !== undefined && [...value].length > field.maxLength)
        return `must be at most ${field.maxLength} characters (got ${[...value].length})`;
      return undefined;
    }
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? undefined : 'must be a number';
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'must be a boolean';
    case 'money': {
      if (!isPlainObject(value)) return 'must be { amount: number, currency: ISO 4217 code }';
      const extra = Object.keys(value).filter((k) => k !== 'amount' && k !== 'currency');
      if (extra.length > 0) return `money has only amount and currency (unknown: ${extra.join(', ')})`;
      if (typeof value.amount !== 'number' || !Number.isFinite(value.amount)) return 'amount must be a number';
      if (typeof value.currency !== 'string' || !ISO_4217.has(value.currency)) return 'currency must be an ISO 4217 code such as EUR';
      return undefined;
    }
    case 'date': {
      const m = typeof value === 'string' ? DATE.exec(value) : null;
      return m && isRealDate(Number(m[1]), Number(m[2]), Number(m[3])) ? undefined : 'must be a date "YYYY-MM-DD"';
    }
    case 'datetime': {
      const m = typeof value === 'string' ? DATETIME_UTC.exec(value) : null;
      const ok = m && isRealDate(Number(m[1]), Number(m[2]), Number(m[3])) && Number(m[4]) < 24 && Number(m[5]) < 60 && Number(m[6]) < 60;
      return ok ? undefined : 'must be an RFC 3339 UTC date-time such as 2026-11-22T10:15:02Z';
    }
    case 'table':
      return tableProblem(field, value);
  }
}

function tableProblem(field: TemplateField, value: unknown): string | undefined {
  if (!Array.isArray(value)) return 'must be an array of rows (objects keyed by column key)';
  const columns = field.columns ?? [];
  const problems: string[] = [];
  value.forEach((row, index) => {
    const where = `row ${index + 1}`;
    if (!isPlainObject(row)) {
      problems.push(`${where}: must be an object keyed by column key`);
      return;
    }
    for (const key of Object.keys(row)) {
      if (!columns.some((c) => c.key === key)) problems.push(`${where}: ${key} is not a column`);
    }
    for (const column of columns) {
      const problem = check(column, row[column.key]);
      if (problem) problems.push(`${where}: ${column.key} ${problem}`);
    }
  });
  return problems.length > 0 ? problems.join('; ') : undefined;
}

export function validateFieldValues(template: Template, values: Record<string, unknown>): ErrorDetail[] {
  const details: ErrorDetail[] = [];
  for (const key of Object.keys(values)) {
    if (!template.fields.some((f) => f.key === key)) details.push({ field: key, message: `is not a field of template "${template.name}"` });
  }
  for (const field of template.fields) {
    const problem = check(field, values[field.key]);
    if (problem) details.push({ field: field.key, message: problem });
  }
  return details;
}
