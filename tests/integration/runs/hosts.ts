/**
 * What the killed-host tests share: the Function App settings of a host process on the world's
 * emulators (a 2 s lease, so the take-over test is short), following a run in the run store, and
 * killing the host that holds it once the run is far enough (a condition on the run as stored).
 */
import type { RunRecord } from '../../../functions/src/services/runs/ports';
import type { App } from '../../../functions/src/app/composition-root';
import type { HostProcess } from '../../../sandbox/functions-host/killable-host';
import { connectorSettings, type World } from '../../../sandbox/world';

export function hostSettings(world: World, more: Record<string, string> = {}): Record<string, string> {
  const scim = world.connectorConfig.scim;
  return {
    ...connectorSettings(world.identity, world.dataverse, world.storage),
    ...(scim ? { SCIM_URL: scim.url, ...(scim.token ? { SCIM_TOKEN: scim.token } : {}) } : {}),
    RUN_LEASE_SECONDS: '2',
    ...more,
  };
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Reads the run until `until` holds (or it ended); at most `rounds` reads 50 ms apart. */
export async function followRun(app: App, runId: string, until: (run: RunRecord) => boolean, rounds = 1200): Promise<RunRecord> {
  let run = await app.runs.get(runId);
  for (let i = 0; i < rounds && !(run && (until(run) || (run.state !== 'queued' && run.state !== 'running'))); i++) {
    await pause(50);
    run = await app.runs.get(runId);
  }
  if (!run) throw new Error(`run ${runId} is gone`);
  return run;
}

export const ended = (run: RunRecord) => run.state === 'succeeded' || run.state === 'failed';

/** Kills (SIGKILL) the host holding the run; answers it and the other one. */
export async function killHolder(hosts: HostProcess[], held: RunRecord): Promise<{ victim: HostProcess; survivor: HostProcess }> {
  const victim = hosts.find((h) => held.workerId?.startsWith(`${h.name}/`));
  if (!victim) throw new Error(`no host holds ${held.runId} (${held.workerId})`);
  const signal = await victim.kill();
  if (signal !== 'SIGKILL') throw new Error(`host ${victim.name} ended by ${signal}, not SIGKILL`);
  return { victim, survivor: hosts.find((h) => h !== victim)! };
}
