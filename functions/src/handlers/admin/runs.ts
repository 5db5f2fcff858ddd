/**
 * Long runs over HTTP and the queue (connector-api.md "Long runs"): `GET /api/admin/runs/{runId}`,
 * `GET /api/admin/runs?kind=&limit=`, the `202 Accepted` + `Location` answer of a POST that starts
 * a run, and the queue-triggered worker that runs every kind (services/runs/README.md).
 */
import { routePath } from '../../../../api/routes';
import { zodProblems } from '../../../../api/zod-problems';
import type { HttpRequest, InvocationContext } from '@azure/functions';
import { listRunsQuerySchema, runIdSchema, type RunKind, type RunListAnswer, type RunStartedAnswer } from '../../../../api/runs';
import { ROUTE_ROLES } from '../../domain/roles';
import type { AppProvider, AppServices } from '../../services/app-services';
import { BadRequestError, NotFoundError } from '../../services/errors';
import type { RunRecord } from '../../services/runs/ports';
import { runAnswer } from '../../services/runs/run-answer';
import { endpoint, type Reply } from '../http/endpoint';
import { safeLog } from '../http/safe-log';

export const getRunHandler = (app: AppProvider) =>
  endpoint(app, {
    role: ROUTE_ROLES.admin,
    params: { runId: runIdSchema },
    handle: async ({ params }) => {
      const run = await app().runs.get(params.runId);
      if (!run) throw new NotFoundError(`There is no run ${params.runId} (runs are kept 30 days).`);
      return { status: 200, body: runAnswer(run) };
    },
  });

export const listRunsHandler = (app: AppProvider) =>
  endpoint(app, {
    role: ROUTE_ROLES.admin,
    handle: async ({ request }) => {
      const query = Object.fromEntries(request.query.entries());
      const parsed = listRunsQuerySchema.safeParse(query);
      if (!parsed.success) {
        throw new BadRequestError('The query of the request is not valid.', zodProblems(parsed.error, { root: '(query)', input: query }));
      }
      const runs = await app().runs.list(parsed.data.kind, parsed.data.limit);
      const body: RunListAnswer = { runs: runs.map(runAnswer) };
      return { status: 200, body };
    },
  });

/** The 202 of a POST that started (or joined) a run: the run's id and state, and where to follow it. */
function acceptedRun(run: RunRecord, request: HttpRequest): Reply<RunStartedAnswer> {
  const location = new URL(`/api/${routePath('getRun', { runId: run.runId })}`, request.url).toString();
  return { status: 202, body: { runId: run.runId, kind: run.kind, state: run.state }, headers: { Location: location, 'Retry-After': '2' } };
}

/** Starts a run of `kind` (or joins the one under way) and answers 202: what every "start a long run" route does. */
export async function startRun(services: AppServices, kind: RunKind, input: Record<string, unknown>, request: HttpRequest): Promise<Reply<RunStartedAnswer>> {
  const { run } = await services.runs.start(kind, input, 'api');
  return acceptedRun(run, request);
}

/** The queue function of every long run (queue `connector-runs`). */
export const runWorkerJob =
  (app: AppProvider) =>
  async (message: unknown, context: InvocationContext): Promise<void> => {
    const services = app();
    const log = safeLog(context, services.redactor);
    await services.runs.work(message, context.invocationId, (m) => log.info(m));
  };
