/**
 * A long run's patience with an outage of the CLM (or its SCIM service), shared by every call of
 * the run (issue 23): a call whose own bounded retries gave up (UnavailableError: 5xx, refused,
 * no answer) is tried again, with a growing pause, while the outage has lasted less than
 * `patienceMs` (about 60 s, like the webhook processor's). The outage is the run's, not the
 * call's: eight contacts in flight during one blip wait for the same 60 s, and once an outage has
 * outlasted the patience the calls that follow get one try each (their adapter's retries) and no
 * more waiting, so a CLM that stays down fails the rest of the run in minutes, not 60 s a contact.
 * A call that succeeds ends the outage; the next one gets the full patience again. A call that
 * keeps failing while others are answered is not waiting out an outage: after its first pause it
 * is given back (its contact or user is recorded and retried by the next run).
 *
 * Only a plain UnavailableError is waited out: its subclasses (the CLM tokens refused, CLM not
 * set up, tokens of another origin) are set-up problems no wait mends. What a call finally gives
 * back is its own error, whose words say what happened (refused, timed out, answered 503).
 */
import { UnavailableError } from '../errors';

export interface RunPatienceOptions {
  patienceMs: number;
  sleep: (ms: number) => Promise<void>;
  now?: () => number;
}

const FIRST_PAUSE_MS = 1_000;
const LONGEST_PAUSE_MS = 15_000;

const isOutage = (e: unknown): e is UnavailableError => e instanceof UnavailableError && Object.getPrototypeOf(e) === UnavailableError.prototype;

export class RunPatience {
  private outageSince?: number;
  private lastAnswered = Number.NEGATIVE_INFINITY;
  /** Calls tried again after an outage (reported with the run, for logs and tests). */
  retries = 0;
  private readonly now: () => number;

  constructor(private readonly o: RunPatienceOptions) {
    this.now = o.now ?? Date.now;
  }

  async call<T>(operation: () => Promise<T>): Promise<T> {
    let failedAt: number | undefined;
    for (let attempt = 1; ; attempt++) {
      try {
        const value = await operation();
        this.outageSince = undefined;
        this.lastAnswered = this.now();
        return value;
      } catch (e) {
        if (!isOutage(e)) throw e;
        const at = this.now();
        // Other calls answered since this one failed: not an outage, this call's own failure (one
        // user the CLM keeps refusing), given back at once so that the run goes on without it.
        if (failedAt !== undefined && this.lastAnswered > failedAt) throw e;
        failedAt ??= at;
        this.outageSince ??= at;
        const left = this.o.patienceMs - (at - this.outageSince);
        // Outlasted: given back at once, and so is every call until one is answered.
        if (left <= 0) throw e;
        const pause = Math.min(Math.max(FIRST_PAUSE_MS * 2 ** (attempt - 1), e.retryAfterSeconds * 1000), LONGEST_PAUSE_MS, left);
        this.retries += 1;
        await this.o.sleep(pause);
      }
    }
  }
}
