/**
 * The run store in Azure Table storage (Azurite locally): table `connectorruns` holds one entity per
 * run (partition = kind, row key = run id, which sorts newest first), table `connectorrunslots` one
 * entity per kind naming its current run. Ownership is decided by the Table service's own
 * conditions: insert fails on an existing key (409), replace fails on a stale ETag (412), so two
 * instances can never both think they started or hold a run.
 *
 * Retries: the Storage SDK's policy (bounded, per-try time-out); what is left is UnavailableError.
 */
import { odata, RestError, TableClient, type TableEntityResult } from '@azure/data-tables';
import { z } from 'zod';
import { runKindSchema, runStateSchema, type RunKind } from '../../../../api/runs';
import { UnavailableError } from '../../services/errors';
import { RunChangedError, type RunRecord, type RunStore, type Stored } from '../../services/runs/ports';

export const RUNS_TABLE = 'connectorruns';
export const RUN_SLOTS_TABLE = 'connectorrunslots';
const SLOT_ROW = 'current';

const RETRY = { retryOptions: { maxRetries: 3, retryDelayInMs: 200, maxRetryDelayInMs: 2_000, tryTimeoutInMs: 10_000 } };

/** The JSON column: what varies in shape (counts, errors, input, checkpoint). */
const runData = z.object({
  progress: z.object({ done: z.number(), total: z.number().optional() }),
  counts: z.record(z.string(), z.number()),
  errors: z.array(z.object({ item: z.string(), message: z.string() })),
  durationMs: z.number().optional(),
  input: z.record(z.string(), z.unknown()),
  checkpoint: z.unknown().optional(),
  resume: z.object({ counts: z.record(z.string(), z.number()), errors: z.number() }).optional(),
});

const runEntity = z.object({
  partitionKey: runKindSchema,
  rowKey: z.string(),
  state: runStateSchema,
  startedAt: z.string(),
  heartbeatAt: z.string(),
  leaseUntil: z.string().optional(),
  finishedAt: z.string().optional(),
  trigger: z.enum(['api', 'timer']),
  workerId: z.string().optional(),
  attempt: z.number().int(),
  data: z.string(),
});

type RunEntity = z.infer<typeof runEntity>;

function toEntity(run: RunRecord): RunEntity {
  return {
    partitionKey: run.kind,
    rowKey: run.runId,
    state: run.state,
    startedAt: run.startedAt,
    heartbeatAt: run.heartbeatAt,
    ...(run.leaseUntil ? { leaseUntil: run.leaseUntil } : {}),
    ...(run.finishedAt ? { finishedAt: run.finishedAt } : {}),
    trigger: run.trigger,
    ...(run.workerId ? { workerId: run.workerId } : {}),
    attempt: run.attempt,
    data: JSON.stringify({
      progress: run.progress,
      counts: run.counts,
      errors: run.errors,
      ...(run.durationMs !== undefined ? { durationMs: run.durationMs } : {}),
      input: run.input,
      ...(run.checkpoint !== undefined ? { checkpoint: run.checkpoint } : {}),
      ...(run.resume ? { resume: run.resume } : {}),
    }),
  };
}

function fromEntity(raw: unknown): RunRecord {
  const e = runEntity.parse(raw);
  const data = runData.parse(JSON.parse(e.data));
  return {
    runId: e.rowKey,
    kind: e.partitionKey,
    state: e.state,
    startedAt: e.startedAt,
    heartbeatAt: e.heartbeatAt,
    ...(e.leaseUntil ? { leaseUntil: e.leaseUntil } : {}),
    ...(e.finishedAt ? { finishedAt: e.finishedAt } : {}),
    trigger: e.trigger,
    ...(e.workerId ? { workerId: e.workerId } : {}),
    attempt: e.attempt,
    progress: data.progress,
    counts: data.counts,
    errors: data.errors,
    ...(data.durationMs !== undefined ? { durationMs: data.durationMs } : {}),
    input: data.input,
    ...(data.checkpoint !== undefined ? { checkpoint: data.checkpoint } : {}),
    ...(data.resume ? { resume: data.resume } : {}),
  };
}

const statusOf = (e: unknown) => (e instanceof RestError ? e.statusCode : undefined);

function storageError(e: unknown): unknown {
  const s = statusOf(e);
  if (e instanceof RestError && (s === undefined || s >= 500 || s === 408 || s === 429)) {
    return new UnavailableError('The connector’s storage account is unavailable; please try again later.', 5, 'storage');
  }
  return e;
}

