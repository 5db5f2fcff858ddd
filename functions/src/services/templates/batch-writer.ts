/**
 * Writes template rows in `$batch`es whose size follows Dataverse: the first batch is small, each
 * batch that went through without throttling doubles the next one (up to 1000 requests, Dataverse's
 * limit per batch, and a few MB), and a batch that met a 429 halves it. The Dataverse client waits
 * out each 429's Retry-After itself; when it gives up (a longer Retry-After, or throttling that
 * lasts), the writer waits that Retry-After and sends the same writes again, smaller. A batch that
 * fails as a whole for another passing reason (time-out, 5xx) is sent again too: updates are
 * idempotent, and a create that already went through comes back as a duplicate key, which the
 * caller turns into an update (so nothing is doubled, nothing lost).
 */
import { UnavailableError } from '../errors';
import type { TemplateRows, TemplateWrite, WriteOutcome } from './ports';

export interface BatchWriterOptions {
  rows: TemplateRows;
  /** How many 429s the Dataverse client has met so far (it counts them as it waits them out). */
  throttles: () => number;
  sleep: (ms: number) => Promise<void>;
  /** Called while waiting, so the run keeps its heartbeat. */
  onWait?: () => Promise<void>;
  firstSize?: number;
  maxSize?: number;
  maxBytes?: number;
  /** Sends of one batch before the run gives up. */
  maxTries?: number;
}

export interface BatchStats {
  batches: number;
  throttledBatches: number;
  largestBatch: number;
}

export class GrowingBatchWriter {
  private size: number;
  private readonly maxSize: number;
  private readonly maxBytes: number;
  private readonly maxTries: number;
  readonly stats: BatchStats = { batches: 0, throttledBatches: 0, largestBatch: 0 };

  constructor(private readonly o: BatchWriterOptions) {
    this.size = o.firstSize ?? 10;
    this.maxSize = o.maxSize ?? 1000;
    this.maxBytes = o.maxBytes ?? 4 * 1024 * 1024;
    this.maxTries = o.maxTries ?? 6;
  }

  /** The batch size the next send would use (for progress logs and tests). */
  get nextSize(): number {
    return this.size;
  }

  /**
   * Sends `writes` (all of them) in as many batches as the current size allows; `onOutcome` hears
   * each write's outcome in order.
   */
  async writeAll(writes: TemplateWrite[], onOutcome: (w: TemplateWrite, o: WriteOutcome) => Promise<void>): Promise<void> {
    let at = 0;
    while (at < writes.length) {
      const slice = this.take(writes, at);
      const outcomes = await this.send(slice);
      for (const [i, w] of slice.entries()) await onOutcome(w, outcomes[i]);
      at += slice.length;
    }
  }

  private take(writes: TemplateWrite[], from: number): TemplateWrite[] {
    let bytes = 0;
    let end = from;
    while (end < writes.length && end - from < this.size) {
      bytes += approximateBytes(writes[end]);
      if (end > from && bytes > this.maxBytes) break;
      end++;
    }
    return writes.slice(from, end);
  }

  private async send(slice: TemplateWrite[]): Promise<WriteOutcome[]> {
    for (let tries = 1; ; tries++) {
      const throttlesBefore = this.o.throttles();
      try {
        const outcomes = await this.o.rows.write(slice);
        this.stats.batches++;
        this.stats.largestBatch = Math.max(this.stats.largestBatch, slice.length);
        if (this.o.throttles() > throttlesBefore) {
          this.stats.throttledBatches++;
          this.shrink();
        } else {
          this.size = Math.min(this.maxSize, this.size * 2);
        }
        return outcomes;
      } catch (e) {
        if (!isPassing(e) || tries >= this.maxTries) throw e;
        this.shrink();
        const waitMs = e instanceof UnavailableError ? e.retryAfterSeconds * 1000 : Math.min(30_000, 1000 * 2 ** tries);
        await this.o.onWait?.();
        await this.o.sleep(waitMs);
        // Fewer writes per batch on the next try; the same ones are sent again.
        if (slice.length > this.size) {
          const head = slice.slice(0, this.size);
          const tail = slice.slice(this.size);
          const first = await this.send(head);
          return [...first, ...(await this.send(tail))];
        }
      }
    }
  }

  private shrink(): void {
    this.size = Math.max(1, Math.floor(this.size / 2));
  }
}

/** Throttling, an outage, a time-out: worth sending again. A refused request is not. */
function isPassing(e: unknown): boolean {
  if (e instanceof UnavailableError) return true;
  const status = (e as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status >= 500 || status === 408 || status === 429 : e instanceof Error && /time|ECONN|socket/i.test(e.message);
}

function approximateBytes(w: TemplateWrite): number {
  return (w.values.fieldsJson?.length ?? 0) + (w.values.mappingErrors?.length ?? 0) + 600;
}
