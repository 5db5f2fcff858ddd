/**
 * The `takeover` figure of the long-run benchmarks (issue 23): two Function App instances in
 * processes of their own (sandbox/functions-host/killable-host.ts) poll the runs queue of an
 * in-process world; a run is started, the host that holds it is killed with SIGKILL once it has
 * made progress, and the figure is the seconds from the kill to the run going on under the other
 * host (its `workerId` and `attempt` changed in the run store), then to its end.
 *
 * The dev host keeps the runtime's rules (a message extended while its handler runs, visible again
 * when a dead host stops extending it): with Azure's 10-minute visibility the take-over comes 5 to
 * 10 minutes after the kill. The benchmark sets the visibility and the lease short (both printed)
 * so that it runs in seconds; the figure is then about visibility + lease at most.
 */
import { performance } from 'node:perf_hooks';
import type { RunKind } from '../../api/runs';
import { TableRunStore } from '../../functions/src/adapters/storage/table-run-store';
import { startHost } from '../../sandbox/functions-host/killable-host';

const TAKEOVER_VISIBILITY_S = 6;
const TAKEOVER_LEASE_S = 2;

export interface TakeoverFigures {
  takeoverS: number;
  takeoverRunEndS: number;
  takeoverVisibilityS: number;
  takeoverLeaseS: number;
  takeoverCounts: Record<string, number>;
}

/**
 * `settings`: the Function App's (connectorSettings); no other host may poll the runs queue meanwhile.
 * `start` starts the run (through the product's own path) and answers its id.
 */
export async function measureTakeover(
  settings: Record<string, string>,
  kind: RunKind,
  start: () => Promise<string>,
  minProgress: number,
): Promise<TakeoverFigures> {
  const env = { ...settings, RUN_LEASE_SECONDS: String(TAKEOVER_LEASE_S) };
  const hosts = [await startHost('bench-a', env, TAKEOVER_VISIBILITY_S), await startHost('bench-b', env, TAKEOVER_VISIBILITY_S)];
  const store = new TableRunStore(settings.AzureWebJobsStorage);
  try {
    const runId = await start();
    const read = async () => (await store.read(kind, runId))?.value;
    let held = await read();
    while (!(held?.state === 'running' && held.progress.done >= minProgress)) {
      if (held && held.state !== 'queued' && held.state !== 'running') throw new Error(`the run ended (${held.state}) before it could be killed`);
      await new Promise((r) => setTimeout(r, 20));
      held = await read();
    }
    const victim = hosts.find((h) => held!.workerId!.startsWith(`${h.name}/`))!;
    await victim.kill();
    const killed = performance.now();
    let now = await read();
    while (now?.attempt === held.attempt && now.state === 'running') {
      await new Promise((r) => setTimeout(r, 20));
      now = await read();
    }
    const goesOn = performance.now();
    while (now?.state === 'running' || now?.state === 'queued') {
      await new Promise((r) => setTimeout(r, 50));
      now = await read();
    }
    if (now?.state !== 'succeeded') throw new Error(`the taken-over run ended ${now?.state}: ${JSON.stringify(now?.errors)}`);
    const round = (ms: number) => Math.round(ms / 10) / 100;
    return {
      takeoverS: round(goesOn - killed),
      takeoverRunEndS: round(performance.now() - killed),
      takeoverVisibilityS: TAKEOVER_VISIBILITY_S,
      takeoverLeaseS: TAKEOVER_LEASE_S,
      takeoverCounts: now.counts,
    };
  } finally {
    for (const h of hosts) await h.kill();
  }
}

export interface OneHostFigures {
  oneHostRunS: number;
  oneHostState: string;
  oneHostAttempts: number;
  oneHostCounts: Record<string, number>;
  oneHostErrors: number;
}

/**
 * A run on one host process of its own (the dev host, the runtime's queue rules, the default lease),
 * from its start to its end, nobody killed: whether it survives on one host (issue 23, finding 2:
 * a contact sync's own parallel progress writes used to kill it), and how long it takes.
 */
export async function measureOneHostRun(settings: Record<string, string>, kind: RunKind, start: () => Promise<string>): Promise<OneHostFigures> {
  const host = await startHost('bench-one', settings, 600);
  const store = new TableRunStore(settings.AzureWebJobsStorage);
  try {
    const t0 = performance.now();
    const runId = await start();
    let run = (await store.read(kind, runId))?.value;
    while (run?.state === 'queued' || run?.state === 'running') {
      await new Promise((r) => setTimeout(r, 100));
      run = (await store.read(kind, runId))?.value;
    }
    return {
      oneHostRunS: Math.round((performance.now() - t0) / 10) / 100,
      oneHostState: run?.state ?? 'gone',
      oneHostAttempts: run?.attempt ?? 0,
      oneHostCounts: run?.counts ?? {},
      oneHostErrors: run?.errors.length ?? 0,
    };
  } finally {
    await host.kill();
  }
}
