/**
 * The contracts routes of the connector API (connector-api.md "Routes"): request and answer bodies,
 * shared by the functions (which check requests) and the web resources (which build them).
 */
import { z } from 'zod';
import { CONTRACT_STATUSES, type ContractStatus } from './vocabulary/contract-status';
import { TRIGGER_ENTITIES, type TriggerEntity } from './vocabulary/tables';

export type { ContractStatus, TriggerEntity };

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A row id (and a route parameter such as `contractId` or `templateId`). */
export const guidSchema = z.string().regex(GUID, { error: 'must be a GUID' });

/** The CLM statuses (clm-api.yaml ContractStatus). */
const contractStatusSchema = z.enum(CONTRACT_STATUSES);

/** A signatory as the CLM takes it (clm-api.yaml Signatory). */
export const signatorySchema = z.object({
  firstName: z.string().max(100),
  lastName: z.string().max(100),
  email: z.email({ error: 'must be an e-mail address' }),
  phone: z.string().max(50).optional(),
  order: z.number().int().min(1).optional(),
});
export type Signatory = z.infer<typeof signatorySchema>;

export const triggerEntitySchema = z.enum(TRIGGER_ENTITIES);

/** POST /api/contracts */
export const requestContractBodySchema = z.strictObject({
  entity: triggerEntitySchema,
  recordId: guidSchema,
  /** The dtclm_template row id. */
  templateId: guidSchema,
  /** A client-made UUID per click: the idempotency key, in the CLM and in Dataverse. */
  requestKey: z.string().regex(GUID, { error: 'must be a UUID made once per click' }),
  name: z.string().trim().min(1).max(200).optional(),
  signatories: z.array(signatorySchema).max(20).optional(),
});
export type RequestContractBody = z.infer<typeof requestContractBodySchema>;

export const contractAnswerSchema = z.object({
  /** The dtclm_contract row id. */
  contractId: z.string(),
  clmContractId: z.string(),
  name: z.string(),
  status: contractStatusSchema,
  clmUrl: z.string(),
});
export type ContractAnswer = z.infer<typeof contractAnswerSchema>;

/** GET /api/contracts/{contractId}/validation-flows */
const validationFlowSchema = z.object({ id: z.string(), name: z.string(), position: z.number().int() });
export type ValidationFlow = z.infer<typeof validationFlowSchema>;
export const validationFlowsAnswerSchema = z.object({ flows: z.array(validationFlowSchema) });
export type ValidationFlowsAnswer = z.infer<typeof validationFlowsAnswerSchema>;

/** POST /api/contracts/{contractId}/validation */
export const startValidationBodySchema = z.strictObject({ flowId: z.string().min(1).max(64).optional() });
export type StartValidationBody = z.infer<typeof startValidationBodySchema>;
export const startValidationAnswerSchema = z.object({ status: contractStatusSchema, flow: validationFlowSchema });
export type StartValidationAnswer = z.infer<typeof startValidationAnswerSchema>;

/** POST /api/contracts/{contractId}/signature */
export const sendForSignatureBodySchema = z.strictObject({ signatories: z.array(signatorySchema).max(20).optional() });
export type SendForSignatureBody = z.infer<typeof sendForSignatureBodySchema>;
export const sendForSignatureAnswerSchema = z.object({ status: contractStatusSchema });
export type SendForSignatureAnswer = z.infer<typeof sendForSignatureAnswerSchema>;

/**
 * GET /api/contracts/{contractId}/signatories (not in connector-api.md's table; docs/web-resources.md):
 * the signatories a Send to Sign without a list would send, in signing order, so the panel shows them first:
 * the contract's own (given at request time), else the template's read from the record.
 */
export const contractSignatoriesAnswerSchema = z.object({
  signatories: z.array(signatorySchema),
  /** `contract`: the list kept with the contract at request time; `record`: it has none, these are the template's read from the record now. */
  source: z.enum(['record', 'contract', 'none']),
  /** Per signatory, in the same order: the template's mapping gives this person (same e-mail), or it was added by hand at request time. */
  origins: z.array(z.enum(['template', 'added'])),
  errors: z.array(z.object({ field: z.string(), message: z.string() })),
});
export type ContractSignatoriesAnswer = z.infer<typeof contractSignatoriesAnswerSchema>;

/**
 * GET /api/contracts/{contractId}/documents (not in connector-api.md's table; docs/decisions.md): the
 * CLM documents the status panel lists, the draft before it is signed, the signed PDF once signed.
 * Each opens through GET /api/contracts/{contractId}/documents/{documentId} (connector-api.md).
 */
const contractDocumentSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(['draft', 'signed']),
  size: z.number().int(),
  contentType: z.string(),
});
export type ContractDocument = z.infer<typeof contractDocumentSchema>;
export const contractDocumentsAnswerSchema = z.object({ documents: z.array(contractDocumentSchema) });
export type ContractDocumentsAnswer = z.infer<typeof contractDocumentsAnswerSchema>;

/** POST /api/contracts/{contractId}/refresh (no body) */
export const refreshAnswerSchema = z.object({ status: contractStatusSchema });
export type RefreshAnswer = z.infer<typeof refreshAnswerSchema>;

/** POST /api/contracts/preview: what a request would send, read as the caller, without calling the CLM. */
export const contractPreviewBodySchema = z.strictObject({ entity: triggerEntitySchema, recordId: guidSchema, templateId: guidSchema });
export type ContractPreviewBody = z.infer<typeof contractPreviewBodySchema>;
const previewFieldSchema = z.object({
  key: z.string(),
  label: z.string(),
  type: z.enum(['text', 'multiline', 'number', 'money', 'date', 'datetime', 'boolean', 'choice', 'table']),
  required: z.boolean(),
  /** The value the CLM would get (clm-api.yaml FieldValue); null = none. */
  value: z.unknown(),
  /** The value as the user reads it, in their language and time zone. */
  display: z.string(),
  /** Where the mapping takes it from: a Dynamics path, "constant", a fixed record; null = not mapped. */
  source: z.string().nullable(),
});
export const contractPreviewAnswerSchema = z.object({
  name: z.string(),
  fields: z.array(previewFieldSchema),
  signatories: z.array(signatorySchema),
  /** What would make the request fail, in the words of its 422 (one per CLM field or mapping path). */
  errors: z.array(z.object({ field: z.string(), message: z.string() })),
  /**
   * The mapping's `returns` (mapping.md): at status `when`, which Dynamics column would get which
   * CLM field back, with the value sent now (what comes back unless legal changes it in the CLM).
   */
  returns: z
    .object({
      when: contractStatusSchema,
      columns: z.array(z.object({ column: z.string(), fieldKey: z.string(), label: z.string(), display: z.string() })),
    })
    .optional(),
});
export type ContractPreviewAnswer = z.infer<typeof contractPreviewAnswerSchema>;
