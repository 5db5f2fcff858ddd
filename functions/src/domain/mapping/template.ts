/** The CLM template field definitions (clm-api.yaml `TemplateField`), as the mapping needs them. */

export type ClmFieldType = 'text' | 'multiline' | 'number' | 'money' | 'date' | 'datetime' | 'boolean' | 'choice' | 'table';

export interface TemplateField {
  key: string;
  label: string;
  type: ClmFieldType;
  required: boolean;
  maxLength?: number;
  /** For type choice: the allowed values. */
  options?: { value: string; label: string }[];
  /** For type table: the columns of each row (never of type table themselves). */
  columns?: TemplateField[];
}

/** clm-api.yaml `FieldValue`: by the field's type; null means "no value". */
export type MoneyValue = { amount: number; currency: string };
export type FieldValue = string | number | boolean | MoneyValue | Record<string, unknown>[] | null;

export function fieldsByKey(fields: readonly TemplateField[]): Map<string, TemplateField> {
  return new Map(fields.map((f) => [f.key, f]));
}
