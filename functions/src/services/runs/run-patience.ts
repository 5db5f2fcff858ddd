/**
 * A long run's patience with an outage of the CLM (or its SCIM service), shared by every call of
 * the run (issue 23): a call whose own bounded retries gave up (UnavailableError: 5xx, refused,
 * no answer) is tried again, with a growing pause, while the outage has lasted less than
 * `patienceMs` (about 60 s, like the webhook processor's). The outage is the run's, not the
 * call's: eight contacts in flight during one blip wait for the same 60 s, and once an outage has
 * outlasted the patience the calls that follow get one try each (their adapter's retries) and no
 * more waiting, so a CLM that stays down fails the rest of the run in minutes, not 60 s a contact.
 * A call that succeeds ends the outage; the next one gets the full patience again.
 *
 * Whether a failure is an outage or the call's own (one user the CLM keeps refusing):
 * - a throttled call (429, after its own retries waited out each Retry-After) is never its own:
 *   it waits out the Retry-After within the patience, and is given back if that would outlast it;
 * - a call that names a `probe` (provisioning: a call about one user or group) asks the service
 *   something about no one once its own retries gave up, unless an outage was already seen since
 *   the call began. The probe answered: the service is up, the failure is the call's own, given
 *   back at once after its own bounded retries (a lone user failing while nothing else runs is
 *   told apart without waiting). The probe failing too: an outage, waited out. Calls failing at
 *   once share one probe;
 * - a call without a probe (contact sync) that keeps failing while others are answered is its
 *   own failure: after its first pause it is given back (recorded, and retried by the next run).
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

export interface PatientCall {
  /** A request about no one item, answered whenever the service is up (SCIM: GET /Users?count=1). */
  probe?: () => Promise<unknown>;
}

type Verdict = 'outage' | 'own' | 'endedMeanwhile';

export class RunPatience {
  private outageSince?: number;
  /** When the last outage ended (a call answered after it): a call failing across that end failed with it. */
  private outageEndedAt = Number.NEGATIVE_INFINITY;
  private lastAnswered = Number.NEGATIVE_INFINITY;
  private probing?: Promise<Verdict>;
  /** Calls tried again after an outage (reported with the run, for logs and tests). */
  retries = 0;
  private readonly now: () => number;

  constructor(private readonly o: RunPatienceOptions) {
    this.now = o.now ?? Date.now;
  }

  async call<T>(operation: () => Promise<T>, how: PatientCall = {}): Promise<T> {
    let failedAt: number | undefined;
    let triedAfterEnd = false;
    for (let attempt = 1; ; attempt++) {
      const startedAt = this.now();
      try {
        const value = await operation();
        this.answered();
        return value;
      } catch (e) {
        if (!isOutage(e)) throw e;
        const at = this.now();
        const throttled = e.failure?.status === 429;
        if (!throttled && how.probe) {
          const verdict = await this.verdict(startedAt, how.probe);
          if (verdict === 'own') throw e;
          if (verdict === 'endedMeanwhile' && !triedAfterEnd) {
            triedAfterEnd = true; // the outage ended while this call was failing: once more, now
            continue;
          }
          if (verdict === 'endedMeanwhile') throw e;
        } else if (!throttled) {
          // Other calls answered since this one failed: not an outage, this call's own failure.
          if (failedAt !== undefined && this.lastAnswered > failedAt) throw e;
          failedAt ??= at;
        }
        this.outageSince ??= at;
        const left = this.o.patienceMs - (at - this.outageSince);
        const retryAfterMs = e.retryAfterSeconds * 1000;
        // Outlasted (or a Retry-After beyond what is left): given back at once, and so is every call until one is answered.
        if (left <= 0 || (throttled && retryAfterMs > left)) throw e;
        const pause = Math.min(Math.max(FIRST_PAUSE_MS * 2 ** (attempt - 1), retryAfterMs), LONGEST_PAUSE_MS, left);
        this.retries += 1;
        await this.o.sleep(Math.max(pause, throttled ? retryAfterMs : 0));
      }
    }
  }

  private answered(): void {
    if (this.outageSince !== undefined) this.outageEndedAt = this.now();
    this.outageSince = undefined;
    this.lastAnswered = this.now();
  }

  /** An outage seen since the call began decides; else the probe, one at a time for every call failing now. */
  private verdict(startedAt: number, probe: () => Promise<unknown>): Promise<Verdict> {
    if (this.outageSince !== undefined) return Promise.resolve('outage');
    if (this.outageEndedAt >= startedAt) return Promise.resolve('endedMeanwhile');
    this.probing ??= probe()
      .then(
        (): Verdict => {
          this.answered();
          return 'own';
        },
        (p: unknown): Verdict => {
          // A set-up problem (the token refused) is given back as itself: no wait mends it.
          if (!isOutage(p)) throw p;
          return 'outage';
        },
      )
      .finally(() => {
        this.probing = undefined;
      });
    return this.probing;
  }
}
