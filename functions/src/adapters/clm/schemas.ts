/**
 * The CLM's answers as shared/spec/clm-api.yaml fixes them, one zod schema per component. Every
 * answer is parsed with these before anyone reads it: a CLM that answers something else is an
 * error with a clear message (ClmAnswerError), never a crash deeper in the connector.
 * Objects are not strict: a field the CLM adds later must not break the connector.
 */
import { z } from 'zod';

const dateTime = z.string().refine((s) => !Number.isNaN(Date.parse(s)), { error: 'not a date-time' });

export const errorBody = z.object({
  error: z.enum([
    'invalid_request',
    'invalid_token',
    'forbidden',
    'not_found',
    'conflict',
    'validation_failed',
    'no_signatory',
    'no_validation_flow',
    'invalid_state',
    'rate_limited',
    'internal',
  ]),
  message: z.string(),
  details: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
});
export type ClmErrorBody = z.infer<typeof errorBody>;

export const tokenResponse = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1),
  token_type: z.literal('Bearer'),
  expires_in: z.number().int(),
});
export type TokenResponse = z.infer<typeof tokenResponse>;

export interface TemplateField {
  key: string;
  label: string;
  type: 'text' | 'multiline' | 'number' | 'money' | 'date' | 'datetime' | 'boolean' | 'choice' | 'table';
  required: boolean;
  maxLength?: number;
  options?: { value: string; label: string }[];
  columns?: TemplateField[];
}
const templateField: z.ZodType<TemplateField> = z.lazy(() =>
  z.object({
    key: z.string(),
    label: z.string(),
    type: z.enum(['text', 'multiline', 'number', 'money', 'date', 'datetime', 'boolean', 'choice', 'table']),
    required: z.boolean(),
    maxLength: z.number().int().optional(),
    options: z.array(z.object({ value: z.string(), label: z.string() })).optional(),
    columns: z.array(templateField).optional(),
  }),
);

export const template = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().optional(),
  status: z.enum(['active', 'archived']),
  version: z.number().int(),
  updatedAt: dateTime,
  fields: z.array(templateField),
});
export type Template = z.infer<typeof template>;

export const folder = z.object({ id: z.string(), name: z.string() });
export type Folder = z.infer<typeof folder>;

const signatory = z.object({
  firstName: z.string(),
  lastName: z.string(),
  email: z.string(),
  phone: z.string().optional(),
  order: z.number().int().min(1).optional(),
});
export type Signatory = z.infer<typeof signatory>;

const externalRef = z.object({
  system: z.literal('dynamics365'),
  entity: z.enum(['opportunity', 'quote']),
  id: z.string(),
  orgUrl: z.string().optional(),
});
type ExternalRef = z.infer<typeof externalRef>;

const contractStatus = z.enum(['draft', 'in_validation', 'validated', 'rejected', 'sent_for_signature', 'signed', 'declined', 'expired', 'cancelled']);

/** FieldValue (by the template field's type); null = no value. */
export type FieldValue = string | number | boolean | null | { amount: number; currency: string } | Record<string, unknown>[];
const fieldValue: z.ZodType<FieldValue> = z.union([
  z.string(),
  z.number(),
  z.boolean(),
  z.null(),
  z.object({ amount: z.number(), currency: z.string() }),
  z.array(z.record(z.string(), z.unknown())),
]);

const contractDocument = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(['draft', 'signed']),
  size: z.number().int(),
  contentType: z.string(),
});

export const contract = z.object({
  id: z.string(),
  name: z.string(),
  status: contractStatus,
  sequence: z.number().int(),
  templateId: z.string(),
  folderId: z.string(),
  url: z.string(),
  fields: z.record(z.string(), fieldValue).optional(),
  signatories: z.array(signatory).optional(),
  externalRef: externalRef.optional(),
  documents: z.array(contractDocument).optional(),
  createdAt: dateTime,
  updatedAt: dateTime,
});
export type Contract = z.infer<typeof contract>;

const validationFlow = z.object({ id: z.string(), name: z.string(), position: z.number().int() });
export type ValidationFlow = z.infer<typeof validationFlow>;

export const contact = z.object({
  id: z.string(),
  externalId: z.string().nullish(),
  firstName: z.string(),
  lastName: z.string(),
  email: z.string(),
  phone: z.string().nullish(),
  active: z.boolean(),
  version: z.number().int(),
  updatedAt: dateTime,
  updatedBy: z.string().optional(),
});
export type Contact = z.infer<typeof contact>;

const page = <T extends z.ZodType>(item: T) => z.object({ data: z.array(item), nextCursor: z.string().nullable() });
export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

export const templatePage = page(template);
export const contactPage = page(contact);
export const validationFlowList = z.object({ data: z.array(validationFlow) });
export const webhookRegistration = z.object({ webhook_url: z.string().nullable(), events: z.array(z.string()).optional() });
export type WebhookRegistration = z.infer<typeof webhookRegistration>;

// Request bodies (typed only: the CLM checks them, and its 422 says what is wrong).
export interface CreateContractRequest {
  templateId: string;
  folderId: string;
  name: string;
  fields: Record<string, FieldValue>;
  signatories?: Signatory[];
  externalRef: ExternalRef;
  requestedBy?: { email?: string; name?: string };
}
export interface CreateContactRequest {
  externalId?: string;
  firstName: string;
  lastName: string;
  email: string;
  phone?: string;
  active?: boolean;
}
export interface ContactPatch {
  externalId?: string | null;
  firstName?: string;
  lastName?: string;
  email?: string;
  phone?: string | null;
  active?: boolean;
}
