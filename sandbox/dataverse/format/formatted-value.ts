/**
 * `@OData.Community.Display.V1.FormattedValue`: the value as Dynamics shows it to the caller —
 * option and two-option labels, a lookup's primary name, numbers and money in the caller's locale
 * (money with its currency symbol), dates in the caller's time zone. Strings and GUIDs have none.
 */
import { textIn } from '../../../solution/model/labels';
import type { AttributeDef } from '../../../solution/model/types';
import type { SeedValue } from '../model/security-types';
import type { Catalog } from '../schema/catalog';
import type { Row, Store } from '../store/store';
import { isEntityRef } from '../store/store';
import { refId } from '../security/caller';
import { localeForId } from './timezones';

export interface FormatContext {
  catalog: Catalog;
  store: Store;
  localeId: number;
  /** The caller's UI language (usersettings.uilanguageid): option labels are shown in it, else in the base language. */
  languageId: number;
  timeZone: string;
}

export function formattedValue(attr: AttributeDef, value: SeedValue | undefined, row: Row, ctx: FormatContext): string | undefined {
  if (value === null || value === undefined) return undefined;
  const locale = localeForId(ctx.localeId);
  switch (attr.type) {
    case 'Picklist':
    case 'State':
    case 'Status':
      return optionLabel(ctx.catalog.options(attr)?.options.find((o) => o.value === value)?.label, ctx.languageId);
    case 'Boolean':
      return value ? textIn(attr.booleanLabels?.true ?? 'Yes', ctx.languageId) : textIn(attr.booleanLabels?.false ?? 'No', ctx.languageId);
    case 'Lookup':
    case 'Customer':
    case 'Owner':
      return isEntityRef(value) ? lookupName(value.entity, value.id, ctx) : undefined;
    case 'Integer':
      return typeof value === 'number' ? number(locale, value, 0) : undefined;
    case 'Decimal':
    case 'Double':
      return typeof value === 'number' ? number(locale, value, attr.precision ?? 2) : undefined;
    case 'Money':
      return typeof value === 'number' ? money(locale, value, attr.precision ?? 2, currencySymbol(row, ctx)) : undefined;
    case 'DateTime':
      return typeof value === 'string' ? dateTime(attr, value, locale, ctx.timeZone) : undefined;
    default:
      return undefined;
  }
}

/** An option's label in the caller's language (Dataverse formats choices in the user's language). */
function optionLabel(text: Parameters<typeof textIn>[0], languageId: number): string | undefined {
  return text === undefined ? undefined : textIn(text, languageId);
}

export function lookupName(entity: string, id: string, ctx: FormatContext): string | undefined {
  const info = ctx.catalog.tables.get(entity);
  const target = ctx.store.get(entity, id);
  if (!info || !target) return undefined;
  const name = target[info.def.primaryNameAttribute];
  return typeof name === 'string' ? name : undefined;
}

/** Intl uses narrow no-break spaces where Dynamics shows no-break spaces (fr-FR groups) or plain ones (times). */
const tidy = (s: string): string => s.replace(/\u202f/g, '\u00a0');

function number(locale: string, value: number, digits: number): string {
  return tidy(new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value));
}

function money(locale: string, value: number, digits: number, symbol: string): string {
  const n = number(locale, Math.abs(value), digits);
  // Dynamics puts the symbol first in en-US ($1,234.56) and after the number in fr-FR (1 234,56 €).
  const body = locale.startsWith('en') ? `${symbol}${n}` : `${n}\u00a0${symbol}`;
  return value < 0 ? (locale.startsWith('en') ? `(${body})` : `-${body}`) : body;
}

function currencySymbol(row: Row, ctx: FormatContext): string {
  const id = refId(row.transactioncurrencyid);
  const currency = id ? ctx.store.get('transactioncurrency', id) : ctx.store.all('transactioncurrency')[0];
  return typeof currency?.currencysymbol === 'string' ? currency.currencysymbol : '$';
}

function dateTime(attr: AttributeDef, value: string, locale: string, timeZone: string): string {
  const dateOnlyValue = /^\d{4}-\d{2}-\d{2}$/.test(value);
  // DateOnly and TimeZoneIndependent values are shown as stored, without conversion.
  const zone = attr.dateTimeBehavior === 'UserLocal' || attr.dateTimeBehavior === undefined ? timeZone : 'UTC';
  const instant = new Date(dateOnlyValue ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(instant.getTime())) return value;
  const effectiveZone = dateOnlyValue ? 'UTC' : zone;
  const date = new Intl.DateTimeFormat(locale, {
    year: 'numeric',
    month: locale === 'en-US' ? 'numeric' : '2-digit',
    day: locale === 'en-US' ? 'numeric' : '2-digit',
    timeZone: effectiveZone,
  }).format(instant);
  if (attr.dateTimeFormat === 'DateOnly' || attr.dateTimeBehavior === 'DateOnly' || dateOnlyValue) return date;
  const time = new Intl.DateTimeFormat(locale, { hour: locale === 'en-US' ? 'numeric' : '2-digit', minute: '2-digit', timeZone: effectiveZone }).format(
    instant,
  );
  return `${date} ${time.replace(/[\u202f\u00a0]/g, ' ')}`;
}
