import type { TemplateInput } from './template-store';
import type { FieldType, TemplateField } from './template-types';

/** Templates for benchmarks: varied but deterministic field lists, every field type represented. */
const TYPES: FieldType[] = ['text', 'multiline', 'number', 'money', 'date', 'datetime', 'boolean', 'choice', 'table'];

function syntheticField(index: number): TemplateField {
  const type = TYPES[index % TYPES.length];
  const field: TemplateField = { key: `dt0_field_${index}`, label: `Field ${index}`, type, required: index % 4 === 0 };
  if (type === 'text' || type === 'multiline') field.maxLength = type === 'text' ? 200 : 4000;
  if (type === 'choice') field.options = ['a', 'b', 'c'].map((v) => ({ value: v, label: v.toUpperCase() }));
  if (type === 'table') {
    field.columns = [
      { key: 'name', label: 'Name', type: 'text', required: true },
      { key: 'amount', label: 'Amount', type: 'money', required: false },
    ];
  }
  return field;
}

export function syntheticTemplates(count: number, startAt: number): TemplateInput[] {
  return Array.from({ length: count }, (_, i) => {
    const n = startAt + i;
    const fieldCount = 5 + (n % 16);
    return {
      name: `Synthetic template ${n}`,
      description: `Generated for benchmarks (${fieldCount} fields)`,
      fields: Array.from({ length: fieldCount }, (_, f) => syntheticField(f)),
    };
  });
}
