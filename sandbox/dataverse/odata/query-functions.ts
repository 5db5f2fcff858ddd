/**
 * Dataverse's query functions in $filter (Web API reference "Query functions"): the ones a mapping's
 * collection filter or the connector is likely to use — In/NotIn, Between/NotBetween, the user,
 * team and business unit ones, and the date ones, which read dates in the caller's time zone.
 */
import type { AttributeDef } from '../../../solution/model/types';
import type { SeedValue } from '../model/security-types';
import { badRequest } from '../errors';
import { isEntityRef } from '../store/store';

export interface FilterContext {
  userId: string;
  businessUnitId?: string;
  teamIds: Set<string>;
  timeZone: string;
  now: Date;
}

const DAY = 24 * 60 * 60 * 1000;

const VALUE_FUNCTIONS = [
  'In',
  'NotIn',
  'Between',
  'NotBetween',
  'EqualUserId',
  'NotEqualUserId',
  'EqualUserTeams',
  'EqualUserOrUserTeams',
  'EqualBusinessId',
  'NotEqualBusinessId',
  'Null',
  'NotNull',
];
const DATE_FUNCTIONS = ['Today', 'Yesterday', 'Tomorrow', 'On', 'OnOrAfter', 'OnOrBefore', 'LastXDays', 'NextXDays', 'LastXHours', 'NextXHours'];

/** Refuses, before any row is read, a function the sandbox does not know or a date function on a non-date column. */
export function checkQueryFunction(fn: string, attr: AttributeDef): void {
  if (DATE_FUNCTIONS.includes(fn)) {
    if (attr.type !== 'DateTime') throw badRequest(`Microsoft.Dynamics.CRM.${fn} applies to date and time columns, not to '${attr.logicalName}'.`);
    return;
  }
  if (!VALUE_FUNCTIONS.includes(fn)) throw badRequest(`The query function 'Microsoft.Dynamics.CRM.${fn}' is not supported by the sandbox.`);
}

export function evaluateQueryFunction(fn: string, attr: AttributeDef, raw: SeedValue | undefined, values: string[], ctx: FilterContext): boolean {
  const value = isEntityRef(raw) ? raw.id.toLowerCase() : raw;
  const text = value === null || value === undefined ? undefined : String(value).toLowerCase();
  const number = (i: number): number => Number(values[i]);
  switch (fn) {
    case 'In':
      return text !== undefined && values.some((v) => v.toLowerCase() === text);
    case 'NotIn':
      return text !== undefined && !values.some((v) => v.toLowerCase() === text);
    case 'Between':
    case 'NotBetween': {
      if (value === null || value === undefined) return false;
      const [low, high] = attr.type === 'DateTime' ? [instant(values[0]), instant(values[1])] : [number(0), number(1)];
      const v = attr.type === 'DateTime' ? instant(String(value)) : Number(value);
      const inside = v >= low && v <= high;
      return fn === 'Between' ? inside : !inside;
    }
    case 'EqualUserId':
      return text === ctx.userId;
    case 'NotEqualUserId':
      return text !== ctx.userId;
    case 'EqualUserTeams':
      return text !== undefined && ctx.teamIds.has(text);
    case 'EqualUserOrUserTeams':
      return text !== undefined && (text === ctx.userId || ctx.teamIds.has(text));
    case 'EqualBusinessId':
      return text === ctx.businessUnitId;
    case 'NotEqualBusinessId':
      return text !== ctx.businessUnitId;
    case 'Null':
      return value === null || value === undefined;
    case 'NotNull':
      return value !== null && value !== undefined;
  }
  // Date functions: compare calendar days in the caller's time zone (DateOnly columns as stored).
  if (typeof value !== 'string') {
    if (value === null || value === undefined) return false;
    throw badRequest(`${fn} applies to date and time columns.`);
  }
  const day = localDay(value, attr, ctx.timeZone);
  const today = localDay(ctx.now.toISOString(), undefined, ctx.timeZone);
  const shift = (d: string, days: number): string => new Date(Date.parse(`${d}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
  const t = instant(value);
  switch (fn) {
    case 'Today':
      return day === today;
    case 'Yesterday':
      return day === shift(today, -1);
    case 'Tomorrow':
      return day === shift(today, 1);
    case 'On':
      return day === values[0]?.slice(0, 10);
    case 'OnOrAfter':
      return day >= values[0]?.slice(0, 10);
    case 'OnOrBefore':
      return day <= values[0]?.slice(0, 10);
    case 'LastXDays':
      return day >= shift(today, -number(0)) && t <= ctx.now.getTime();
    case 'NextXDays':
      return day <= shift(today, number(0)) && t >= ctx.now.getTime();
    case 'LastXHours':
      return t >= ctx.now.getTime() - number(0) * 3_600_000 && t <= ctx.now.getTime();
    case 'NextXHours':
      return t <= ctx.now.getTime() + number(0) * 3_600_000 && t >= ctx.now.getTime();
    default:
      throw badRequest(`The query function 'Microsoft.Dynamics.CRM.${fn}' is not supported by the sandbox.`);
  }
}

function instant(text: string): number {
  return Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z` : text);
}

/** The calendar day (YYYY-MM-DD) of a stored value, as the caller sees it. */
function localDay(value: string, attr: AttributeDef | undefined, timeZone: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value) || attr?.dateTimeBehavior === 'DateOnly' || attr?.dateTimeBehavior === 'TimeZoneIndependent') return value.slice(0, 10);
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(value));
  return parts;
}
