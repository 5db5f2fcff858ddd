/** The admin routes of the connector API (connector-api.md "Routes", role Admin). */
import { z } from 'zod';
import { contractPreviewAnswerSchema, guidSchema, triggerEntitySchema, type ContractPreviewAnswer } from './contracts';

/** GET /api/admin/health */
const healthCheckSchema = z.object({ name: z.string(), ok: z.boolean(), detail: z.string(), hint: z.string() });
export const healthAnswerSchema = z.object({ checks: z.array(healthCheckSchema) });
export type HealthCheck = z.infer<typeof healthCheckSchema>;
export type HealthAnswer = z.infer<typeof healthAnswerSchema>;

/**
 * POST /api/admin/templates/sync: 202 with a run (api/runs.ts), whose counts when done are created,
 * updated, deactivated, unchanged, flagged, reactivated and failed.
 */
export const templateSyncBodySchema = z.strictObject({ full: z.boolean().optional() });

/** `dtclm_mappingstate` as the API says it: Fits, Broken, No mapping. */
const mappingStateSchema = z.enum(['fits', 'broken', 'none']);
export type MappingStateName = z.infer<typeof mappingStateSchema>;

/** POST /api/admin/mappings/validate */
export const validateMappingBodySchema = z.strictObject({ templateId: guidSchema, mapping: z.unknown() });
const mappingProblemSchema = z.object({ path: z.string(), message: z.string() });
export const validateMappingAnswerSchema = z.object({ errors: z.array(mappingProblemSchema), warnings: z.array(mappingProblemSchema) });
export type ValidateMappingAnswer = z.infer<typeof validateMappingAnswerSchema>;

/** POST /api/admin/mappings/preview */
export const previewMappingBodySchema = z.strictObject({
  templateId: guidSchema,
  mapping: z.unknown().optional(),
  entity: triggerEntitySchema,
  recordId: guidSchema,
});
/** The same answer as POST /api/contracts/preview. */
export const previewMappingAnswerSchema = contractPreviewAnswerSchema;
export type PreviewMappingAnswer = ContractPreviewAnswer;

/** PUT /api/admin/templates/{templateId}/mapping (with If-Match: the row's ETag). null or "" = no mapping. */
export const saveMappingBodySchema = z.strictObject({ mapping: z.unknown() });
export const saveMappingAnswerSchema = z.object({
  state: mappingStateSchema,
  errors: z.array(mappingProblemSchema),
  warnings: z.array(mappingProblemSchema),
  /** The row's new ETag: the If-Match of the next save. */
  etag: z.string(),
});
export type SaveMappingAnswer = z.infer<typeof saveMappingAnswerSchema>;

/**
 * POST /api/admin/webhook. `revokePrevious` (our addition, docs/webhooks.md): the secret being
 * replaced stops being accepted at once, instead of after the 24 h grace (a leaked secret).
 */
export const registerWebhookBodySchema = z.strictObject({ revokePrevious: z.boolean().optional() });
export const registerWebhookAnswerSchema = z.object({ webhook_url: z.string() });
export type RegisterWebhookAnswer = z.infer<typeof registerWebhookAnswerSchema>;

/** POST /api/admin/webhook/replay (our addition, docs/webhooks.md): the status events set aside after 5 failures, queued again. */
export const replayStatusEventsAnswerSchema = z.object({ replayed: z.number().int() });

/** POST /api/admin/users/sync */
export const syncUsersBodySchema = z.strictObject({ systemUserId: guidSchema.optional() });
/** One user provisioned now (scim-profile.md): what happened to them in the CLM. */
/**
 * What one user's sync did to their memberships of the connector's CLM groups, by displayName
 * (docs/user-provisioning.md): `notCreated` are their prefixed teams the CLM has no group for yet
 * (the next full run creates them); `failed` the groups whose PATCH failed (reasons in `message`).
 */
const syncUserGroupsSchema = z.object({
  added: z.array(z.string()),
  removed: z.array(z.string()),
  notCreated: z.array(z.string()),
  failed: z.array(z.string()),
});
export type SyncUserGroups = z.infer<typeof syncUserGroupsSchema>;
export const syncUserAnswerSchema = z.object({
  systemUserId: z.string(),
  outcome: z.enum(['created', 'updated', 'deactivated', 'unchanged', 'skipped', 'pending', 'error']),
  role: z.enum(['Administrator', 'Editor', 'Contributor', 'Validator', 'Reader']).optional(),
  scimId: z.string().optional(),
  activeInClm: z.boolean().optional(),
  message: z.string().optional(),
  /** Present when their own step succeeded and the CLM's groups could be read. */
  groups: syncUserGroupsSchema.optional(),
});
export type SyncUserAnswer = z.infer<typeof syncUserAnswerSchema>;

/** POST /api/admin/contacts/sync */
export const syncContactsBodySchema = z.strictObject({ contactId: guidSchema.optional() });