function etagOf(res: { etag?: string }): string {
  if (!res.etag) throw new Error('The Table service answered without an ETag.');
  return res.etag;
}

export class TableRunStore implements RunStore {
  private readonly runs: TableClient;
  private readonly slots: TableClient;
  private ready?: Promise<unknown>;

  constructor(connectionString: string, tables: { runs?: string; slots?: string } = {}) {
    // http only for the emulator (loopback); Azure is https.
    const options = { ...RETRY, allowInsecureConnection: /127\.0\.0\.1|localhost/.test(connectionString) };
    this.runs = TableClient.fromConnectionString(connectionString, tables.runs ?? RUNS_TABLE, options);
    this.slots = TableClient.fromConnectionString(connectionString, tables.slots ?? RUN_SLOTS_TABLE, options);
  }

  /** Creates both tables once per instance (409 = exists). */
  private tables(): Promise<unknown> {
    this.ready ??= Promise.all([this.runs.createTable(), this.slots.createTable()]).catch((e: unknown) => {
      this.ready = undefined;
      throw storageError(e);
    });
    return this.ready;
  }

  async create(run: RunRecord): Promise<string> {
    await this.tables();
    try {
      return etagOf(await this.runs.createEntity(toEntity(run)));
    } catch (e) {
      if (statusOf(e) === 409) throw new RunChangedError();
      throw storageError(e);
    }
  }

  async read(kind: RunKind, runId: string): Promise<Stored<RunRecord> | undefined> {
    await this.tables();
    let raw: TableEntityResult<Record<string, unknown>>;
    try {
      raw = await this.runs.getEntity<Record<string, unknown>>(kind, runId);
    } catch (e) {
      if (statusOf(e) === 404) return undefined;
      throw storageError(e);
    }
    return { value: fromEntity(raw), etag: raw.etag };
  }

  async replace(run: RunRecord, etag: string): Promise<string> {
    await this.tables();
    try {
      return etagOf(await this.runs.updateEntity(toEntity(run), 'Replace', { etag }));
    } catch (e) {
      if (statusOf(e) === 412 || statusOf(e) === 404) throw new RunChangedError();
      throw storageError(e);
    }
  }

  async remove(kind: RunKind, runId: string): Promise<void> {
    await this.tables();
    try {
      await this.runs.deleteEntity(kind, runId);
    } catch (e) {
      if (statusOf(e) !== 404) throw storageError(e);
    }
  }

  async list(kind: RunKind, limit: number): Promise<RunRecord[]> {
    await this.tables();
    const out: RunRecord[] = [];
    try {
      const pages = this.runs
        .listEntities<Record<string, unknown>>({ queryOptions: { filter: odata`PartitionKey eq ${kind}` } })
        .byPage({ maxPageSize: Math.min(limit, 1000) });
      for await (const page of pages) {
        for (const raw of page) {
          out.push(fromEntity(raw));
          if (out.length >= limit) return out;
        }
      }
    } catch (e) {
      throw storageError(e);
    }
    return out;
  }

  async removeOlderThan(kind: RunKind, bound: string): Promise<number> {
    await this.tables();
    let removed = 0;
    try {
      const old = this.runs.listEntities({ queryOptions: { filter: odata`PartitionKey eq ${kind} and RowKey gt ${bound}`, select: ['RowKey'] } });
      for await (const e of old) {
        await this.runs.deleteEntity(kind, e.rowKey!).catch((err: unknown) => {
          if (statusOf(err) !== 404) throw err;
        });
        removed++;
      }
    } catch (e) {
      throw storageError(e);
    }
    return removed;
  }

  async readSlot(kind: RunKind): Promise<{ runId: string; etag: string } | undefined> {
    await this.tables();
    try {
      const e = await this.slots.getEntity<{ runId?: unknown }>(kind, SLOT_ROW);
      return typeof e.runId === 'string' ? { runId: e.runId, etag: e.etag } : undefined;
    } catch (e) {
      if (statusOf(e) === 404) return undefined;
      throw storageError(e);
    }
  }

  async claimSlot(kind: RunKind, runId: string, etag: string | undefined): Promise<boolean> {
    await this.tables();
    const entity = { partitionKey: kind, rowKey: SLOT_ROW, runId };
    try {
      if (etag === undefined) await this.slots.createEntity(entity);
      else await this.slots.updateEntity(entity, 'Replace', { etag });
      return true;
    } catch (e) {
      if (statusOf(e) === 409 || statusOf(e) === 412 || statusOf(e) === 404) return false;
      throw storageError(e);
    }
  }
}
