/** Number fields: whole numbers, decimals, floats and money give the number itself. */
import type { TemplateField } from '../template';
import { describe, ok, type Outcome, shapeError } from './outcome';
import type { SourceValue } from './source-value';

export function toNumber(v: SourceValue, field: TemplateField): Outcome {
  if (typeof v.raw === 'number' && Number.isFinite(v.raw)) return ok(v.raw);
  // BigInt columns may come back as text to keep their precision.
  if (typeof v.raw === 'string' && /^-?\d+(\.\d+)?$/.test(v.raw)) return ok(Number(v.raw));
  return shapeError(`${field.label}: ${describe(v.raw)} is not a number`);
}
