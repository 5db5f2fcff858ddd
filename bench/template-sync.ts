/**
 * Template-sync benchmark (issue 11): the whole world in-process, 10,000 templates in the CLM
 * sandbox (`POST /_sandbox/templates/generate`), synced by the product's own path: the admin's
 * `POST /api/admin/templates/sync` (202), the queue worker in the functions host, rows written to
 * the Dataverse emulator.
 *
 *   firstSyncS / firstSyncDataverseRequests   the full sync that creates the 10,000 rows
 *   resyncS / resyncDataverseRequests / resyncWrites
 *                                              a full re-sync with nothing changed (reads all
 *                                              10,000 CLM templates, compares versions)
 *   incrementalResync*                         the same as an incremental sync (the daily timer's)
 *   takeover*                                  a full sync whose host is killed (SIGKILL) once it
 *                                              has read 2,000 templates: seconds from the kill to
 *                                              the run going on under another host (bench/lib/takeover.ts)
 *
 * Dataverse requests are counted from the emulator's request log, from the 202 to the run's end
 * (a `$batch` is one request; writes are the non-GET requests on dtclm_templates and $batch). The
 * run is followed in the run store itself, so following it costs Dataverse nothing.
 *   `npm run bench -- template-sync`
 */
import { performance } from 'node:perf_hooks';
import { TableRunStore } from '../functions/src/adapters/storage/table-run-store';
import { demoUserToken } from '../sandbox/identity';
import { connectorSettings, startWorld, type World } from '../sandbox/world';
import { measureTakeover } from './lib/takeover';

const TEMPLATES = 10_000;

interface LogEntry {
  method: string;
  url: string;
}

async function dataverseLog(world: World): Promise<LogEntry[]> {
  return (await (await fetch(`${world.dataverse.url}/_sandbox/requests`)).json()) as LogEntry[];
}

async function sync(world: World, token: string, store: TableRunStore, full: boolean) {
  const started = performance.now();
  const res = await fetch(`${world.functions.url}/admin/templates/sync`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(full ? { full: true } : {}),
  });
  const body = (await res.json()) as { runId: string };
  if (res.status !== 202) throw new Error(`sync answered ${res.status}: ${JSON.stringify(body)}`);
  await fetch(`${world.dataverse.url}/_sandbox/requests`, { method: 'DELETE' });
  for (;;) {
    const run = (await store.read('templates', body.runId))?.value;
    if (run?.state === 'failed') throw new Error(`sync failed: ${JSON.stringify(run.errors)}`);
    if (run?.state === 'succeeded') {
      const seconds = (performance.now() - started) / 1000;
      const log = await dataverseLog(world);
      const writes = log.filter((e) => e.method !== 'GET' && (/dtclm_templates/i.test(e.url) || /\$batch/.test(e.url))).length;
      return { seconds: Math.round(seconds * 100) / 100, requests: log.length, writes, counts: run.counts };
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function run(): Promise<Record<string, unknown>> {
  const world = await startWorld({ functionsLogHandler: () => undefined });
  try {
    const gen = await fetch(`${world.clm!.apiBase}/_sandbox/templates/generate`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ count: TEMPLATES }),
    });
    if (gen.status !== 201) throw new Error(`generate answered ${gen.status}`);
    const token = await demoUserToken(world.identity.tokenEndpoint, 'admin');
    const store = new TableRunStore(world.ready.storage);
    const first = await sync(world, token, store, true);
    if (first.counts.created !== TEMPLATES) throw new Error(`the first sync created ${first.counts.created}, not ${TEMPLATES}`);
    const resync = await sync(world, token, store, true);
    const incremental = await sync(world, token, store, false);
    await world.functions.stopQueuePolling();
    const takeover = await measureTakeover(
      connectorSettings(world.identity, world.dataverse, world.storage),
      'templates',
      async () => {
        const res = await fetch(`${world.functions.url}/admin/templates/sync`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
          body: JSON.stringify({ full: true }),
        });
        return ((await res.json()) as { runId: string }).runId;
      },
      2000,
    );
    return {
      templates: TEMPLATES,
      firstSyncS: first.seconds,
      firstSyncDataverseRequests: first.requests,
      resyncS: resync.seconds,
      resyncDataverseRequests: resync.requests,
      resyncWrites: resync.writes,
      incrementalResyncS: incremental.seconds,
      incrementalResyncDataverseRequests: incremental.requests,
      incrementalResyncWrites: incremental.writes,
      ...takeover,
    };
  } finally {
    await world.close();
  }
}
