/**
 * The DynamicsWebApi (v2) client the Dataverse adapters share, with every call made resilient:
 * each method of the returned object runs through `withRetry` (time-out per attempt, 429
 * `Retry-After`, 5xx back-off with jitter, bounded) and maps a final failure to a service error
 * (errors.ts). It is the very DynamicsWebApi interface, so the readers use it as before.
 *
 * Two things DynamicsWebApi makes subtle:
 * - `$batch`: `startBatch()` puts the instance in a mode where calls are queued, and
 *   `executeBatch()` sends and forgets the queue. To retry a batch, the queued calls are recorded
 *   and replayed into a new batch. Queueing is synchronous, so no other call can slip in between.
 * - DynamicsWebApi mutates the request objects it is given (it moves `headers` away), so every
 *   attempt gets a fresh shallow copy, which also carries the attempt's AbortSignal.
 *
 * Not idempotent: `create`, `callAction` and a `$batch` holding anything but reads. Those are
 * retried only when Dataverse certainly did nothing: a 429 (service protection refuses before
 * running) or a connection refused. A time-out or 5xx on them is final (the row may exist).
 */
import { DynamicsWebApi } from 'dynamics-web-api';
import type { RetrySettings } from '../../config';
import { classifyHttpFailure, parseRetryAfter, readHttpFailure, type RetryPolicy, withRetry } from '../resilience';
import { toServiceError } from './errors';

export interface DataverseConnection {
  /** The environment URL, e.g. https://contoso.crm4.dynamics.com (the sandbox: its emulator URL). */
  url: string;
  /** An app-only access token for `${url}/.default` (client credentials of the connector app). */
  getToken: () => Promise<string>;
  /** Per attempt; default 30 s, well under the Functions host's own time-out. */
  timeoutMs?: number;
  /** Retry settings (config.dataverseRetry) and test hooks (sleep, random, onRetry). */
  retry?: Partial<Omit<RetryPolicy, 'service'>>;
}

const DEFAULT_TIMEOUT_MS = 30_000;

const DEFAULT_DATAVERSE_RETRY: RetrySettings = {
  maxAttempts: 4,
  timeoutMs: DEFAULT_TIMEOUT_MS,
  baseDelayMs: 500,
  maxDelayMs: 10_000,
  retryAfterCapSeconds: 30,
};

/** Methods that do not talk to Dataverse: passed through untouched. */
const LOCAL_METHODS = new Set<PropertyKey>(['setConfig', 'startBatch', 'initializeInstance', 'Utility', 'isBatch']);
const READ_METHODS = new Set<PropertyKey>([
  'retrieve',
  'retrieveMultiple',
  'retrieveAll',
  'count',
  'countAll',
  'fetch',
  'fetchAll',
  'downloadFile',
  'callFunction',
  'retrieveEntity',
  'retrieveEntities',
  'retrieveAttributes',
  'retrieveAttribute',
  'retrieveRelationships',
  'retrieveRelationship',
  'retrieveGlobalOptionSet',
  'retrieveGlobalOptionSets',
  'retrieveCsdlMetadata',
]);
const NOT_IDEMPOTENT = new Set<PropertyKey>(['create', 'callAction']);

type Method = (...args: unknown[]) => unknown;

/** A fresh copy of the request for each attempt (DynamicsWebApi mutates it), with the attempt's signal. */
function freshArgs(args: unknown[], signal: AbortSignal): unknown[] {
  const [first, ...rest] = args;
  if (first && typeof first === 'object' && !Array.isArray(first) && !Buffer.isBuffer(first)) {
    return [{ ...(first as object), signal }, ...rest];
  }
  return args;
}

/** Only what certainly did not run may be sent again. */
function classifyUnsafe(error: unknown, now: number) {
  const kind = classifyHttpFailure(error, now, parseRetryAfter);
  if (kind.kind === 'throttled' && readHttpFailure(error).status === 429) return kind;
  if (readHttpFailure(error).code === 'ECONNREFUSED') return kind;
  return { kind: 'final' as const };
}

export function createDataverseClient(c: DataverseConnection): DynamicsWebApi {
  const policy: RetryPolicy = { ...DEFAULT_DATAVERSE_RETRY, ...(c.timeoutMs ? { timeoutMs: c.timeoutMs } : {}), ...c.retry, service: 'dataverse' };
  const api = new DynamicsWebApi({
    serverUrl: c.url,
    dataApi: { version: '9.2' },
    // Also destroys the socket of an attempt that runs out of time.
    timeout: policy.timeoutMs,
    onTokenRefresh: async () => c.getToken(),
  });
  const target = api as unknown as Record<PropertyKey, unknown>;
  let batch: { method: PropertyKey; args: unknown[] }[] | undefined;

  const run = async <T>(name: PropertyKey, attempt: (signal: AbortSignal) => Promise<T>, safe: boolean): Promise<T> => {
    try {
      return await withRetry(({ signal }) => attempt(signal), safe ? policy : { ...policy, classify: classifyUnsafe });
    } catch (e) {
      throw toServiceError(e);
    }
  };

  return new Proxy(api, {
    get(_t, prop) {
      const value = target[prop];
      if (typeof value !== 'function' || LOCAL_METHODS.has(prop)) {
        if (prop === 'startBatch') {
          return () => {
            batch = [];
            (value as Method).call(api);
          };
        }
        return typeof value === 'function' ? (value as Method).bind(api) : value;
      }
      if (prop === 'executeBatch') {
        return (...args: unknown[]) => {
          const recorded = batch ?? [];
          batch = undefined;
          const readsOnly = recorded.every((r) => READ_METHODS.has(r.method));
          let first = true;
          return run(
            prop,
            (signal) => {
              if (!first) {
                // The failed attempt emptied DynamicsWebApi's queue: queue the same calls again.
                api.startBatch();
                for (const r of recorded) void (target[r.method] as Method).apply(api, freshArgs(r.args, signal));
              }
              first = false;
              return (value as Method).apply(api, freshArgs(args, signal)) as Promise<unknown>;
            },
            readsOnly,
          );
        };
      }
      return (...args: unknown[]) => {
        if (batch) {
          // Queued, not sent: recorded so that a retried batch can queue it again.
          batch.push({ method: prop, args: args.map((a) => (a && typeof a === 'object' && !Buffer.isBuffer(a) ? { ...(a as object) } : a)) });
          return (value as Method).apply(api, args);
        }
        return run(prop, (signal) => (value as Method).apply(api, freshArgs(args, signal)) as Promise<unknown>, !NOT_IDEMPOTENT.has(prop));
      };
    },
  });
}

/** DynamicsWebApi rejects with an object carrying the HTTP status (mapped errors keep it). */
function httpStatusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}

/** A record that is missing, or that the caller may not read, reads as "no record". */
export function isNotReadable(error: unknown): boolean {
  const s = httpStatusOf(error);
  return s === 404 || s === 403;
}
