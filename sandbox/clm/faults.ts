import type { NextFunction, Request, Response } from 'express';
import { z } from 'zod';
import { ClmError } from './errors';

/**
 * Faults a test arms with POST /_sandbox/faults: the next `count` API calls (optionally only those
 * whose path starts with `pathPrefix`, relative to the API base) answer 429 with Retry-After, 500,
 * or never answer ("hang", held open until the client gives up or the sandbox closes), after
 * `latencyMs` if given; `latencyMs` without a status only slows the calls down (so a test can hold
 * one call open while others race it). `forMs` makes an outage of that long from now: every
 * matching call meets the fault until then, whatever `count`. Faults are served in the order they were armed.
 */
export const faultSchema = z
  .object({
    status: z.union([z.literal(429), z.literal(500), z.literal('hang')]).optional(),
    count: z.number().int().min(1).default(1),
    forMs: z.number().int().min(1).max(600_000).optional(),
    retryAfter: z.number().int().min(0).optional(),
    latencyMs: z.number().int().min(1).max(60_000).optional(),
    pathPrefix: z.string().startsWith('/').optional(),
  })
  .strict()
  .refine((f) => f.status !== undefined || f.latencyMs !== undefined, { message: 'give a status, a latencyMs, or both' });

export type FaultInput = z.infer<typeof faultSchema>;

interface ArmedFault {
  status?: 429 | 500 | 'hang';
  remaining: number;
  retryAfter: number;
  latencyMs?: number;
  pathPrefix?: string;
  /** forMs: until when (epoch ms); count is then not used up. */
  until?: number;
}

export class FaultInjector {
  private armed: ArmedFault[] = [];
  private readonly hanging = new Set<Response>();
  /** Faults served so far, by kind, for tests that assert the client saw them. */
  readonly served = { 429: 0, 500: 0, hang: 0, latency: 0 };

  arm(input: FaultInput): void {
    this.armed.push({
      status: input.status,
      remaining: input.count,
      retryAfter: input.retryAfter ?? 1,
      latencyMs: input.latencyMs,
      pathPrefix: input.pathPrefix,
      ...(input.forMs ? { until: Date.now() + input.forMs } : {}),
    });
  }

  clear(): void {
    this.armed = [];
  }

  pending(): { status?: 429 | 500 | 'hang'; latencyMs?: number; remaining: number; pathPrefix?: string }[] {
    this.dropEnded();
    return this.armed.map(({ status, latencyMs, remaining, pathPrefix }) => ({ status, latencyMs, remaining, pathPrefix }));
  }

  private dropEnded(): void {
    const now = Date.now();
    this.armed = this.armed.filter((f) => f.until === undefined || f.until > now);
  }

  private take(path: string): ArmedFault | undefined {
    this.dropEnded();
    const fault = this.armed.find((f) => f.pathPrefix === undefined || path.startsWith(f.pathPrefix));
    if (!fault) return undefined;
    if (fault.until === undefined) fault.remaining -= 1;
    if (fault.remaining <= 0) this.armed = this.armed.filter((f) => f !== fault);
    return fault;
  }

  middleware() {
    return (req: Request, res: Response, next: NextFunction): void => {
      const fault = this.take(req.path);
      if (!fault) return next();
      if (fault.latencyMs === undefined) return this.serve(fault, res, next);
      this.served.latency += 1;
      setTimeout(() => this.serve(fault, res, next), fault.latencyMs);
    };
  }

  private serve(fault: ArmedFault, res: Response, next: NextFunction): void {
    if (fault.status === undefined) return next();
    this.served[fault.status] += 1;
    if (fault.status === 429) {
      return next(new ClmError(429, 'rate_limited', 'Too many requests; wait Retry-After seconds', undefined, { 'Retry-After': String(fault.retryAfter) }));
    }
    if (fault.status === 500) return next(new ClmError(500, 'internal', 'Injected server error'));
    this.hanging.add(res);
    res.on('close', () => this.hanging.delete(res));
  }

  /** On close: hung requests are cut (the client sees the connection drop). */
  releaseHanging(): void {
    for (const res of this.hanging) res.destroy();
    this.hanging.clear();
  }
}
