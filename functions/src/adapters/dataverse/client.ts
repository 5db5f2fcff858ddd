/**
 * The Dataverse gateway: the one way the adapters reach Dataverse (ARCHITECTURE.md "Every remote
 * call"). It offers only the operations the connector uses, over DynamicsWebApi (v2), and each
 * declares in RETRY_CLASS whether it may be sent again after a failure:
 *
 * - `safe`: sent again after a time-out, a 5xx, a 429 (waiting out `Retry-After`), bounded. A read;
 *   a PATCH of given values to a given row (sending it twice leaves the row as once); a conditional
 *   update, whose resend after an unseen success is refused by its own If-Match (a 412 its caller
 *   handles by reading again, never a write over someone else's).
 * - `once`: sent again only when Dataverse certainly did not run it: a 429 (service protection
 *   refuses before running) or a connection refused. A time-out or 5xx is final: a `create` may
 *   have made its row.
 * - a `batch` is as safe as its least safe part.
 *
 * RETRY_CLASS is checked against the gateway's interface: an operation added without a class does
 * not typecheck. Two outcomes are explicit, never a value easy to ignore:
 * - DynamicsWebApi answers `false` (update, delete) or `null` (upsert) when a precondition fails;
 *   the gateway runs it with `propagateErrors`, so a 412 is a PreconditionFailedError the caller
 *   must catch (errors.ts): `updateIfUnchanged` is the only operation with an If-Match of the
 *   caller's; `update` and `upsert` take none.
 * - a batch is a list of parts, not a mode of the client: each attempt builds it again from the
 *   parts, so it can simply be run again.
 *
 * DynamicsWebApi mutates the request objects it is given (it moves `headers` away), so every
 * attempt gets a fresh shallow copy, which also carries the attempt's AbortSignal.
 */
import {
  DynamicsWebApi,
  type BatchRequest,
  type CreateRequest,
  type RetrieveMultipleRequest,
  type RetrieveRequest,
  type UpdateRequest,
  type UploadRequest,
  type UpsertRequest,
} from 'dynamics-web-api';
import type { RetrySettings } from '../../config';
import { classifyUnsafe, type RetryPolicy, withRetry } from '../resilience';
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

/** An update with no If-Match of the caller's: only an existing row (If-Match: *, else 404). */
type PlainUpdateRequest<T = Record<string, unknown>> = Omit<UpdateRequest<T>, 'ifmatch' | 'ifnonematch'>;
/** An update only over the ETag the caller read. */
type ConditionalUpdateRequest<T = Record<string, unknown>> = Omit<UpdateRequest<T>, 'ifnonematch'> & { ifmatch: string };

/** One request of a `$batch`, as data: the gateway queues it again for every attempt. */
export type BatchPart =
  | { op: 'retrieve'; request: RetrieveRequest }
  | { op: 'retrieveMultiple'; request: RetrieveMultipleRequest }
  | { op: 'create'; request: CreateRequest }
  | { op: 'update'; request: PlainUpdateRequest };

/* eslint-disable @typescript-eslint/no-explicit-any -- DynamicsWebApi's own defaults for the row types */
export interface DataverseGateway {
  retrieve<T = any>(request: RetrieveRequest): Promise<T>;
  retrieveMultiple<T = any>(request: RetrieveMultipleRequest, nextPageLink?: string): ReturnType<typeof DynamicsWebApi.prototype.retrieveMultiple<T>>;
  retrieveAll<T = any>(request: RetrieveMultipleRequest): ReturnType<typeof DynamicsWebApi.prototype.retrieveAll<T>>;
  /** An unbound function by name (e.g. WhoAmI); by name because DynamicsWebApi deep-copies a request object, signal included. */
  callFunction<T = any>(name: string): Promise<T>;
  /**
   * An unbound action (WinOpportunity, WinQuote): sent once, never again on a doubtful failure (a
   * second WinOpportunity on a row the first one closed is refused). `impersonate`: a systemuserid (MSCRMCallerID).
   */
  callAction<T = any>(request: { actionName: string; action: Record<string, unknown>; impersonate?: string }): Promise<T>;
  create<TData = any, TResponse = TData>(request: CreateRequest<TData>): Promise<TResponse>;
  update<TData = any, TResponse = TData>(request: PlainUpdateRequest<TData>): Promise<TResponse>;
  /** PreconditionFailedError when the row changed since `ifmatch` was read: read it again, merge or report. */
  updateIfUnchanged<TData = any, TResponse = TData>(request: ConditionalUpdateRequest<TData>): Promise<TResponse>;
  /** Create or update by key; no If-Match / If-None-Match (each would turn a refusal into a silent null). */
  upsert<TData = any, TResponse = TData>(request: Omit<UpsertRequest<TData>, 'ifmatch' | 'ifnonematch'>): Promise<TResponse>;
  uploadFile(request: UploadRequest): Promise<void>;
  /**
   * Deletes one row (DELETE <set>(<id>)). Safe to send again: a resend of a DELETE whose first
   * attempt went through unseen answers 404, and that counts as done (the row is gone, as wanted);
   * a 404 on the first attempt is the caller's to hear (NotFound).
   */
  deleteRecord(request: { collection: string; key: string }): Promise<void>;
  /** Empties a file column (DELETE <row>/<column>; Microsoft, "Use file column data"): doing it twice leaves it as once. */
  deleteFile(request: { collection: string; key: string; fieldName: string }): Promise<void>;
  /** One `$batch`; the answers in the order of the parts (DynamicsWebApi's: a failed part rejects the whole, unless continueOnError). */
  batch(parts: readonly BatchPart[], options?: BatchRequest): Promise<unknown[]>;
}
/* eslint-enable @typescript-eslint/no-explicit-any */

