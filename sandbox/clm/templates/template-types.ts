/** The template shapes of clm-api.yaml (components.schemas.Template, TemplateField, ValidationFlow). */
export type FieldType = 'text' | 'multiline' | 'number' | 'money' | 'date' | 'datetime' | 'boolean' | 'choice' | 'table';

interface ChoiceOption {
  value: string;
  label: string;
}

export interface TemplateField {
  key: string;
  label: string;
  type: FieldType;
  required: boolean;
  maxLength?: number;
  options?: ChoiceOption[];
  columns?: TemplateField[];
}

export interface Template {
  id: string;
  name: string;
  description?: string;
  status: 'active' | 'archived';
  version: number;
  updatedAt: string;
  fields: TemplateField[];
}

export interface ValidationFlow {
  id: string;
  name: string;
  position: number;
}
