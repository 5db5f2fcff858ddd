/**
 * Long runs (connector-api.md "Long runs"; Azure's asynchronous request-reply pattern), built once
 * for every kind: template sync now, user provisioning and contact sync next (README.md here).
 *
 *   start(kind)  the POST / the timer: joins the kind's run if one is queued or running, else
 *                makes a run, wins the kind's slot (insert-if-absent or ETag in storage: two
 *                starts at once, on one instance or two, give ONE run), and queues a message.
 *   work(msg)    the queue-triggered worker: claims the run (ETag), runs the kind's worker with a
 *                RunContext, and ends it succeeded or failed. A message for a run that is already
 *                running (a duplicate delivery) is dropped; for a run whose worker went silent
 *                (stale) it takes over, up to maxAttempts workers per run.
 *   get / list   the run as stored; a queued or running run that has been silent longer than
 *                staleAfterMs is marked failed on the way (its worker died and no message is left
 *                to take it over), so no run stays "running" for ever.
 *
 * Runs are kept retentionDays (30): each finished run deletes the older ones of its kind.
 */
import type { RunKind } from '../../../../api/runs';
import { runKindSchema } from '../../../../api/runs';
import { UnavailableError } from '../errors';
import { RunChangedError, type RunMessage, type RunQueue, type RunRecord, type RunStore, type Stored } from './ports';
import { RunLostError, StoredRunContext, type RunContext } from './run-context';
import { kindOfRunId, newRunId, runIdBound } from './run-id';

/** A use case that runs long: throws to fail the run (a ConnectorError's message is shown to the admin). */
export type RunWorker = (ctx: RunContext) => Promise<void>;

export interface RunServiceDeps {
  store: RunStore;
  queue: RunQueue;
  workers: Partial<Record<RunKind, RunWorker>>;
  /** Names this process in `workerId` (e.g. the Functions instance id). */
  instanceId?: string;
  now?: () => Date;
  /** A run whose worker has written nothing for this long is stale. Default 10 min. */
  staleAfterMs?: number;
  /** Progress is written at most this often. Default 2 s. */
  flushMs?: number;
  /** Workers per run (the first and its take-overs). Default 3. */
  maxAttempts?: number;
  /** Default 30 days. */
  retentionDays?: number;
  log?: (message: string) => void;
}

export interface StartResult {
  run: RunRecord;
  /** false: a run of this kind was already queued or running, and is answered instead. */
  started: boolean;
}

const START_ROUNDS = 5;

export class RunService {
  private readonly now: () => Date;
  private readonly staleAfterMs: number;
  private readonly flushMs: number;
  private readonly maxAttempts: number;
  private readonly retentionMs: number;
  private readonly log: (m: string) => void;

  constructor(private readonly d: RunServiceDeps) {
    this.now = d.now ?? (() => new Date());
    this.staleAfterMs = d.staleAfterMs ?? 10 * 60_000;
    this.flushMs = d.flushMs ?? 2_000;
    this.maxAttempts = d.maxAttempts ?? 3;
    this.retentionMs = (d.retentionDays ?? 30) * 24 * 3600_000;
    this.log = d.log ?? (() => undefined);
  }

  /** The kinds that have a worker in this app. */
  kinds(): RunKind[] {
    return runKindSchema.options.filter((k) => this.d.workers[k]);
  }

