/** Money fields: the amount with the ISO code of the record's transaction currency (never the base currency). */
import type { TemplateField } from '../template';
import { dataError, describe, ok, type Outcome, shapeError } from './outcome';
import type { SourceValue } from './source-value';

export function toMoney(v: SourceValue, field: TemplateField): Outcome {
  if (typeof v.raw !== 'number' || !Number.isFinite(v.raw)) return shapeError(`${field.label}: ${describe(v.raw)} is not an amount`);
  if (!v.currency) return dataError('not_convertible', `${field.label}: the record has no currency`);
  return ok({ amount: v.raw, currency: v.currency });
}
