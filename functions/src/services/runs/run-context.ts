/**
 * What a worker is handed while it runs: its run's input, progress, counts and errors, and a
 * checkpoint. Every write to the run is conditional on the ETag this worker last saw, so a worker
 * whose run was taken over (or marked failed) by someone else finds out at its next write
 * (RunLostError) and stops without touching anything: a "zombie" never overwrites its successor.
 *
 * Writes are serialized: a worker may report from many parallel tasks (contact sync runs 8 at
 * once), but at most one write of the run is in flight, and what is reported meanwhile rides with
 * the next one. Two writes of one worker never carry the same ETag, so it never 412s itself.
 * `progress()` writes at most every `flushMs`; `count()` and `error()` ride along with the next
 * write. Every write renews the worker's lease (`leaseUntil`); the service also renews it on a
 * timer (`renew()`), so a long step with no progress does not look like a dead worker.
 */
import type { RunKind } from '../../../../api/runs';
import { ConnectorError } from '../errors';
import { RunChangedError, type RunRecord, type RunStore } from './ports';

/** The run is no longer this worker's: another took it over, or it was marked failed as stale. */
export class RunLostError extends Error {
  constructor(runId: string) {
    super(`Run ${runId} was taken over or ended by someone else; this worker stops.`);
    this.name = 'RunLostError';
  }
}

const MAX_RUN_ERRORS = 100;
const MAX_ERROR_CHARS = 500;

export interface RunContext {
  readonly runId: string;
  readonly kind: RunKind;
  /** What the POST or timer asked for (e.g. `{ full: true }`). */
  readonly input: Record<string, unknown>;
  /** 1 for the first worker; more when this worker took over from one that stopped. */
  readonly attempt: number;
  /** The last checkpoint saved by an earlier worker of this run (undefined on the first attempt). */
  readonly checkpoint: unknown;
  /** When the run was asked for. */
  readonly startedAt: string;
  /** `done` of `total` items; written at most every flushMs (with the counts and errors). */
  progress(done: number, total?: number): Promise<void>;
  /** Adds `by` (default 1) to a count; `count(name, 0)` makes a count show from the start. */
  count(name: string, by?: number): void;
  /** A count as it stands. */
  countOf(name: string): number;
  /** One item that could not be handled, in words an admin can act on (at most 100 are kept). */
  error(item: string, message: string): void;
  /** Saves the resume state now (and the progress with it). */
  save(checkpoint: unknown): Promise<void>;
  /** A write with nothing new: tells the others this worker is alive during a long step. */
  heartbeat(): Promise<void>;
}

export class StoredRunContext implements RunContext {
  private lastWrite: number;
  private dirty = false;
  /** The write in flight, and the one that waits for it (carrying everything reported meanwhile). */
  private sending?: Promise<void>;
  private waiting?: Promise<void>;
  private lost = false;

  constructor(
    private run: RunRecord,
    private etag: string,
    private readonly store: RunStore,
    private readonly now: () => Date,
    private readonly flushMs: number,
    private readonly leaseMs: number,
  ) {
    this.lastWrite = now().getTime();
  }

  get runId() {
    return this.run.runId;
  }
  get kind() {
    return this.run.kind;
  }
  get input() {
    return this.run.input;
  }
  get attempt() {
    return this.run.attempt;
  }
  get checkpoint() {
    return this.run.checkpoint;
  }
  get startedAt() {
    return this.run.startedAt;
  }

  async progress(done: number, total?: number): Promise<void> {
    if (this.lost) throw new RunLostError(this.run.runId);
    this.run.progress = { done, ...(total !== undefined ? { total } : {}) };
    this.dirty = true;
    // A write already in flight: this progress rides with the next one; no need to queue another.
    if (this.sending) return;
    if (this.now().getTime() - this.lastWrite >= this.flushMs) await this.write();
  }

  count(name: string, by = 1): void {
    this.run.counts[name] = (this.run.counts[name] ?? 0) + by;
    this.dirty = true;
  }

  countOf(name: string): number {
    return this.run.counts[name] ?? 0;
  }

  error(item: string, message: string): void {
    if (this.run.errors.length >= MAX_RUN_ERRORS) {
      this.count('errorsNotListed');
      return;
    }
    this.run.errors.push({ item: item.slice(0, 200), message: message.slice(0, MAX_ERROR_CHARS) });
    this.dirty = true;
  }

