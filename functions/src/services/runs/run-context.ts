/**
 * What a worker is handed while it runs: its run's input, progress, counts and errors, and a
 * checkpoint. Every write to the run is conditional on the ETag this worker last saw, so a worker
 * whose run was taken over (or marked failed) by someone else finds out at its next write
 * (RunLostError) and stops without touching anything: a "zombie" never overwrites its successor.
 *
 * Writes are batched: `progress()` writes at most every `flushMs`; `count()` and `error()` ride
 * along with the next write. Each write is also the run's heartbeat, so a worker must report
 * progress (or call `heartbeat()`) at least every few minutes (README.md "Staleness").
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

  constructor(
    private run: RunRecord,
    private etag: string,
    private readonly store: RunStore,
    private readonly now: () => Date,
    private readonly flushMs: number,
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
    this.run.progress = { done, ...(total !== undefined ? { total } : {}) };
    this.dirty = true;
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
    await this.write();
  }

  async heartbeat(): Promise<void> {
    await this.write();
  }

  /** Ends the run: succeeded, or failed with the error that stopped it. */
  async finish(outcome: { ok: true } | { ok: false; error: unknown }): Promise<RunRecord> {
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

  private async write(): Promise<void> {
    const at = this.now();
    this.run.heartbeatAt = at.toISOString();
    try {
      this.etag = await this.store.replace(this.run, this.etag);
    } catch (e) {
      if (e instanceof RunChangedError) throw new RunLostError(this.run.runId);
      throw e;
    }
    this.lastWrite = at.getTime();
    this.dirty = false;
  }
}

/** Our own errors are written for people; anything else may carry internals and is summarised. */
function failureMessage(error: unknown): string {
  if (error instanceof ConnectorError) return error.message;
  return 'The run stopped on an unexpected error; the connector’s logs have the details (search for this run id).';
}
