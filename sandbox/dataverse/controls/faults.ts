/**
 * Injected faults for tests (`POST /_sandbox/faults`): the next `count` Web API requests are delayed
 * by `latencyMs` and/or answered with 429 (service protection, with Retry-After and Dataverse's
 * 0x80072322 body) or 503, before anything else happens.
 */
import { DataverseError, ErrorCodes } from '../errors';

export interface FaultPlan {
  status?: 429 | 503;
  count: number;
  retryAfter?: number;
  latencyMs?: number;
}

export class FaultInjector {
  private plans: FaultPlan[] = [];

  add(plan: FaultPlan): void {
    this.plans.push({ ...plan });
  }

  clear(): void {
    this.plans = [];
  }

  pending(): FaultPlan[] {
    return this.plans.map((p) => ({ ...p }));
  }

  /** Consumes one request's worth of the oldest plan: its delay, and the error to answer with, if any. */
  take(): { latencyMs: number; error?: DataverseError } {
    const plan = this.plans[0];
    if (!plan) return { latencyMs: 0 };
    plan.count -= 1;
    if (plan.count <= 0) this.plans.shift();
    return { latencyMs: plan.latencyMs ?? 0, error: plan.status ? faultError(plan) : undefined };
  }
}

export function parseFaultPlan(body: unknown): FaultPlan {
  const b = (body ?? {}) as Record<string, unknown>;
  const status = b.status;
  if (status !== undefined && status !== 429 && status !== 503) throw new Error('status must be 429 or 503');
  const count = b.count ?? 1;
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 1) throw new Error('count must be a positive integer');
  const retryAfter = b.retryAfter;
  if (retryAfter !== undefined && (typeof retryAfter !== 'number' || retryAfter < 0)) throw new Error('retryAfter must be a number of seconds');
  const latencyMs = b.latencyMs;
  if (latencyMs !== undefined && (typeof latencyMs !== 'number' || latencyMs < 0)) throw new Error('latencyMs must be a number of milliseconds');
  if (status === undefined && latencyMs === undefined) throw new Error('give status and/or latencyMs');
  return { status, count, retryAfter, latencyMs };
}

function faultError(plan: FaultPlan): DataverseError {
  if (plan.status === 429) {
    // Dataverse sends Retry-After in whole seconds.
    const seconds = Math.max(0, Math.ceil(plan.retryAfter ?? 1));
    return new DataverseError(429, ErrorCodes.serviceProtectionRequests, 'Number of requests exceeded the limit of 6000 over time window of 300 seconds.', {
      'Retry-After': String(seconds),
    });
  }
  const headers: Record<string, string> = plan.retryAfter !== undefined ? { 'Retry-After': String(Math.ceil(plan.retryAfter)) } : {};
  return new DataverseError(503, ErrorCodes.unexpected, 'The service is temporarily unavailable. Try again later.', headers);
}
