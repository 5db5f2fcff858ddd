/**
 * Long runs (connector-api.md "Long runs"; Azure's asynchronous request-reply pattern), built once
 * for every kind: template sync, user provisioning, contact sync (README.md here).
 *
 *   start(kind)  the POST / the timer: joins the kind's run if one is queued or running, else
 *                makes a run, wins the kind's slot (insert-if-absent or ETag in storage: two
 *                starts at once, on one instance or two, give ONE run), and queues a message.
 *   work(msg)    the queue-triggered worker: claims the run (ETag), runs the kind's worker with a
 *                RunContext, renews the run's lease on a timer while it runs, and ends it
 *                succeeded or failed. A message for a run whose lease is alive (a duplicate
 *                delivery) is dropped once the lease is seen renewed; a message that comes back
 *                for a run whose lease ran out unrenewed (its worker died) takes the run over from
 *                its checkpoint, up to maxAttempts workers per run.
 *   get / list   the run as stored. A run whose lease ran out more than staleAfterMs ago is marked
 *                failed on the way: by then the queue would have handed its message out again had
 *                it been going to (Azure's queue trigger: 10 minutes, README.md "Azure"), so the GET
 *                never races a take-over.
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
  /**
   * How long a worker's lease lasts; it renews it every quarter of this while it runs. A message
   * that comes back takes the run over once the lease ran out unrenewed. Default 2 min.
   */
  leaseMs?: number;
  /**
   * How long after its lease ran out a run nobody took over is marked failed (by a GET, a list or
   * the next start). At least the queue's visibility timeout (10 min in Azure), so that the
   * take-over always comes first. Default 10 min.
   */
  staleAfterMs?: number;
  /** The lease timer (default setInterval, unref'd); answers a stop function. Tests: a clock of their own. */
  every?: (tick: () => void, ms: number) => () => void;
  /** Waits (default a timer): a worker that finds a live lease waits to see whether it is renewed. */
  sleep?: (ms: number) => Promise<void>;
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
  private readonly leaseMs: number;
  private readonly flushMs: number;
  private readonly every: (tick: () => void, ms: number) => () => void;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly maxAttempts: number;
  private readonly retentionMs: number;
  private readonly log: (m: string) => void;

  constructor(private readonly d: RunServiceDeps) {
    this.now = d.now ?? (() => new Date());
    this.staleAfterMs = d.staleAfterMs ?? 10 * 60_000;
    this.leaseMs = d.leaseMs ?? 2 * 60_000;
    this.every = d.every ?? everyInterval;
    this.sleep = d.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
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
          if (!this.isAbandoned(current.value)) return { run: current.value, started: false };
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
      runs.slice(0, kind ? limit : limit * kinds.length).map(async (r) => (isActive(r) && this.isAbandoned(r) ? ((await this.get(r.runId)) ?? r) : r)),
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
    let stored = await this.d.store.read(m.kind, m.runId);
    if (!stored || !worker) return; // gone (retention) or a kind this version does not run
    if (!isActive(stored.value)) return; // finished: a duplicate delivery
    if (stored.value.state === 'running' && !this.leaseExpired(stored.value)) {
      // Held by a worker whose lease is alive: a duplicate delivery, or a worker that died just now.
      stored = await this.untilLeaseRunsOut(stored);
      if (!stored) return; // renewed (the holder is alive) or finished
    }
    const run = stored.value;
    const workerId = `${this.d.instanceId ?? 'local'}/${invocationId}`;
    if (run.attempt >= this.maxAttempts) {
      await this.d.store
        .replace(this.failed(run, `The run was started ${run.attempt} times and its worker stopped each time; start it again.`), stored.etag)
        .catch(ignoreChanged);
      return;
    }
    const at = this.now();
    const claimed: RunRecord = {
      ...run,
      ...(run.state === 'running' ? resumed(run) : {}),
      state: 'running',
      workerId,
      attempt: run.attempt + 1,
      heartbeatAt: at.toISOString(),
      leaseUntil: new Date(at.getTime() + this.leaseMs).toISOString(),
    };
    let etag: string;
    try {
      etag = await this.d.store.replace(claimed, stored.etag);
    } catch (e) {
      if (e instanceof RunChangedError) return; // another worker claimed it first, or a GET failed it
      throw e;
    }
    if (run.state === 'running') log(`Run ${run.runId}: worker ${run.workerId ?? '?'} went silent; ${workerId} takes over (attempt ${claimed.attempt}).`);
    const ctx = new StoredRunContext(claimed, etag, this.d.store, this.now, this.flushMs, this.leaseMs);
    const stopLease = this.every(() => void ctx.renew(), Math.max(1, Math.floor(this.leaseMs / 4)));
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
      stopLease();
      const done = await ctx.finish(outcome);
      log(`Run ${run.runId} ${done.state} in ${done.durationMs} ms.`);
    } catch (e) {
      if (e instanceof RunLostError) {
        log(e.message);
        return;
      }
      throw e;
    } finally {
      stopLease();
    }
    await this.removeExpired(m.kind);
  }

  /**
   * A live lease: waits until it runs out, re-reading the run as often as its holder renews it.
   * Renewed meanwhile (a new ETag, the run still active): its holder is alive, the message was a
   * duplicate (undefined). Ran out unrenewed: the run as it stands, to take over.
   */
  private async untilLeaseRunsOut(first: Stored<RunRecord>): Promise<Stored<RunRecord> | undefined> {
    const step = Math.max(1, Math.floor(this.leaseMs / 4));
    for (;;) {
      const left = leaseEnd(first.value, this.leaseMs) - this.now().getTime();
      await this.sleep(Math.max(1, Math.min(step, left + 1)));
      const now = await this.d.store.read(first.value.kind, first.value.runId);
      if (!now || !isActive(now.value)) return undefined;
      if (now.etag !== first.etag) return undefined;
      if (this.leaseExpired(now.value)) return now;
    }
  }

  private async removeExpired(kind: RunKind): Promise<void> {
    try {
      await this.d.store.removeOlderThan(kind, runIdBound(kind, new Date(this.now().getTime() - this.retentionMs)));
    } catch {
      // Retention is housekeeping: the next run tries again.
    }
  }

  /** The holder of a running run has not renewed its lease in time: a message that comes back may take it over. */
  private leaseExpired(run: RunRecord): boolean {
    return this.now().getTime() > leaseEnd(run, this.leaseMs);
  }

  /**
   * Nobody will take the run over: queued and no worker picked it up, or running and its lease ran
   * out longer ago than the queue needs to hand its message out again.
   */
  private isAbandoned(run: RunRecord): boolean {
    const since = run.state === 'queued' ? Date.parse(run.heartbeatAt) : leaseEnd(run, this.leaseMs);
    return this.now().getTime() - since > this.staleAfterMs;
  }

  private async settled(stored: Stored<RunRecord>): Promise<RunRecord> {
    if (!isActive(stored.value) || !this.isAbandoned(stored.value)) return stored.value;
    return (await this.failStale(stored)) ?? stored.value;
  }

  /** Marks a silent run failed (ETag-guarded: a worker that wrote meanwhile is alive and wins). */
  private async failStale(stored: Stored<RunRecord>): Promise<RunRecord | undefined> {
    const run = stored.value;
    const minutes = Math.round(this.staleAfterMs / 60_000);
    const why =
      run.state === 'queued'
        ? `No worker picked the run up within ${minutes} minute(s); start it again.`
        : `Its worker stopped responding (the instance was stopped or restarted) and no worker took it over within ${minutes} minute(s); start the run again.`;
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

/** When the holder's lease runs out (a run written before leases: its last write plus one lease). */
function leaseEnd(run: RunRecord, leaseMs: number): number {
  return run.leaseUntil ? Date.parse(run.leaseUntil) : Date.parse(run.heartbeatAt) + leaseMs;
}

/**
 * A take-over starts again from the checkpoint, so from the counts and errors saved with it: what
 * the dead worker did after its checkpoint is done, and counted, again (once). No checkpoint: from
 * the start, with nothing counted.
 */
function resumed(run: RunRecord): Pick<RunRecord, 'counts' | 'errors' | 'progress'> {
  const resume = run.resume ?? { counts: {}, errors: 0 };
  return {
    counts: { ...resume.counts },
    errors: run.errors.slice(0, resume.errors),
    progress: { done: 0, ...(run.progress.total !== undefined ? { total: run.progress.total } : {}) },
  };
}

function everyInterval(tick: () => void, ms: number): () => void {
  const timer = setInterval(tick, ms);
  timer.unref?.();
  return () => clearInterval(timer);
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
