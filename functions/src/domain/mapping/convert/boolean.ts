/** Boolean fields: a two-options column gives true or false. */
import type { TemplateField } from '../template';
import { describe, ok, type Outcome, shapeError } from './outcome';
import type { SourceValue } from './source-value';

export function toBoolean(v: SourceValue, field: TemplateField): Outcome {
  if (typeof v.raw === 'boolean') return ok(v.raw);
  return shapeError(`${field.label}: ${describe(v.raw)} is not yes or no`);
}
