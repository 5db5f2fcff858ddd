/**
 * The CLM webhook receiver's use case (webhook.md "What the receiver owes"): verify the raw bytes,
 * then check the body, then keep the event durably, and only then acknowledge.
 *
 * Verification comes first and uses the bytes as received: parsing first would let an attacker's
 * body reach the parser, and re-serialising would break the signature.
 */
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import type { WebhookEventQueue } from '../ports';
import { parseWebhookBody } from '../status/status-event';
import { acceptedSecrets, type CachedSecrets } from './accepted-secrets';

export const MAX_WEBHOOK_BYTES = 256 * 1024;

/** The event is kept under its webhook-id in `dtclm_contractevent.dtclm_eventid`, a 100-character column. */
export const MAX_WEBHOOK_ID_LENGTH = 100;

export interface WebhookDelivery {
  body: Buffer;
  headers: { 'webhook-id'?: string | null; 'webhook-timestamp'?: string | null; 'webhook-signature'?: string | null };
}

export type ReceiveOutcome =
  | { status: 202; detail: string }
  | { status: 204; detail: string }
  | { status: 400; detail: string; problems: string[] }
  | { status: 401; detail: string }
  | { status: 413; detail: string }
  | { status: 503; detail: string; retryAfterSeconds: number };

export interface ReceiveDeps {
  secrets: CachedSecrets;
  queue: WebhookEventQueue;
  now?: () => Date;
  /** Called once when an event verifies with the current secret while the rotation awaits confirmation. */
  onCurrentSecretConfirmed?: () => void;
  log?: (message: string) => void;
}

export async function receiveWebhook(delivery: WebhookDelivery, deps: ReceiveDeps): Promise<ReceiveOutcome> {
  if (delivery.body.length > MAX_WEBHOOK_BYTES) return { status: 413, detail: `The body is over ${MAX_WEBHOOK_BYTES / 1024} KiB.` };
  const id = delivery.headers['webhook-id'];
  const timestamp = delivery.headers['webhook-timestamp'];
  const signature = delivery.headers['webhook-signature'];
  if (!id || !timestamp || !signature) return { status: 401, detail: 'The webhook-id, webhook-timestamp and webhook-signature headers are required.' };
  const raw = delivery.body.toString('utf8');
  const headers = { 'webhook-id': id, 'webhook-timestamp': timestamp, 'webhook-signature': signature };

  let verified: Verification;
  try {
    verified = verifyWith(await deps.secrets.get(), raw, headers, deps);
    if (verified.kind === 'bad-signature') {
      // Perhaps a rotation this instance has not seen yet: read the store again (rate-limited).
      const fresh = await deps.secrets.refreshIfOld();
      if (fresh) verified = verifyWith(fresh, raw, headers, deps);
    }
  } catch (e) {
    deps.log?.(`Webhook secrets could not be read: ${(e as Error).message}`);
    return { status: 503, detail: 'The connector cannot check the signature right now.', retryAfterSeconds: 5 };
  }
  if (verified.kind !== 'ok') return { status: 401, detail: verified.detail };
  if (verified.role === 'current' && verified.awaitingConfirmation) deps.onCurrentSecretConfirmed?.();
  // Checked once the delivery is known to be the CLM's: a longer id could not be kept, so the event
  // would fail on every try; refused now, in words, rather than poisoned later.
  if (id.length > MAX_WEBHOOK_ID_LENGTH) {
    return {
      status: 400,
      detail: 'The webhook-id is too long.',
      problems: [`webhook-id must be at most ${MAX_WEBHOOK_ID_LENGTH} characters (it has ${id.length}).`],
    };
  }

  const parsed = parseWebhookBody(raw, id);
  if (parsed.kind === 'invalid') return { status: 400, detail: 'The body is not a CLM webhook event.', problems: parsed.problems };
  if (parsed.kind === 'unknown-type') return { status: 204, detail: `Event type ${parsed.type} is not used by the connector.` };

  try {
    await deps.queue.enqueue({ webhookId: id, receivedAt: (deps.now?.() ?? new Date()).toISOString(), body: raw });
  } catch (e) {
    deps.log?.(`Webhook event ${id} could not be queued: ${(e as Error).message}`);
    return { status: 503, detail: 'The event could not be stored; the CLM will send it again.', retryAfterSeconds: 5 };
  }
  return { status: 202, detail: 'Accepted.' };
}

type Verification =
  | { kind: 'ok'; role: 'current' | 'pending' | 'previous'; awaitingConfirmation: boolean }
  | { kind: 'bad-signature'; detail: string }
  | { kind: 'refused'; detail: string };

function verifyWith(secrets: Awaited<ReturnType<CachedSecrets['get']>>, raw: string, headers: Record<string, string>, deps: ReceiveDeps): Verification {
  const candidates = acceptedSecrets(secrets, deps.now?.() ?? new Date());
  if (candidates.length === 0) return { kind: 'bad-signature', detail: 'No webhook is registered with this connector.' };
  for (const c of candidates) {
    try {
      new Webhook(c.secret).verify(raw, headers, { jsonParse: false });
      return { kind: 'ok', role: c.role, awaitingConfirmation: secrets.confirmedAt === null };
    } catch (e) {
      if (!(e instanceof WebhookVerificationError)) throw e;
      // A timestamp out of tolerance fails the same way with every secret: no need to try the others.
      if (/timestamp/i.test(e.message)) return { kind: 'refused', detail: 'The webhook-timestamp is more than 5 minutes from now.' };
    }
  }
  return { kind: 'bad-signature', detail: 'No signature matches.' };
}
