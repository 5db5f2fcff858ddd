import type { ProblemCode, ProblemKind } from '../errors';
import type { FieldValue } from '../template';

/** A conversion never throws: it gives a value, or says why the value cannot fill the field. */
export type Outcome = { ok: true; value: FieldValue } | { ok: false; kind: ProblemKind; code: ProblemCode; message: string };

export const ok = (value: FieldValue): Outcome => ({ ok: true, value });

/** The record's value does not fit (too long, no matching option): the salesperson can fix the record. */
export const dataError = (code: ProblemCode, message: string): Outcome => ({ ok: false, kind: 'data', code, message });

/** The value's type cannot become the field's type: the mapping is wrong (validateMapping catches it). */
export const shapeError = (message: string): Outcome => ({ ok: false, kind: 'shape', code: 'not_convertible', message });

export function describe(raw: unknown): string {
  if (typeof raw === 'string') return `"${raw.length > 60 ? `${raw.slice(0, 57)}...` : raw}"`;
  return JSON.stringify(raw) ?? String(raw);
}
