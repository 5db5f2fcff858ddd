/**
 * What the long-run machinery needs from the world: a run store (Azure Table storage in production,
 * adapters/storage/table-run-store.ts) and a queue (adapters/storage/run-queue.ts). Every write
 * that decides who owns a run is conditional (insert-if-absent or ETag), so the rule "one running
 * run per kind" holds across instances without any memory shared between them.
 */
import type { RunError, RunKind, RunState } from '../../../../api/runs';

/** One run as stored. The answer of `GET /api/admin/runs/{runId}` is a subset (run-answer.ts). */
export interface RunRecord {
  runId: string;
  kind: RunKind;
  state: RunState;
  /** When the run was asked for (RFC 3339). */
  startedAt: string;
  finishedAt?: string;
  /** Last write of its worker (or its creation while queued). */
  heartbeatAt: string;
  /**
   * Until when the worker that holds the run is known to be alive: it renews this lease on a timer
   * while it runs, whatever its progress. A worker whose message comes back takes the run over only
   * once the lease has run out unrenewed (run-service.ts).
   */
  leaseUntil?: string;
  progress: { done: number; total?: number };
  counts: Record<string, number>;
  errors: RunError[];
  durationMs?: number;
  /** What the run was asked to do (e.g. `{ full: true }`), as the POST or timer gave it. */
  input: Record<string, unknown>;
  trigger: 'api' | 'timer';
  /** The worker that holds it (instance + invocation), and how many workers have held it. */
  workerId?: string;
  attempt: number;
  /** The worker's own resume state, kept so that a worker that takes over can continue. */
  checkpoint?: unknown;
  /**
   * The counts and how many errors there were when the checkpoint was saved: a worker that takes
   * over starts again from the checkpoint, so it starts from these too (nothing is counted twice).
   */
  resume?: { counts: Record<string, number>; errors: number };
}

export interface Stored<T> {
  value: T;
  etag: string;
}

/** A conditional write lost: someone else changed the entity since it was read. */
export class RunChangedError extends Error {
  constructor() {
    super('The run was changed by another worker since it was read.');
    this.name = 'RunChangedError';
  }
}

export interface RunStore {
  /** Insert-only; RunChangedError if a run with this id exists. */
  create(run: RunRecord): Promise<string>;
  read(kind: RunKind, runId: string): Promise<Stored<RunRecord> | undefined>;
  /** Only over `etag`; RunChangedError otherwise. Answers the new ETag. */
  replace(run: RunRecord, etag: string): Promise<string>;
  remove(kind: RunKind, runId: string): Promise<void>;
  /** Newest first. */
  list(kind: RunKind, limit: number): Promise<RunRecord[]>;
  /**
   * Deletes the runs of `kind` whose id sorts after `bound` (run ids sort newest first, so: the
   * runs asked for before the time the bound names, see run-id.ts); answers how many.
   */
  removeOlderThan(kind: RunKind, bound: string): Promise<number>;
  /** The kind's slot: which run is the kind's current one. */
  readSlot(kind: RunKind): Promise<{ runId: string; etag: string } | undefined>;
  /**
   * Points the slot at `runId`: insert-if-absent when `etag` is undefined, else only over `etag`.
   * false when another start won the slot meanwhile.
   */
  claimSlot(kind: RunKind, runId: string, etag: string | undefined): Promise<boolean>;
}

/** The Azure Storage queue of every long run (the queue trigger's `queueName`). */
export const RUN_QUEUE_NAME = 'connector-runs';

/** The message that makes a worker run (the queue trigger's input). */
export interface RunMessage {
  v: 1;
  kind: RunKind;
  runId: string;
}

export interface RunQueue {
  send(message: RunMessage): Promise<void>;
}