  async start(kind: RunKind, input: Record<string, unknown>, trigger: RunRecord['trigger']): Promise<StartResult> {
    if (!this.d.workers[kind]) throw new Error(`No worker is registered for runs of kind "${kind}".`);
    for (let round = 0; round < START_ROUNDS; round++) {
      const slot = await this.d.store.readSlot(kind);
      if (slot) {
        const current = await this.d.store.read(kind, slot.runId);
        if (current && isActive(current.value)) {
          if (!this.isStale(current.value)) return { run: current.value, started: false };
          // A worker that wrote meanwhile is alive after all: join its run.
          const after = await this.failStale(current);
          if (after && isActive(after)) return { run: after, started: false };
        }
      }
      const at = this.now();
      const run: RunRecord = {
        runId: newRunId(kind, at),
        kind,
        state: 'queued',
        startedAt: at.toISOString(),
        heartbeatAt: at.toISOString(),
        progress: { done: 0 },
        counts: {},
        errors: [],
        input,
        trigger,
        attempt: 0,
      };
      const etag = await this.d.store.create(run);
      if (!(await this.d.store.claimSlot(kind, run.runId, slot?.etag))) {
        // Another start won the slot meanwhile: drop ours and join theirs (next round).
        await this.d.store.remove(kind, run.runId);
        continue;
      }
      try {
        await this.d.queue.send({ v: 1, kind, runId: run.runId });
      } catch (e) {
        await this.d.store.replace(this.failed(run, 'The run could not be queued; try again.'), etag).catch(() => undefined);
        throw e instanceof UnavailableError ? e : new UnavailableError('The connector’s storage account is unavailable; please try again later.', 5, 'storage');
      }
      this.log(`Run ${run.runId} queued (${trigger}).`);
      return { run, started: true };
    }
    throw new UnavailableError('Runs of this kind are being started by several callers at once; try again in a moment.', 2, 'storage');
  }

  /** The run, or undefined when the id is unknown (or older than the retention). */
  async get(runId: string): Promise<RunRecord | undefined> {
    const kind = kindOfRunId(runId);
    if (!kind) return undefined;
    const stored = await this.d.store.read(kind, runId);
    if (!stored) return undefined;
    return this.settled(stored);
  }

  /** The last runs of `kind` (or of every kind with a worker), newest first. */
  async list(kind?: RunKind, limit = 20): Promise<RunRecord[]> {
    const kinds = kind ? [kind] : this.kinds();
    const lists = await Promise.all(kinds.map((k) => this.d.store.list(k, limit)));
    const runs = lists.flat().sort((a, b) => (a.startedAt < b.startedAt ? 1 : a.startedAt > b.startedAt ? -1 : 0));
    return Promise.all(
      runs.slice(0, kind ? limit : limit * kinds.length).map(async (r) => (isActive(r) && this.isStale(r) ? ((await this.get(r.runId)) ?? r) : r)),
    );
  }

  /** The newest succeeded run of `kind` that passes `where` (a worker's watermark, e.g. the last full sync). */
  async lastSucceeded(kind: RunKind, where: (r: RunRecord) => boolean = () => true, scan = 200): Promise<RunRecord | undefined> {
    return (await this.d.store.list(kind, scan)).find((r) => r.state === 'succeeded' && where(r));
  }

  /** The queue-triggered worker. Never throws for a run's own failure (the run says it); throws only when storage fails. */
  async work(message: unknown, invocationId: string, log: (m: string) => void = this.log): Promise<void> {
    const m = parseMessage(message);
    if (!m) {
      log('A run message that is not one was dropped.');
      return;
    }
    const worker = this.d.workers[m.kind];
    const stored = await this.d.store.read(m.kind, m.runId);
    if (!stored || !worker) return; // gone (retention) or a kind this version does not run
    const run = stored.value;
    if (!isActive(run)) return; // finished: a duplicate delivery
    if (run.state === 'running' && !this.isStale(run)) return; // another worker has it and is alive
    const workerId = `${this.d.instanceId ?? 'local'}/${invocationId}`;
    if (run.attempt >= this.maxAttempts) {
      await this.d.store
        .replace(this.failed(run, `The run was started ${run.attempt} times and its worker stopped each time; start it again.`), stored.etag)
        .catch(ignoreChanged);
      return;
    }
    const at = this.now().toISOString();
    const claimed: RunRecord = { ...run, state: 'running', workerId, attempt: run.attempt + 1, heartbeatAt: at };
    let etag: string;
    try {
      etag = await this.d.store.replace(claimed, stored.etag);
    } catch (e) {
      if (e instanceof RunChangedError) return; // another worker claimed it first
      throw e;
    }
    if (run.state === 'running') log(`Run ${run.runId}: worker ${run.workerId ?? '?'} went silent; ${workerId} takes over (attempt ${claimed.attempt}).`);
    const ctx = new StoredRunContext(claimed, etag, this.d.store, this.now, this.flushMs);
    try {
      let outcome: { ok: true } | { ok: false; error: unknown };
      try {
        await worker(ctx);
        outcome = { ok: true };
      } catch (e) {
        if (e instanceof RunLostError) throw e;
        log(`Run ${run.runId} failed: ${e instanceof Error ? e.message : String(e)}`);
        outcome = { ok: false, error: e };
      }
      const done = await ctx.finish(outcome);
      log(`Run ${run.runId} ${done.state} in ${done.durationMs} ms.`);
    } catch (e) {
      if (e instanceof RunLostError) {
        log(e.message);
        return;
      }
      throw e;
    }
    await this.removeExpired(m.kind);
  }

