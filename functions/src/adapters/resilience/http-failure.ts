/**
 * Reads what a retry decision needs from an error, whatever raised it: axios (`response.status`,
 * `response.headers`, `code`), DynamicsWebApi (an Error with `status`, node's lower-case `headers`,
 * and Dataverse's hex `code`), node's sockets (`code` ECONNRESET...), or our own TimeoutError.
 */
import { parseRetryAfter } from './retry-after';
import { AttemptTimeoutError } from './timeout';

export interface HttpFailure {
  status?: number;
  /** The raw `Retry-After` header, if the answer had one. */
  retryAfter?: unknown;
  /** A socket / client error code (ECONNRESET, ECONNABORTED...) or Dataverse's error code. */
  code?: string;
  timedOut: boolean;
}

type Headerish = Record<string, unknown> | { get?: (name: string) => unknown } | undefined;

function header(headers: Headerish, name: string): unknown {
  if (!headers || typeof headers !== 'object') return undefined;
  const getter = (headers as { get?: unknown }).get;
  if (typeof getter === 'function') {
    const v = (getter as (n: string) => unknown).call(headers, name);
    if (v !== undefined && v !== null) return v;
  }
  const wanted = name.toLowerCase();
  for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() === wanted) return v;
  return undefined;
}

export function readHttpFailure(error: unknown): HttpFailure {
  if (error instanceof AttemptTimeoutError) return { timedOut: true };
  if (!error || typeof error !== 'object') return { timedOut: false };
  const e = error as { status?: unknown; headers?: Headerish; code?: unknown; response?: { status?: unknown; headers?: Headerish } };
  const status = typeof e.response?.status === 'number' ? e.response.status : typeof e.status === 'number' ? e.status : undefined;
  const headers = e.response?.headers ?? e.headers;
  const code = typeof e.code === 'string' ? e.code : undefined;
  const timedOut = code === 'ECONNABORTED' || code === 'ETIMEDOUT' || (code === 'ERR_CANCELED' && status === undefined);
  return { status, retryAfter: header(headers, 'retry-after'), code, timedOut };
}

/** Client-side codes of a request that never got an answer: safe to try again after a pause. */
const TRANSIENT_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'ECONNABORTED',
  'EAI_AGAIN',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ERR_NETWORK',
  'UND_ERR_SOCKET',
]);

export type FailureKind =
  /** 429, or 503 with Retry-After: wait at least what the server asked. */
  | { kind: 'throttled'; retryAfterMs?: number }
  /** 5xx, 408, a time-out or a dropped connection: back off and try again. */
  | { kind: 'transient' }
  /** Everything else (4xx, programming errors): trying again would give the same answer. */
  | { kind: 'final' };

export function classifyHttpFailure(error: unknown, now: number, parse: (v: unknown, now: number) => number | undefined): FailureKind {
  const f = readHttpFailure(error);
  if (f.timedOut) return { kind: 'transient' };
  if (f.status === 429 || (f.status === 503 && f.retryAfter !== undefined)) {
    const ms = parse(f.retryAfter, now);
    return ms === undefined ? { kind: 'throttled' } : { kind: 'throttled', retryAfterMs: ms };
  }
  if (f.status !== undefined) {
    if (f.status === 408 || f.status >= 500) return { kind: 'transient' };
    return { kind: 'final' };
  }
  if (f.code && TRANSIENT_CODES.has(f.code)) return { kind: 'transient' };
  return { kind: 'final' };
}

/**
 * For a call that is not idempotent: sent again only when it certainly did not run (a 429, or a
 * connection refused); anything else may have been done, so it is final.
 */
export function classifyUnsafe(error: unknown, now: number): FailureKind {
  const kind = classifyHttpFailure(error, now, parseRetryAfter);
  const f = readHttpFailure(error);
  if (f.status === 429 || f.code === 'ECONNREFUSED') return kind;
  return { kind: 'final' };
}
