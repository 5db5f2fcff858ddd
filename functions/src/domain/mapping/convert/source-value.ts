/**
 * One attribute's value as the Web API returned it, with the annotations that come with
 * `Prefer: odata.include-annotations="*"`: the FormattedValue is the text Dynamics shows the
 * calling user (option label, lookup name, number and date in their format and zone).
 */
import type { AttributeInfo } from '../metadata';
import { isLookupValueProperty } from '../paths';

export const FORMATTED_VALUE = '@OData.Community.Display.V1.FormattedValue';

export interface SourceValue {
  /** The value as returned (null when empty). */
  raw: unknown;
  formatted?: string;
  /** The Web API property it came from (`_customerid_value` for a lookup). */
  property: string;
  attribute?: AttributeInfo;
  /** ISO 4217 code of the record's transaction currency, when read. */
  currency?: string | null;
}

export function readSourceValue(
  record: Readonly<Record<string, unknown>>,
  property: string,
  attribute?: AttributeInfo,
  currency?: string | null,
  /** `property` + FORMATTED_VALUE, made once by a caller that reads many records (a new string per cell costs a hash each time). */
  formattedProperty = property + FORMATTED_VALUE,
): SourceValue {
  const raw = record[property];
  const f = record[formattedProperty];
  // Built field by field: this runs once per cell of every table row.
  const v: SourceValue = { raw: raw === undefined ? null : raw, property };
  if (typeof f === 'string') v.formatted = f;
  if (attribute) v.attribute = attribute;
  if (currency !== undefined) v.currency = currency;
  return v;
}

export function isEmptyValue(v: SourceValue): boolean {
  return v.raw === null || v.raw === undefined || (typeof v.raw === 'string' && v.raw.trim() === '');
}

export function isLookupValue(v: SourceValue): boolean {
  return isLookupValueProperty(v.property);
}

export const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