type RetryClass = 'safe' | 'once';

/** A retry class for every operation of a gateway (a batch's comes from its parts). */
export type RetryClasses<G> = { [K in keyof G]: K extends 'batch' ? 'ofItsParts' : RetryClass };

/** Whether each operation may be sent again (above). Missing an operation of DataverseGateway fails typechecking. */
export const RETRY_CLASS = {
  retrieve: 'safe',
  retrieveMultiple: 'safe',
  retrieveAll: 'safe',
  callFunction: 'safe',
  callAction: 'once',
  create: 'once',
  update: 'safe',
  updateIfUnchanged: 'safe',
  upsert: 'safe',
  uploadFile: 'safe',
  deleteRecord: 'safe',
  deleteFile: 'safe',
  batch: 'ofItsParts',
} as const satisfies RetryClasses<DataverseGateway>;

/** A batch is as safe as its least safe part. */
function batchRetryClass(parts: readonly BatchPart[]): RetryClass {
  return parts.every((p) => RETRY_CLASS[p.op] === 'safe') ? 'safe' : 'once';
}

const DEFAULT_TIMEOUT_MS = 30_000;

const DEFAULT_DATAVERSE_RETRY: RetrySettings = {
  maxAttempts: 4,
  timeoutMs: DEFAULT_TIMEOUT_MS,
  baseDelayMs: 500,
  maxDelayMs: 10_000,
  retryAfterCapSeconds: 30,
};

/** A fresh copy of the request for each attempt (DynamicsWebApi mutates it), with the attempt's signal. */
function fresh<T extends object>(request: T, signal?: AbortSignal): T {
  return { ...request, ...(signal ? { signal } : {}) };
}

export function createDataverseClient(c: DataverseConnection): DataverseGateway {
  const policy: RetryPolicy = { ...DEFAULT_DATAVERSE_RETRY, ...(c.timeoutMs ? { timeoutMs: c.timeoutMs } : {}), ...c.retry, service: 'dataverse' };
  const api = new DynamicsWebApi({
    serverUrl: c.url,
    dataApi: { version: '9.2' },
    // Also destroys the socket of an attempt that runs out of time.
    timeout: policy.timeoutMs,
    onTokenRefresh: async () => c.getToken(),
    // A refused precondition is an error (PreconditionFailedError), never `false` or `null`.
    propagateErrors: true,
  });

  const run = async <T>(retry: RetryClass, attempt: (signal: AbortSignal) => Promise<T>): Promise<T> => {
    try {
      return await withRetry(({ signal }) => attempt(signal), retry === 'safe' ? policy : { ...policy, classify: classifyUnsafe });
    } catch (e) {
      throw toServiceError(e);
    }
  };

  return {
    retrieve: (request) => run(RETRY_CLASS.retrieve, (s) => api.retrieve(fresh(request, s))),
    retrieveMultiple: (request, nextPageLink) => run(RETRY_CLASS.retrieveMultiple, (s) => api.retrieveMultiple(fresh(request, s), nextPageLink)),
    retrieveAll: (request) => run(RETRY_CLASS.retrieveAll, (s) => api.retrieveAll(fresh(request, s))),
    callFunction: (name) => run(RETRY_CLASS.callFunction, () => api.callFunction(name)),
    callAction: (request) => run(RETRY_CLASS.callAction, (s) => api.callAction(fresh(request, s))),
    create: (request) => run(RETRY_CLASS.create, (s) => api.create(fresh(request, s))),
    update: (request) => run(RETRY_CLASS.update, (s) => api.update(fresh(request, s))),
    updateIfUnchanged: (request) => run(RETRY_CLASS.updateIfUnchanged, (s) => api.update(fresh(request, s))),
    upsert: (request) => run(RETRY_CLASS.upsert, (s) => api.upsert(fresh(request, s))),
    uploadFile: (request) => run(RETRY_CLASS.uploadFile, (s) => api.uploadFile(fresh(request, s))),
    deleteRecord: ({ collection, key }) => {
      let sent = 0;
      return run(RETRY_CLASS.deleteRecord, async (s) => {
        sent += 1;
        try {
          await api.deleteRecord(fresh({ collection, key }, s));
        } catch (e) {
          // A resend answered 404: an earlier attempt deleted the row and its answer was lost.
          if (sent > 1 && httpStatusOf(e) === 404) return;
          throw e;
        }
      });
    },
    deleteFile: ({ collection, key, fieldName }) =>
      run(RETRY_CLASS.deleteFile, async (s) => {
        await api.deleteRecord(fresh({ collection, key, property: fieldName }, s));
      }),
    batch: (parts, options = {}) =>
      run(batchRetryClass(parts), (signal) => {
        // Built again for every attempt: queueing is synchronous, so no other call slips in between.
        api.startBatch();
        for (const p of parts) queue(api, p);
        return api.executeBatch(fresh(options, signal));
      }),
  };
}

function queue(api: DynamicsWebApi, part: BatchPart): void {
  switch (part.op) {
    case 'retrieve':
      void api.retrieve(fresh(part.request));
      return;
    case 'retrieveMultiple':
      void api.retrieveMultiple(fresh(part.request));
      return;
    case 'create':
      void api.create(fresh(part.request));
      return;
    case 'update':
      void api.update(fresh(part.request));
      return;
  }
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
