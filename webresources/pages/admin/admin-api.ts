/**
 * The admin routes the settings page calls (connector-api.md, role Admin), each answer checked with
 * the shared schemas of api/. The mapping routes are the editor's (mapping/).
 */
import { ROUTES, routePath } from '../../../api/routes';
import {
  healthAnswerSchema,
  registerWebhookAnswerSchema,
  replayStatusEventsAnswerSchema,
  type HealthAnswer,
  type RegisterWebhookAnswer,
} from '../../../api/admin';
import { runAnswerSchema, runListAnswerSchema, runStartedAnswerSchema, type RunAnswer, type RunKind, type RunStartedAnswer } from '../../../api/runs';
import { ConnectorError, type ConnectorClient } from '../../lib/connector';

/** The health checks probe every part (Dataverse, the CLM, SCIM): slower than an ordinary read. */
const HEALTH_POLICY = { timeoutMs: 60_000, retries: 1 };
/** Starting a run twice is harmless (the connector joins the run under way), so one retry is safe. */
const START_POLICY = { timeoutMs: 30_000, retries: 1 };
/** A new secret each time: never repeated behind the admin's back. */
const WEBHOOK_POLICY = { timeoutMs: 60_000, retries: 0 };

const START_PATHS: Record<RunKind, string> = {
  templates: routePath('syncTemplates'),
  users: routePath('syncUsers'),
  contacts: routePath('syncContacts'),
};

export function loadHealth(client: ConnectorClient): Promise<HealthAnswer> {
  return client.call(ROUTES.health.method, routePath('health'), healthAnswerSchema, undefined, HEALTH_POLICY);
}

/** Starts a long run of `kind` (or joins the one under way): `{ full }` for templates, `{}` for the others. */
export function startRun(client: ConnectorClient, kind: RunKind, body: Record<string, unknown>): Promise<RunStartedAnswer> {
  return client.call('POST', START_PATHS[kind], runStartedAnswerSchema, body, START_POLICY);
}

export function loadRun(client: ConnectorClient, runId: string): Promise<RunAnswer> {
  return client.call(ROUTES.getRun.method, routePath('getRun', { runId }), runAnswerSchema);
}

export async function loadRuns(client: ConnectorClient, kind: RunKind, limit: number): Promise<RunAnswer[]> {
  const query = new URLSearchParams({ kind, limit: String(limit) });
  return (await client.call(ROUTES.listRuns.method, `${routePath('listRuns')}?${query.toString()}`, runListAnswerSchema)).runs;
}

export function registerWebhook(client: ConnectorClient, revokePrevious: boolean): Promise<RegisterWebhookAnswer> {
  return client.call(ROUTES.registerWebhook.method, routePath('registerWebhook'), registerWebhookAnswerSchema, { revokePrevious }, WEBHOOK_POLICY);
}

/** Queues the status events set aside after 5 failures again; answers how many. Moving them twice is harmless, but not asked twice. */
export async function replayStatusEvents(client: ConnectorClient): Promise<number> {
  return (await client.call(ROUTES.replayStatusEvents.method, routePath('replayStatusEvents'), replayStatusEventsAnswerSchema, undefined, WEBHOOK_POLICY))
    .replayed;
}

/** Whether the connector takes the signed-in user as an admin (directly or through a team): the cheapest admin route. */
export async function hasAdminAccess(client: ConnectorClient): Promise<boolean> {
  try {
    await client.call(ROUTES.listRuns.method, `${routePath('listRuns')}?limit=1`, runListAnswerSchema);
    return true;
  } catch (e) {
    if (e instanceof ConnectorError && e.status === 403) return false;
    throw e;
  }
}
