import type { Response } from 'express';
import { z } from 'zod';

/**
 * Faults a test arms with POST `${apiBase}/_sandbox/scim/faults`: the next `count` SCIM calls that
 * match answer 429 with Retry-After, 500, or never answer ("hang"), after `latencyMs` if given;
 * `latencyMs` alone only delays them (a slow CLM, so a test's kill lands mid-run). A fault may be narrowed to a
 * method, a path prefix (relative to the SCIM base, e.g. `/Groups`) or one user: `userName`
 * matches a call whose body, filter or target user carries that userName, so "the CLM fails on
 * this one person" can be staged whatever call the client makes about them.
 */
export const scimFaultSchema = z
  .object({
    status: z.union([z.literal(429), z.literal(500), z.literal('hang')]).optional(),
    latencyMs: z.number().int().min(1).max(60_000).optional(),
    count: z.number().int().min(1).default(1),
    /** An outage of this long from now: every matching call meets the fault until then (count is not used up). */
    forMs: z.number().int().min(1).max(600_000).optional(),
    retryAfter: z.number().int().min(0).optional(),
    method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']).optional(),
    pathPrefix: z.string().startsWith('/').optional(),
    userName: z.string().min(1).optional(),
  })
  .strict()
  .refine((f) => f.status !== undefined || f.latencyMs !== undefined, { message: 'give a status, a latencyMs, or both' });

export type ScimFaultInput = z.infer<typeof scimFaultSchema>;

interface Armed extends Omit<ScimFaultInput, 'count' | 'forMs'> {
  remaining: number;
  /** forMs: until when (epoch ms). */
  until?: number;
}

/** What a call is about, for matching: its method, path and the userNames it mentions. */
export interface ScimCall {
  method: string;
  path: string;
  userNames: string[];
}

export class ScimFaults {
  private armed: Armed[] = [];
  private readonly hanging = new Set<Response>();
  readonly served = { 429: 0, 500: 0, hang: 0, delayed: 0 };

  arm(input: ScimFaultInput): void {
    const { count, forMs, ...rest } = input;
    this.armed.push({ ...rest, remaining: count, ...(forMs ? { until: Date.now() + forMs } : {}) });
  }

  clear(): void {
    this.armed = [];
  }

  pending(): ScimFaultInput[] {
    this.dropEnded();
    return this.armed.map(({ remaining, until, ...rest }) => ({ ...rest, count: remaining, ...(until ? { forMs: Math.max(1, until - Date.now()) } : {}) }));
  }

  /** The fault this call meets, if any (used up by one). */
  take(call: ScimCall): Armed | undefined {
    this.dropEnded();
    const fault = this.armed.find(
      (f) =>
        (!f.method || f.method === call.method) &&
        (!f.pathPrefix || call.path.startsWith(f.pathPrefix)) &&
        (!f.userName || call.userNames.some((u) => u.toLowerCase() === f.userName!.toLowerCase())),
    );
    if (!fault) return undefined;
    if (fault.until === undefined) fault.remaining -= 1;
    if (fault.remaining <= 0) this.armed = this.armed.filter((f) => f !== fault);
    this.served[fault.status ?? 'delayed'] += 1;
    return fault;
  }

  private dropEnded(): void {
    const now = Date.now();
    this.armed = this.armed.filter((f) => f.until === undefined || f.until > now);
  }

  hold(res: Response): void {
    this.hanging.add(res);
    res.on('close', () => this.hanging.delete(res));
  }

  releaseHanging(): void {
    for (const res of this.hanging) res.destroy();
    this.hanging.clear();
  }
}
