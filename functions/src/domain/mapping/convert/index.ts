/** One record value -> one CLM field value, by the template field's type (mapping.md's table). */
import type { NormalizedSource } from '../paths';
import type { TemplateField } from '../template';
import { toBoolean } from './boolean';
import { toChoice } from './choice';
import type { ConversionContext } from './context';
import { toDate, toDateTime } from './dates';
import { toMoney } from './money';
import { toNumber } from './number';
import { ok, type Outcome, shapeError } from './outcome';
import { isEmptyValue, type SourceValue } from './source-value';
import { toText } from './text';

export type { ConversionContext } from './context';
export type { Outcome } from './outcome';
export { readSourceValue } from './source-value';
export type { SourceValue } from './source-value';
export { textOf } from './text';

/** Empty gives null (the caller applies `default`); otherwise the rule of the field's type. */
export function convertValue(
  v: SourceValue,
  field: TemplateField,
  source: Pick<NormalizedSource, 'as' | 'values' | 'format'>,
  ctx: ConversionContext,
): Outcome {
  if (isEmptyValue(v)) return ok(null);
  switch (field.type) {
    case 'text':
    case 'multiline':
      return toText(v, field, source, ctx);
    case 'number':
      return toNumber(v, field);
    case 'money':
      return toMoney(v, field);
    case 'date':
      return toDate(v, field, ctx);
    case 'datetime':
      return toDateTime(v, field);
    case 'boolean':
      return toBoolean(v, field);
    case 'choice':
      return toChoice(v, field, source);
    case 'table':
      return shapeError(`${field.label}: a table field is filled from "collections", not from one value`);
  }
}
