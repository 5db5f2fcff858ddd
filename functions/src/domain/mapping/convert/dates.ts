/**
 * Dates. Dataverse stores a date-and-time column in UTC (behavior UserLocal) and shows it in each
 * user's zone: the calendar date depends on who asks. DateOnly columns are a calendar date with no
 * zone; TimeZoneIndependent ones are shown exactly as stored, whatever the user's zone.
 */
import type { TemplateField } from '../template';
import { dataError, describe, ok, type Outcome, shapeError } from './outcome';
import type { ConversionContext } from './context';
import { DATE_ONLY, type SourceValue } from './source-value';

const dayFormatters = new Map<string, Intl.DateTimeFormat>();

/** YYYY-MM-DD of an instant in an IANA zone. */
function calendarDateIn(instant: Date, timeZone: string): string {
  let f = dayFormatters.get(timeZone);
  if (!f) {
    // en-CA writes dates as YYYY-MM-DD; formatToParts below is the slower, layout-proof way.
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormatters.set(timeZone, f);
  }
  const text = f.format(instant);
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return text;
  let year = '';
  let month = '';
  let day = '';
  for (const p of f.formatToParts(instant)) {
    if (p.type === 'year') year = p.value;
    else if (p.type === 'month') month = p.value;
    else if (p.type === 'day') day = p.value;
  }
  return `${year.padStart(4, '0')}-${month}-${day}`;
}

function parseInstant(raw: string): Date | undefined {
  const d = new Date(raw);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/** RFC 3339 in UTC, without milliseconds when there are none. */
function rfc3339Utc(d: Date): string {
  return d.toISOString().replace('.000Z', 'Z');
}

export function toDate(v: SourceValue, field: TemplateField, ctx: ConversionContext): Outcome {
  if (typeof v.raw !== 'string') return shapeError(`${field.label}: ${describe(v.raw)} is not a date`);
  const behavior = v.attribute?.dateTimeBehavior;
  if (DATE_ONLY.test(v.raw)) return ok(v.raw);
  if (behavior === 'DateOnly' || behavior === 'TimeZoneIndependent') {
    // Stored as entered: the date part is the date the user typed, in no zone.
    return /^\d{4}-\d{2}-\d{2}/.test(v.raw) ? ok(v.raw.slice(0, 10)) : dataError('not_convertible', `${field.label}: ${describe(v.raw)} is not a date`);
  }
  const known = daysIn(ctx.timeZone);
  const day = known.get(v.raw);
  if (day !== undefined) return ok(day);
  const instant = parseInstant(v.raw);
  if (!instant) return dataError('not_convertible', `${field.label}: ${describe(v.raw)} is not a date`);
  const text = calendarDateIn(instant, ctx.timeZone);
  if (known.size >= MAX_KNOWN_DAYS) known.clear();
  known.set(v.raw, text);
  return ok(text);
}

/**
 * The calendar day of an instant in a zone depends on nothing else, and Intl's formatting is the
 * dearest step of a table cell: the days already worked out are kept per zone (bounded), since a
 * record's dates repeat (every line of a quote shares a few).
 */
const knownDays = new Map<string, Map<string, string>>();
const MAX_KNOWN_DAYS = 2048;
function daysIn(timeZone: string): Map<string, string> {
  let days = knownDays.get(timeZone);
  if (!days) knownDays.set(timeZone, (days = new Map()));
  return days;
}

export function toDateTime(v: SourceValue, field: TemplateField): Outcome {
  if (typeof v.raw !== 'string') return shapeError(`${field.label}: ${describe(v.raw)} is not a date and time`);
  if (DATE_ONLY.test(v.raw) || v.attribute?.dateTimeBehavior === 'DateOnly') {
    return shapeError(`${field.label}: a date-only column has no time to send as a date and time`);
  }
  const instant = parseInstant(v.raw);
  if (!instant) return dataError('not_convertible', `${field.label}: ${describe(v.raw)} is not a date and time`);
  return ok(rfc3339Utc(instant));
}
