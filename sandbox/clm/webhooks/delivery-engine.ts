import type { StatusChange } from '../contracts/contract-types';
import { type DeliverySettings, type DeliverySettingsInput } from './delivery-settings';
import { isSuccess, postAttempt, type Answer } from './post-attempt';
import { ANSWER_TIMEOUT_MS, retryDelayMs } from './retry-schedule';
import { signedHeaders, someOtherSecret } from './signing';
import { statusChangedEvent, type StatusChangedEvent } from './status-event';
import type { WebhookRegistrationStore } from './webhook-registration';

type DeliveryState = 'held' | 'scheduled' | 'in_flight' | 'retrying' | 'delivered' | 'failed' | 'dropped' | 'not_subscribed';

interface AttemptRecord {
  attempt: number;
  /** When the attempt was sent (RFC 3339) and the webhook-timestamp it was signed with. */
  sentAt: string;
  webhookTimestamp: string;
  /** The real CLM's wait before this attempt (0 for the first), before the speed-up. */
  nominalDelayMs: number;
  signedWith: 'registered-secret' | 'wrong-secret';
  copy: number;
  answer: Answer;
}

/** One event's delivery, as GET /_sandbox/deliveries lists it. */
export interface DeliveryRecord {
  eventId: string;
  contractId: string;
  status: string;
  sequence: number;
  attempts: number;
  lastAnswer: Answer | null;
  state: DeliveryState;
  event: StatusChangedEvent;
  attemptLog: AttemptRecord[];
}

const MIN_ANSWER_TIMEOUT_MS = 1_000;

/**
 * Turns status changes into signed webhook deliveries with retries, in the mode the tests ask for.
 * The registration (url, secret) is read at each attempt, as a real CLM would use its current one.
 */
export class DeliveryEngine {
  private settings: DeliverySettings;
  private readonly records: DeliveryRecord[] = [];
  private held: DeliveryRecord[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly closing = new AbortController();
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly registration: WebhookRegistrationStore,
    speedup: number,
  ) {
    this.settings = { mode: 'normal', delayMs: 0, speedup };
  }

  currentSettings(): DeliverySettings {
    return { ...this.settings };
  }

  /** Changing the mode releases events held by reverse/random, in their order. */
  async configure(input: DeliverySettingsInput): Promise<DeliverySettings> {
    const wasHolding = this.isHolding();
    this.settings = {
      mode: input.mode,
      delayMs: input.delayMs ?? (input.mode === 'delay' ? 1_000 : 0),
      speedup: input.speedup ?? this.settings.speedup,
      answerTimeoutMs: input.answerTimeoutMs,
      match: input.match,
      timestampSkewSeconds: input.timestampSkewSeconds,
    };
    if (input.mode === 'drop' && input.match?.eventId) this.dropPending(input.match.eventId);
    if (wasHolding && !this.isHolding()) await this.flush();
    return this.currentSettings();
  }

  list(): DeliveryRecord[] {
    return structuredClone(this.records);
  }

  clearLog(): void {
    this.records.length = 0;
  }

  /** Called on every status change of a contract. */
  enqueue(change: StatusChange): void {
    const event = statusChangedEvent(change);
    const record: DeliveryRecord = {
      eventId: event.id,
      contractId: event.data.contractId,
      status: event.data.status,
      sequence: event.data.sequence,
      attempts: 0,
      lastAnswer: null,
      state: 'scheduled',
      event,
      attemptLog: [],
    };
    this.records.push(record);
    if (!this.registration.current().events.includes(event.type) || !this.registration.current().url) {
      record.state = 'not_subscribed';
      return;
    }
    if (this.shouldDrop(record)) {
      record.state = 'dropped';
      return;
    }
    if (this.isHolding()) {
      this.heldOrder = this.settings.mode as 'reverse' | 'random';
      record.state = 'held';
      this.held.push(record);
      return;
    }
    this.schedule(this.settings.delayMs, () => this.attempt(record, 0));
  }

  /** Releases held events one after the other (each first attempt answered before the next is sent). */
  async flush(): Promise<number> {
    const held = this.held;
    this.held = [];
    const ordered = this.heldOrder === 'random' ? shuffle(held) : [...held].reverse();
    for (const record of ordered) {
      if (this.closing.signal.aborted) break;
      record.state = 'scheduled';
      await this.track(this.attempt(record, 0));
    }
    return ordered.length;
  }

