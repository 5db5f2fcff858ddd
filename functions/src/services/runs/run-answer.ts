/** A stored run as `GET /api/admin/runs/{runId}` answers it (connector-api.md "Long runs"). */
import type { RunAnswer } from '../../../../api/runs';
import type { RunRecord } from './ports';

export function runAnswer(run: RunRecord): RunAnswer {
  return {
    runId: run.runId,
    kind: run.kind,
    state: run.state,
    startedAt: run.startedAt,
    ...(run.finishedAt ? { finishedAt: run.finishedAt } : {}),
    progress: { ...run.progress },
    counts: { ...run.counts },
    errors: run.errors.map((e) => ({ ...e })),
    ...(run.durationMs !== undefined ? { durationMs: run.durationMs } : {}),
  };
}
