/**
 * Text and multiline fields: strings as they are; choices, lookups, two-options by their label;
 * numbers, money and dates as Dynamics shows them to the requesting user (the FormattedValue
 * Dataverse computes for the impersonated caller, else the same through Intl). Too long is an
 * error, never a silent cut: a contract must not carry half a clause.
 */
import type { NormalizedSource } from '../paths';
import type { TemplateField } from '../template';
import type { ConversionContext } from './context';
import { dataError, ok, type Outcome } from './outcome';
import { formatAs, formatFallback } from './text-format';
import { isLookupValue, type SourceValue } from './source-value';

export function textOf(v: SourceValue, source: Pick<NormalizedSource, 'as' | 'format'>, ctx: ConversionContext): string {
  const raw = v.raw;
  if (source.as === 'id' || source.as === 'value') return typeof raw === 'string' ? raw : JSON.stringify(raw);
  if (source.format) return formatAs(source.format, v, ctx);
  if (v.formatted !== undefined) return v.formatted;
  if (typeof raw === 'string' && !isLookupValue(v) && v.attribute?.attributeType !== 'DateTime') return raw;
  return formatFallback(v, ctx);
}

export function toText(v: SourceValue, field: TemplateField, source: Pick<NormalizedSource, 'as' | 'format'>, ctx: ConversionContext): Outcome {
  const text = textOf(v, source, ctx);
  if (field.maxLength !== undefined && text.length > field.maxLength) {
    return dataError('too_long', `${field.label}: ${text.length} characters, more than the ${field.maxLength} the template allows`);
  }
  return ok(text);
}