  /**
   * Delivers an event once more, the same webhook-id and body with a new signature (a CLM's
   * "resend", or a retry whose first answer was lost: webhook.md, deliveries may come twice).
   * Undefined when no such event was recorded.
   */
  async redeliver(eventId: string): Promise<Answer | undefined> {
    const record = this.records.find((r) => r.eventId === eventId);
    if (!record) return undefined;
    const copy = Math.max(0, ...record.attemptLog.map((a) => a.copy)) + 1;
    return this.track(this.send(record, 0, copy).then(() => undefined)).then(() => record.lastAnswer ?? undefined);
  }

  async close(): Promise<void> {
    this.closing.abort();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    await Promise.allSettled([...this.inFlight]);
  }

  /** The order held events go out in: that of the mode they were held under, even after it changed. */
  private heldOrder: 'reverse' | 'random' = 'reverse';

  private isHolding(): boolean {
    return this.settings.mode === 'reverse' || this.settings.mode === 'random';
  }

  private shouldDrop(record: DeliveryRecord): boolean {
    if (this.settings.mode !== 'drop') return false;
    const match = this.settings.match;
    if (!match || (match.status === undefined && match.eventId === undefined)) {
      this.settings = { ...this.settings, mode: 'normal', match: undefined };
      return true;
    }
    return (match.status === undefined || match.status === record.status) && (match.eventId === undefined || match.eventId === record.eventId);
  }

  /** "drop" naming an event already on its way: its pending retries are cancelled too. */
  private dropPending(eventId: string): void {
    const record = this.records.find((r) => r.eventId === eventId);
    if (record && record.state !== 'delivered') record.state = 'dropped';
    this.held = this.held.filter((r) => r.eventId !== eventId);
  }

  private schedule(delayMs: number, run: () => Promise<void>): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.track(run());
    }, delayMs);
    this.timers.add(timer);
  }

  private track(work: Promise<void>): Promise<void> {
    this.inFlight.add(work);
    return work.finally(() => this.inFlight.delete(work));
  }

  private answerTimeoutMs(): number {
    return this.settings.answerTimeoutMs ?? Math.max(ANSWER_TIMEOUT_MS / this.settings.speedup, MIN_ANSWER_TIMEOUT_MS);
  }

  private async send(record: DeliveryRecord, nominalDelayMs: number, copy: number): Promise<Answer> {
    const registration = this.registration.current();
    const payload = JSON.stringify(record.event);
    const at = new Date(Date.now() + (this.settings.timestampSkewSeconds ?? 0) * 1000);
    const wrongSecret = this.settings.mode === 'wrong-secret';
    record.attempts += 1;
    const entry: AttemptRecord = {
      attempt: record.attempts,
      sentAt: at.toISOString(),
      webhookTimestamp: String(Math.floor(at.getTime() / 1000)),
      nominalDelayMs,
      signedWith: wrongSecret ? 'wrong-secret' : 'registered-secret',
      copy,
      answer: { error: 'pending' },
    };
    record.attemptLog.push(entry);
    let answer: Answer;
    if (!registration.url || !registration.secret) {
      answer = { error: 'no webhook registered' };
    } else {
      const secrets = wrongSecret ? [someOtherSecret()] : this.registration.signingSecrets();
      answer = await postAttempt(registration.url, signedHeaders(secrets, record.eventId, payload, at), payload, this.answerTimeoutMs(), this.closing.signal);
    }
    entry.answer = answer;
    record.lastAnswer = answer;
    return answer;
  }

  private async attempt(record: DeliveryRecord, nominalDelayMs: number): Promise<void> {
    if (record.state === 'dropped' || this.closing.signal.aborted) return;
    record.state = 'in_flight';
    const answer = await this.send(record, nominalDelayMs, 1);
    if (this.closing.signal.aborted) return;
    if ((record.state as DeliveryState) === 'dropped') return;
    if (isSuccess(answer)) {
      record.state = 'delivered';
      if (this.settings.mode === 'duplicate') await this.send(record, 0, 2);
      return;
    }
    const failures = record.attemptLog.filter((a) => a.copy === 1).length;
    const next = retryDelayMs(failures);
    if (next === undefined) {
      record.state = 'failed';
      return;
    }
    record.state = 'retrying';
    this.schedule(next / this.settings.speedup, () => this.attempt(record, next));
  }
}

function shuffle<T>(items: T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i -= 1) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}
