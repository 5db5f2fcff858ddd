/**
 * The queue trigger's wait between polls, as the Functions runtime does it (the WebJobs SDK's
 * randomized exponential back-off, documented under "Polling algorithm" of the queue trigger):
 * after a poll that found messages, 100 ms; after an empty one about 200 ms, then growing
 * (100 ms + 100 ms x 2^(n-1), +/-20 % at random) until it reaches maxPollingInterval.
 */
const MINIMUM_MS = 100;
const DELTA_MS = 100;
const RANDOMIZATION = 0.2;

export class PollingDelay {
  private current = MINIMUM_MS;
  private exponent = 1;

  constructor(
    private readonly maximumMs: number,
    private readonly random: () => number = Math.random,
  ) {}

  next(found: boolean): number {
    if (found) {
      this.current = MINIMUM_MS;
      this.exponent = 1;
    } else if (this.current !== this.maximumMs) {
      const factor = 1 - RANDOMIZATION + this.random() * 2 * RANDOMIZATION;
      const backoff = MINIMUM_MS + (this.exponent > 0 ? factor * 2 ** (this.exponent - 1) * DELTA_MS : 0);
      if (backoff < this.maximumMs) {
        this.current = backoff;
        this.exponent++;
      } else this.current = this.maximumMs;
    }
    return Math.min(this.current, this.maximumMs);
  }
}
