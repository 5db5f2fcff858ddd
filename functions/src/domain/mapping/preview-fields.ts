/**
 * A conversion as a person reads it (connector-api.md `POST /api/contracts/preview`): one entry per
 * template field, in the template's order, with its label, the value the CLM would get, that
 * value as Dynamics would show it to this user (`display`), and where the mapping takes it from
 * (`source`: a Dynamics path, `constant`, a fixed record, or null when the mapping leaves it empty).
 */
import { normalizeSource } from './paths';
import type { Mapping, RelatedBlock, ValueSource } from './schema';
import type { FieldValue, MoneyValue, TemplateField } from './template';

export interface PreviewField {
  key: string;
  label: string;
  type: TemplateField['type'];
  required: boolean;
  value: FieldValue;
  display: string;
  source: string | null;
}

export interface DisplayContext {
  locale: string;
  timeZone: string;
}

export function previewFields(
  mapping: Mapping | undefined,
  templateFields: readonly TemplateField[],
  values: Record<string, FieldValue>,
  ctx: DisplayContext,
): PreviewField[] {
  const sources = mapping ? sourcesOf(mapping) : new Map<string, string>();
  return templateFields.map((f) => {
    const value = values[f.key] ?? null;
    return { key: f.key, label: f.label, type: f.type, required: f.required, value, display: displayOf(f, value, ctx), source: sources.get(f.key) ?? null };
  });
}

function pathOf(source: ValueSource, prefix: string[]): string {
  const s = normalizeSource(source);
  return [...prefix, ...s.navigation, s.attribute].join('.');
}

/** CLM field key -> where the mapping takes its value from. */
function sourcesOf(mapping: Mapping): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, source] of Object.entries(mapping.fields ?? {})) out.set(key, pathOf(source, []));
  const related = (blocks: Record<string, RelatedBlock> | undefined, prefix: string[]) => {
    for (const [nav, block] of Object.entries(blocks ?? {})) {
      for (const [key, source] of Object.entries(block.fields ?? {})) out.set(key, pathOf(source, [...prefix, nav]));
      related(block.relatedEntities, [...prefix, nav]);
    }
  };
  related(mapping.relatedEntities, []);
  for (const [key, c] of Object.entries(mapping.collections ?? {})) out.set(key, c.relationship);
  for (const [key, f] of Object.entries(mapping.fixedFieldMappings ?? {})) out.set(key, `${f.entity}(${f.id}).${f.attribute}`);
  for (const key of Object.keys(mapping.constants ?? {})) out.set(key, 'constant');
  return out;
}

/** The CLM value in the words and formats of the user's locale and time zone. */
function displayOf(field: TemplateField, value: FieldValue, ctx: DisplayContext): string {
  if (value === null || value === undefined) return '';
  try {
    switch (field.type) {
      case 'number':
        return typeof value === 'number' ? new Intl.NumberFormat(ctx.locale).format(value) : String(value);
      case 'money': {
        const m = value as MoneyValue;
        return new Intl.NumberFormat(ctx.locale, { style: 'currency', currency: m.currency }).format(m.amount);
      }
      case 'date':
        return new Intl.DateTimeFormat(ctx.locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${String(value)}T00:00:00Z`));
      case 'datetime':
        return new Intl.DateTimeFormat(ctx.locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: ctx.timeZone }).format(new Date(String(value)));
      case 'boolean':
        return value === true ? 'Yes' : 'No';
      case 'choice':
        return field.options?.find((o) => o.value === value)?.label ?? String(value);
      case 'table': {
        const n = Array.isArray(value) ? value.length : 0;
        return `${n} row${n === 1 ? '' : 's'}`;
      }
      default:
        return typeof value === 'string' ? value : JSON.stringify(value);
    }
  } catch {
    // An unknown currency code or locale: the raw value still says something.
    return typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
}
