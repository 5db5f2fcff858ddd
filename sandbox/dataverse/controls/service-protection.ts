/**
 * Dataverse's service protection API limits, enforced only when a test turns them on
 * (`POST /_sandbox/limits`), so that load tests meet them (Microsoft, "Service protection API limits"):
 * per user, within a 300-second sliding window, at most 6,000 requests and 1,200,000 ms of combined
 * execution time, and at most 52 concurrent requests. Past a limit the answer is 429 with
 * `Retry-After` (seconds) and the documented code and message; every answer while enforcing carries
 * `x-ms-ratelimit-burst-remaining-xrm-requests` and `x-ms-ratelimit-time-remaining-xrm-requests`.
 * A `$batch` counts as one request, as in Dataverse. Smaller limits may be set to reach them quickly;
 * `minExecutionMs` lets a test make each request cost at least that much execution time.
 */
import { DataverseError } from '../errors';

export interface LimitSettings {
  requests: number;
  windowSeconds: number;
  executionMs: number;
  concurrent: number;
  minExecutionMs: number;
}

const DEFAULT_LIMITS: LimitSettings = { requests: 6000, windowSeconds: 300, executionMs: 1_200_000, concurrent: 52, minExecutionMs: 0 };

const LimitCodes = { requests: '0x80072322', executionTime: '0x80072321', concurrent: '0x80072326' } as const;

interface UserUsage {
  /** Start time and execution time of each request in the window. */
  calls: { at: number; ms: number }[];
  inFlight: number;
}

export interface Admission {
  /** The refusal to answer with, if any. */
  error?: DataverseError;
  /** Headers every answer carries while limits are enforced. */
  headers: Record<string, string>;
  /** Call once the request is answered. */
  done(): void;
}

const positive = (v: unknown, name: string): number | undefined => {
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw new Error(`${name} must be a number of 0 or more`);
  return v;
};

export function parseLimits(body: unknown): LimitSettings {
  const b = (body ?? {}) as Record<string, unknown>;
  const known = new Set(Object.keys(DEFAULT_LIMITS));
  const unknown = Object.keys(b).filter((k) => !known.has(k));
  if (unknown.length) throw new Error(`unknown limit ${unknown.join(', ')}; known: ${[...known].join(', ')}`);
  const out = { ...DEFAULT_LIMITS };
  for (const k of known) {
    const v = positive(b[k], k);
    if (v !== undefined) out[k as keyof LimitSettings] = v;
  }
  return out;
}

export class ServiceProtection {
  private settings: LimitSettings | undefined;
  private readonly users = new Map<string, UserUsage>();
  private refused = { requests: 0, executionTime: 0, concurrent: 0 };

  constructor(private readonly now: () => number = Date.now) {}

  enable(settings: LimitSettings): void {
    this.settings = settings;
    this.users.clear();
    this.refused = { requests: 0, executionTime: 0, concurrent: 0 };
  }

  disable(): void {
    this.settings = undefined;
    this.users.clear();
  }

  status(): { enforced: boolean; settings?: LimitSettings; refused: { requests: number; executionTime: number; concurrent: number } } {
    return { enforced: this.settings !== undefined, ...(this.settings ? { settings: this.settings } : {}), refused: { ...this.refused } };
  }

  admit(user: string): Admission {
    const s = this.settings;
    if (!s) return { headers: {}, done: () => undefined };
    const now = this.now();
    const windowMs = s.windowSeconds * 1000;
    const usage = this.users.get(user) ?? { calls: [], inFlight: 0 };
    this.users.set(user, usage);
    usage.calls = usage.calls.filter((c) => c.at > now - windowMs);
    const spent = usage.calls.reduce((n, c) => n + c.ms, 0);
    const headers = {
      'x-ms-ratelimit-burst-remaining-xrm-requests': String(Math.max(0, s.requests - usage.calls.length - 1)),
      'x-ms-ratelimit-time-remaining-xrm-requests': (Math.max(0, s.executionMs - spent) / 1000).toFixed(2),
    };
    // Seconds until the oldest call leaves the window (at least 1).
    const untilOldestLeaves = () => Math.max(1, Math.ceil(((usage.calls[0]?.at ?? now) + windowMs - now) / 1000));
    const refuse = (kind: keyof typeof LimitCodes, message: string, retryAfter: number): Admission => {
      this.refused[kind]++;
      return { error: new DataverseError(429, LimitCodes[kind], message, { 'Retry-After': String(retryAfter) }), headers, done: () => undefined };
    };
    if (usage.inFlight >= s.concurrent) return refuse('concurrent', `Number of concurrent requests exceeded the limit of ${s.concurrent}.`, 1);
    if (usage.calls.length >= s.requests) {
      return refuse('requests', `Number of requests exceeded the limit of ${s.requests} over time window of ${s.windowSeconds} seconds.`, untilOldestLeaves());
    }
    if (spent >= s.executionMs) {
      return refuse(
        'executionTime',
        `Combined execution time of incoming requests exceeded limit of ${s.executionMs.toLocaleString('en-US')} milliseconds over time window of ${s.windowSeconds} seconds. Decrease number of concurrent requests or reduce the duration of requests and try again later.`,
        untilOldestLeaves(),
      );
    }
    const call = { at: now, ms: 0 };
    usage.calls.push(call);
    usage.inFlight++;
    let finished = false;
    return {
      headers,
      done: () => {
        if (finished) return;
        finished = true;
        usage.inFlight--;
        call.ms = Math.max(this.now() - now, s.minExecutionMs);
      },
    };
  }
}