  async save(checkpoint: unknown): Promise<void> {
    this.run.checkpoint = checkpoint;
    this.run.resume = { counts: { ...this.run.counts }, errors: this.run.errors.length };
    await this.write();
  }

  async heartbeat(): Promise<void> {
    await this.write();
  }

  /**
   * The lease timer's write: renews the lease unless a write is in flight (which renews it too).
   * Never throws: a storage hiccup is tried again at the next tick, and a lost run is seen by the
   * worker at its next write.
   */
  async renew(): Promise<void> {
    if (this.lost || this.sending) return;
    await this.write().catch(() => undefined);
  }

  /** Ends the run: succeeded, or failed with the error that stopped it. */
  async finish(outcome: { ok: true } | { ok: false; error: unknown }): Promise<RunRecord> {
    await this.settle();
    const at = this.now();
    this.run.state = outcome.ok ? 'succeeded' : 'failed';
    this.run.finishedAt = at.toISOString();
    this.run.durationMs = at.getTime() - Date.parse(this.run.startedAt);
    if (!outcome.ok) this.error('(run)', failureMessage(outcome.error));
    await this.write();
    return this.run;
  }

  /** Unwritten counts or errors: flushed by the service when the worker returns. */
  get pending(): boolean {
    return this.dirty;
  }

  /** Waits for the writes in flight (their failures are the worker's to see, not the finish's). */
  private async settle(): Promise<void> {
    while (this.sending || this.waiting) await (this.waiting ?? this.sending)!.catch(() => undefined);
    if (this.lost) throw new RunLostError(this.run.runId);
  }

  /** One write at a time; a write asked for while one is in flight waits for it and sends the latest state. */
  private write(): Promise<void> {
    if (this.lost) return Promise.reject(new RunLostError(this.run.runId));
    if (this.waiting) return this.waiting;
    if (!this.sending) {
      this.sending = this.send().finally(() => (this.sending = undefined));
      return this.sending;
    }
    this.waiting = this.sending
      .catch(() => undefined)
      .then(() => {
        this.waiting = undefined;
        return this.write();
      });
    return this.waiting;
  }

  private async send(): Promise<void> {
    const at = this.now();
    // A copy: the worker's parallel tasks go on counting while this one is on the wire.
    const snapshot: RunRecord = {
      ...this.run,
      heartbeatAt: at.toISOString(),
      leaseUntil: new Date(at.getTime() + this.leaseMs).toISOString(),
      progress: { ...this.run.progress },
      counts: { ...this.run.counts },
      errors: [...this.run.errors],
    };
    this.dirty = false;
    try {
      this.etag = await this.replaceOwn(snapshot);
    } catch (e) {
      this.dirty = true;
      throw e;
    }
    this.run.heartbeatAt = snapshot.heartbeatAt;
    this.run.leaseUntil = snapshot.leaseUntil;
    this.lastWrite = at.getTime();
  }

  /**
   * The conditional write. A 412 usually means the run is someone else's now; but it is also what
   * a storage retry of our own write answers when the first try landed unseen. So the run is read
   * again: still held by this worker (same workerId and attempt, still running), it is written
   * over its new ETag; anyone else's, this worker has lost it.
   */
  private async replaceOwn(snapshot: RunRecord): Promise<string> {
    try {
      return await this.store.replace(snapshot, this.etag);
    } catch (e) {
      if (!(e instanceof RunChangedError)) throw e;
    }
    const now = await this.store.read(this.run.kind, this.run.runId);
    const v = now?.value;
    if (now && v && v.state === 'running' && v.workerId === this.run.workerId && v.attempt === this.run.attempt) {
      try {
        return await this.store.replace(snapshot, now.etag);
      } catch (e) {
        if (!(e instanceof RunChangedError)) throw e;
      }
    }
    this.lost = true;
    throw new RunLostError(this.run.runId);
  }
}

/** Our own errors are written for people; anything else may carry internals and is summarised. */
function failureMessage(error: unknown): string {
  if (error instanceof ConnectorError) return error.message;
  return 'The run stopped on an unexpected error; the connector’s logs have the details (search for this run id).';
}
