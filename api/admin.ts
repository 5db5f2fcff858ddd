/** The admin routes of the connector API (connector-api.md "Routes", role Admin). */
import { z } from 'zod';
import { guidSchema, triggerEntitySchema } from './contracts';

/** GET /api/admin/health */
export const healthCheckSchema = z.object({ name: z.string(), ok: z.boolean(), detail: z.string(), hint: z.string() });
export const healthAnswerSchema = z.object({ checks: z.array(healthCheckSchema) });
export type HealthCheck = z.infer<typeof healthCheckSchema>;
export type HealthAnswer = z.infer<typeof healthAnswerSchema>;

/** POST /api/admin/templates/sync */
export const templateSyncAnswerSchema = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  deactivated: z.number().int(),
  unchanged: z.number().int(),
  durationMs: z.number(),
});
export type TemplateSyncAnswer = z.infer<typeof templateSyncAnswerSchema>;

/** POST /api/admin/mappings/validate */
export const validateMappingBodySchema = z.strictObject({ templateId: guidSchema, mapping: z.unknown() });
export type ValidateMappingBody = z.infer<typeof validateMappingBodySchema>;
export const mappingProblemSchema = z.object({ path: z.string(), message: z.string() });
export const validateMappingAnswerSchema = z.object({ errors: z.array(mappingProblemSchema), warnings: z.array(mappingProblemSchema) });
export type ValidateMappingAnswer = z.infer<typeof validateMappingAnswerSchema>;

/** POST /api/admin/mappings/preview */
export const previewMappingBodySchema = z.strictObject({
  templateId: guidSchema,
  mapping: z.unknown().optional(),
  entity: triggerEntitySchema,
  recordId: guidSchema,
});
export type PreviewMappingBody = z.infer<typeof previewMappingBodySchema>;
export const previewMappingAnswerSchema = z.object({
  name: z.string(),
  fields: z.record(z.string(), z.unknown()),
  signatories: z.array(z.unknown()),
  errors: z.array(mappingProblemSchema),
});
export type PreviewMappingAnswer = z.infer<typeof previewMappingAnswerSchema>;

/**
 * POST /api/admin/webhook. `revokePrevious` (our addition, docs/webhooks.md): the secret being
 * replaced stops being accepted at once, instead of after the 24 h grace (a leaked secret).
 */
export const registerWebhookBodySchema = z.strictObject({ revokePrevious: z.boolean().optional() });
export type RegisterWebhookBody = z.infer<typeof registerWebhookBodySchema>;
export const registerWebhookAnswerSchema = z.object({ webhook_url: z.string() });
export type RegisterWebhookAnswer = z.infer<typeof registerWebhookAnswerSchema>;

/** POST /api/admin/users/sync */
export const syncUsersBodySchema = z.strictObject({ systemUserId: guidSchema.optional() });
export type SyncUsersBody = z.infer<typeof syncUsersBodySchema>;

/** POST /api/admin/contacts/sync */
export const syncContactsBodySchema = z.strictObject({ contactId: guidSchema.optional() });
export type SyncContactsBody = z.infer<typeof syncContactsBodySchema>;
