/** Text rendering in the requesting user's language and zone, when a mapping asks for a `format` or Dataverse gave no FormattedValue. */
import type { ConversionContext } from './context';
import { DATE_ONLY, type SourceValue } from './source-value';

function safeLocale(locale: string): string {
  try {
    return Intl.getCanonicalLocales(locale)[0] ?? 'en-US';
  } catch {
    return 'en-US';
  }
}

function asNumber(raw: unknown): number | undefined {
  if (typeof raw === 'number' && Number.isFinite(raw)) return raw;
  if (typeof raw === 'string' && raw.trim() !== '' && Number.isFinite(Number(raw))) return Number(raw);
  return undefined;
}

function formatDate(raw: unknown, ctx: ConversionContext, withTime: boolean, stored: boolean): string | undefined {
  if (typeof raw !== 'string') return undefined;
  const dateOnly = DATE_ONLY.test(raw);
  const d = new Date(dateOnly ? `${raw}T00:00:00Z` : raw);
  if (Number.isNaN(d.getTime())) return undefined;
  // Date-only and time-zone-independent values are shown as stored: format them in UTC.
  const timeZone = dateOnly || stored ? 'UTC' : ctx.timeZone;
  const opts: Intl.DateTimeFormatOptions = withTime && !dateOnly ? { dateStyle: 'short', timeStyle: 'short', timeZone } : { dateStyle: 'short', timeZone };
  return new Intl.DateTimeFormat(safeLocale(ctx.locale), opts).format(d);
}

export function formatAs(format: 'date' | 'datetime' | 'number' | 'money', v: SourceValue, ctx: ConversionContext): string {
  const stored = v.attribute?.dateTimeBehavior === 'TimeZoneIndependent' || v.attribute?.dateTimeBehavior === 'DateOnly';
  switch (format) {
    case 'date':
      return formatDate(v.raw, ctx, false, stored) ?? v.formatted ?? String(v.raw);
    case 'datetime':
      return formatDate(v.raw, ctx, true, stored) ?? v.formatted ?? String(v.raw);
    case 'number': {
      const n = asNumber(v.raw);
      return n === undefined ? (v.formatted ?? String(v.raw)) : new Intl.NumberFormat(safeLocale(ctx.locale)).format(n);
    }
    case 'money': {
      const n = asNumber(v.raw);
      if (n === undefined) return v.formatted ?? String(v.raw);
      if (v.currency && /^[A-Z]{3}$/.test(v.currency)) {
        return new Intl.NumberFormat(safeLocale(ctx.locale), { style: 'currency', currency: v.currency }).format(n);
      }
      return new Intl.NumberFormat(safeLocale(ctx.locale), { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(n);
    }
  }
}

/** No FormattedValue came back: render the raw value the way Dynamics would. */
export function formatFallback(v: SourceValue, ctx: ConversionContext): string {
  const raw = v.raw;
  const type = v.attribute?.attributeType;
  if (type === 'DateTime' || (typeof raw === 'string' && !v.attribute && /^\d{4}-\d{2}-\d{2}(T|$)/.test(raw))) {
    const withTime = v.attribute?.dateTimeBehavior !== 'DateOnly';
    return formatAs(withTime ? 'datetime' : 'date', v, ctx);
  }
  if (type === 'Money') return formatAs('money', v, ctx);
  if (typeof raw === 'number') return formatAs('number', v, ctx);
  if (typeof raw === 'boolean') return raw ? 'Yes' : 'No';
  if (typeof raw === 'string') return raw;
  return JSON.stringify(raw) ?? '';
}
