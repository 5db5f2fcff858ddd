/** Template sync as the admin drives it (the routes), and what the emulators saw (request log, rows). */
import { createApp, type App, type AppOverrides } from '../../../functions/src/app/composition-root';
import type { RunMessage, RunQueue } from '../../../functions/src/services/runs/ports';
import type { World } from '../../../sandbox/world';
import { callApi, dataverseAsApp, userToken } from '../contracts/helpers';

export interface RunView {
  runId: string;
  kind: string;
  state: string;
  counts: Record<string, number>;
  errors: { item: string; message: string }[];
  progress: { done: number; total?: number };
  durationMs?: number;
}

/** POST /api/admin/templates/sync as the admin: the 202 and its Location. */
export async function startSync(world: World, body: Record<string, unknown> = {}) {
  const res = await callApi(world, 'POST', 'admin/templates/sync', { token: await userToken(world, 'admin'), body });
  return { status: res.status, location: res.headers.get('location'), body: res.body as { runId: string; kind: string; state: string } };
}

/** Follows a run (GET /api/admin/runs/{id}) until it has ended. */
export async function waitRun(world: World, runId: string, timeoutMs = 60_000): Promise<RunView> {
  const token = await userToken(world, 'admin');
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await callApi(world, 'GET', `admin/runs/${runId}`, { token });
    if (res.status !== 200) throw new Error(`GET run ${runId}: ${res.status} ${JSON.stringify(res.body)}`);
    if (res.body.state === 'succeeded' || res.body.state === 'failed') return res.body as RunView;
    if (Date.now() > deadline) throw new Error(`run ${runId} still ${res.body.state}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function syncAndWait(world: World, body: Record<string, unknown> = {}): Promise<RunView> {
  const started = await startSync(world, body);
  if (started.status !== 202) throw new Error(`sync did not start: ${started.status} ${JSON.stringify(started.body)}`);
  return waitRun(world, started.body.runId);
}

export interface RequestLogEntry {
  method: string;
  url: string;
  status: number;
}

export async function dataverseLog(world: World): Promise<RequestLogEntry[]> {
  const body = (await (await fetch(`${world.dataverse.url}/_sandbox/requests`)).json()) as RequestLogEntry[] | { value: RequestLogEntry[] };
  return Array.isArray(body) ? body : body.value;
}

export async function clearDataverseLog(world: World): Promise<void> {
  await fetch(`${world.dataverse.url}/_sandbox/requests`, { method: 'DELETE' });
}

/** Requests that can change a dtclm_template row: any non-GET on the set, and every $batch (sync writes only through those). */
export function templateWrites(log: RequestLogEntry[]): RequestLogEntry[] {
  return log.filter((e) => e.method !== 'GET' && (/dtclm_templates/i.test(e.url) || /\$batch/.test(e.url)));
}

export interface TemplateRowJson {
  dtclm_templateid: string;
  dtclm_name: string;
  dtclm_clmtemplateid: string;
  dtclm_clmversion: number;
  dtclm_fields: string;
  dtclm_mapping: string | null;
  dtclm_triggerentity: string | null;
  dtclm_mappingstate: number | null;
  dtclm_mappingerrors: string | null;
  statecode: number;
  statuscode: number;
  '@odata.etag': string;
}

export async function templateRows(world: World): Promise<TemplateRowJson[]> {
  const rows: TemplateRowJson[] = [];
  let next: string | undefined = 'dtclm_templates';
  while (next) {
    const page: { value: TemplateRowJson[]; '@odata.nextLink'?: string } = await dataverseAsApp(world, next);
    rows.push(...page.value);
    next = page['@odata.nextLink']?.slice(page['@odata.nextLink'].indexOf('dtclm_templates'));
  }
  return rows;
}

export async function rowOf(world: World, clmTemplateId: string): Promise<TemplateRowJson | undefined> {
  return (await templateRows(world)).find((r) => r.dtclm_clmtemplateid === clmTemplateId);
}

/** Another instance of the app in this process, sharing the world's Dataverse, CLM and storage. */
export function instance(world: World, overrides: AppOverrides = {}): App {
  return createApp(world.connectorConfig, overrides);
}

/** A queue that keeps the messages, so a test decides which instance's worker runs them. */
export class HeldQueue implements RunQueue {
  readonly messages: RunMessage[] = [];
  async send(message: RunMessage): Promise<void> {
    this.messages.push(message);
  }
}

export const MAPPING_STATE = { fits: 718900000, broken: 718900001, none: 718900002 } as const;