  private async removeExpired(kind: RunKind): Promise<void> {
    try {
      await this.d.store.removeOlderThan(kind, runIdBound(kind, new Date(this.now().getTime() - this.retentionMs)));
    } catch {
      // Retention is housekeeping: the next run tries again.
    }
  }

  private isStale(run: RunRecord): boolean {
    return this.now().getTime() - Date.parse(run.heartbeatAt) > this.staleAfterMs;
  }

  private async settled(stored: Stored<RunRecord>): Promise<RunRecord> {
    if (!isActive(stored.value) || !this.isStale(stored.value)) return stored.value;
    return (await this.failStale(stored)) ?? stored.value;
  }

  /** Marks a silent run failed (ETag-guarded: a worker that wrote meanwhile is alive and wins). */
  private async failStale(stored: Stored<RunRecord>): Promise<RunRecord | undefined> {
    const run = stored.value;
    const minutes = Math.round(this.staleAfterMs / 60_000);
    const why =
      run.state === 'queued'
        ? `No worker picked the run up within ${minutes} minute(s); start it again.`
        : `Its worker stopped responding for ${minutes} minute(s) (the instance was stopped or restarted); start the run again.`;
    const failed = this.failed(run, why);
    try {
      await this.d.store.replace(failed, stored.etag);
      this.log(`Run ${run.runId} marked failed: ${why}`);
      return failed;
    } catch (e) {
      if (e instanceof RunChangedError) {
        const now = await this.d.store.read(run.kind, run.runId);
        return now?.value;
      }
      throw e;
    }
  }

  private failed(run: RunRecord, message: string): RunRecord {
    const at = this.now();
    return {
      ...run,
      state: 'failed',
      finishedAt: at.toISOString(),
      durationMs: at.getTime() - Date.parse(run.startedAt),
      heartbeatAt: at.toISOString(),
      errors: [...run.errors, { item: '(run)', message }],
    };
  }
}

function isActive(run: RunRecord): boolean {
  return run.state === 'queued' || run.state === 'running';
}

function ignoreChanged(e: unknown): void {
  if (!(e instanceof RunChangedError)) throw e;
}

/** The runtime hands a JSON message over parsed; base64 or raw JSON text is accepted too. */
function parseMessage(value: unknown): RunMessage | undefined {
  let v = value;
  if (typeof v === 'string') {
    try {
      v = JSON.parse(v.trim().startsWith('{') ? v : Buffer.from(v, 'base64').toString('utf8'));
    } catch {
      return undefined;
    }
  }
  const m = v as Partial<RunMessage> | null;
  if (!m || typeof m !== 'object' || m.v !== 1 || typeof m.runId !== 'string') return undefined;
  const kind = kindOfRunId(m.runId);
  return kind && kind === m.kind ? { v: 1, kind, runId: m.runId } : undefined;
}
