/**
 * Long runs (connector-api.md "Long runs"): what a POST that starts one answers (202 + Location),
 * and what `GET /api/admin/runs/{runId}` and `GET /api/admin/runs?kind=` answer.
 */
import { z } from 'zod';

/** The kinds of long run; each use case registers its own (templates now; users, contacts next). */
const RUN_KINDS = ['templates', 'users', 'contacts'] as const;
export const runKindSchema = z.enum(RUN_KINDS);
export type RunKind = z.infer<typeof runKindSchema>;

export const runStateSchema = z.enum(['queued', 'running', 'succeeded', 'failed']);
export type RunState = z.infer<typeof runStateSchema>;

/** `<kind>-<13 digits>-<8 hex>`: the kind (so a run is found without a search) and a time that sorts newest first. */
export const runIdSchema = z.string().regex(/^[a-z]{2,20}-\d{13}-[0-9a-f]{8}$/, { error: 'is not a run id (as answered by the POST that started it)' });

const runErrorSchema = z.object({ item: z.string(), message: z.string() });
export type RunError = z.infer<typeof runErrorSchema>;

export const runAnswerSchema = z.object({
  runId: z.string(),
  kind: z.string(),
  state: runStateSchema,
  startedAt: z.string(),
  finishedAt: z.string().optional(),
  progress: z.object({ done: z.number().int(), total: z.number().int().optional() }),
  counts: z.record(z.string(), z.number()),
  errors: z.array(runErrorSchema),
  durationMs: z.number().optional(),
});
export type RunAnswer = z.infer<typeof runAnswerSchema>;

/** The 202 of a POST that starts a run (or finds the one of its kind already under way). */
export const runStartedAnswerSchema = z.object({ runId: z.string(), kind: z.string(), state: runStateSchema });
export type RunStartedAnswer = z.infer<typeof runStartedAnswerSchema>;

/** GET /api/admin/runs?kind=&limit= */
export const listRunsQuerySchema = z.strictObject({
  kind: runKindSchema.optional(),
  limit: z.coerce.number().int().min(1).max(100).optional(),
});
export const runListAnswerSchema = z.object({ runs: z.array(runAnswerSchema) });
export type RunListAnswer = z.infer<typeof runListAnswerSchema>;
