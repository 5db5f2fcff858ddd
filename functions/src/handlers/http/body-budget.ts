/**
 * How many request-body bytes one instance reads and parses at a time. Streaming (host-setup.ts)
 * keeps unread bodies out of memory, but a body being read is held whole (the JSON parser needs
 * it), as text and as the parsed value: hundreds of 900 KB calls at once, each within the 1 MiB
 * limit, would still add up to gigabytes. Bodies beyond the budget wait, unread in the socket, for
 * their turn; one that waits longer than `maxWaitMs` is answered 503 with Retry-After, so an
 * interactive call still answers within its 30 s (connector-api.md).
 */
import { UnavailableError } from '../../services/errors';

export class BodyBudget {
  private inFlight = 0;
  private readonly waiting: { bytes: number; grant: () => void }[] = [];

  constructor(
    private readonly maxBytes: number,
    private readonly maxWaitMs: number,
  ) {}

  /** Resolves when `bytes` may be read; call the returned release once the body is parsed (or refused). */
  async acquire(bytes: number): Promise<() => void> {
    const want = Math.min(bytes, this.maxBytes);
    if (this.waiting.length === 0 && this.inFlight + want <= this.maxBytes) return this.take(want);
    await new Promise<void>((resolve, reject) => {
      const entry = { bytes: want, grant: () => (clearTimeout(timer), resolve()) };
      const timer = setTimeout(() => {
        this.waiting.splice(this.waiting.indexOf(entry), 1);
        reject(new UnavailableError('The connector is receiving many requests at once: nothing was changed, try again in a few seconds.', 5, 'connector'));
      }, this.maxWaitMs);
      this.waiting.push(entry);
    });
    return this.release(want);
  }

  private take(bytes: number): () => void {
    this.inFlight += bytes;
    return this.release(bytes);
  }

  private release(bytes: number): () => void {
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.inFlight -= bytes;
      while (this.waiting.length > 0 && this.inFlight + this.waiting[0].bytes <= this.maxBytes) {
        const next = this.waiting.shift()!;
        this.inFlight += next.bytes;
        next.grant();
      }
    };
  }
}

/** One per instance: 32 MiB of bodies read and parsed at once (about 35 full-size ones). */
export const bodyBudget = new BodyBudget(32 * 1024 * 1024, 10_000);
