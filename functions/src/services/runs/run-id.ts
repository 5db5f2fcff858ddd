/**
 * Run ids: `<kind>-<13 digits>-<8 hex>`. The kind comes first so that a run is read by a point
 * read (no search across kinds); the digits are 9999999999999 minus the start time in ms, so that
 * the store's key order is newest first (Azure Tables sort by key and have no "order by").
 */
import { randomBytes } from 'node:crypto';
import { runIdSchema, runKindSchema, type RunKind } from '../../../../api/runs';

const MAX_MS = 9_999_999_999_999;

export function newRunId(kind: RunKind, at: Date, random: () => string = () => randomBytes(4).toString('hex')): string {
  return `${kind}-${String(MAX_MS - at.getTime()).padStart(13, '0')}-${random()}`;
}

/** The kind a run id names, or undefined when it is not a run id of a known kind. */
export function kindOfRunId(runId: string): RunKind | undefined {
  if (!runIdSchema.safeParse(runId).success) return undefined;
  const parsed = runKindSchema.safeParse(runId.slice(0, runId.indexOf('-')));
  return parsed.success ? parsed.data : undefined;
}

/** The key prefix of every run of `kind` asked for at or before `at` (for retention: key order is newest first). */
export function runIdBound(kind: RunKind, at: Date): string {
  return `${kind}-${String(MAX_MS - at.getTime()).padStart(13, '0')}`;
}
