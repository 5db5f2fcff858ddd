/**
 * The CLM webhook receiver's use case (webhook.md "What the receiver owes"): verify the raw bytes,
 * then check the body, then keep the event durably, and only then acknowledge.
 *
 * Verification comes first and uses the bytes as received: parsing first would let an attacker's
 * body reach the parser, and re-serialising would break the signature. The size limit is the
 * HTTP layer's (it stops reading past MAX_WEBHOOK_BYTES).
 *
 * Answers 202 (kept) or 204 (an event type the connector does not use); every refusal is a
 * ConnectorError: BadSignatureError 401, BadRequestError 400, UnavailableError 503.
 */
import { WebhookVerificationError } from 'standardwebhooks';
import { BadRequestError, BadSignatureError, UnavailableError } from '../errors';
import type { WebhookEventQueue, WebhookSecretStore } from '../ports';
import { parseWebhookBody } from '../status/status-event';
import { acceptedSecrets, type CachedSecrets } from './accepted-secrets';

export const MAX_WEBHOOK_BYTES = 256 * 1024;

/** The event is kept under its webhook-id in `dtclm_contractevent.dtclm_eventid`, a 100-character column. */
const MAX_WEBHOOK_ID_LENGTH = 100;

export interface WebhookDelivery {
  body: Buffer;
  headers: { 'webhook-id'?: string | null; 'webhook-timestamp'?: string | null; 'webhook-signature'?: string | null };
}

export type ReceiveOutcome = { status: 202 } | { status: 204; detail: string };

export interface ReceiveDeps {
  secrets: CachedSecrets;
  /** Where the rotation's confirmation is recorded (the CLM signed with the new secret). */
  secretStore: WebhookSecretStore;
  queue: WebhookEventQueue;
  now?: () => Date;
  log: (message: string) => void;
}

export async function receiveWebhook(delivery: WebhookDelivery, deps: ReceiveDeps): Promise<ReceiveOutcome> {
  const id = delivery.headers['webhook-id'];
  const timestamp = delivery.headers['webhook-timestamp'];
  const signature = delivery.headers['webhook-signature'];
  if (!id || !timestamp || !signature) throw new BadSignatureError('The webhook-id, webhook-timestamp and webhook-signature headers are required.');
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
    deps.log(`Webhook secrets could not be read: ${(e as Error).message}`);
    throw new UnavailableError('The connector cannot check the signature right now.', 5, 'storage');
  }
  if (verified.kind !== 'ok') throw new BadSignatureError(verified.detail);
  if (verified.role === 'current' && verified.awaitingConfirmation) void confirmCurrentSecret(deps);
  // Checked once the delivery is known to be the CLM's: a longer id could not be kept, so the event
  // would fail on every try; refused now, in words, rather than poisoned later.
  if (id.length > MAX_WEBHOOK_ID_LENGTH) {
    throw new BadRequestError('The webhook-id is too long.', [
      { field: 'webhook-id', message: `webhook-id must be at most ${MAX_WEBHOOK_ID_LENGTH} characters (it has ${id.length}).` },
    ]);
  }

  const parsed = parseWebhookBody(raw, id);
  if (parsed.kind === 'invalid') throw new BadRequestError('The body is not a CLM webhook event.', parsed.problems);
  if (parsed.kind === 'unknown-type') return { status: 204, detail: `Event type ${parsed.type} is not used by the connector.` };

  try {
    await deps.queue.enqueue({ webhookId: id, receivedAt: (deps.now?.() ?? new Date()).toISOString(), body: raw });
  } catch (e) {
    deps.log(`Webhook event ${id} could not be queued: ${(e as Error).message}`);
    throw new UnavailableError('The event could not be stored; the CLM will send it again.', 5, 'storage');
  }
  return { status: 202 };
}

/**
 * The CLM has signed with the new secret: the rotation is confirmed, recorded once. Not awaited by
 * the delivery (its answer must not wait on it); a failure is retried by the next event.
 */
async function confirmCurrentSecret(deps: ReceiveDeps): Promise<void> {
  try {
    await deps.secretStore.update((s) => (s.confirmedAt ? null : { ...s, confirmedAt: (deps.now?.() ?? new Date()).toISOString() }));
    deps.secrets.invalidate();
  } catch (e) {
    deps.log(`Could not record the webhook secret's confirmation: ${(e as Error).message}`);
  }
}

type Verification =
  | { kind: 'ok'; role: 'current' | 'pending' | 'previous'; awaitingConfirmation: boolean }
  | { kind: 'bad-signature'; detail: string }
  | { kind: 'refused'; detail: string };

function verifyWith(
  secrets: Awaited<ReturnType<CachedSecrets['get']>>,
  raw: string,
  headers: Record<string, string>,
  deps: Pick<ReceiveDeps, 'now' | 'secrets'>,
): Verification {
  const candidates = acceptedSecrets(secrets, deps.now?.() ?? new Date());
  if (candidates.length === 0) return { kind: 'bad-signature', detail: 'No webhook is registered with this connector.' };
  for (const c of candidates) {
    try {
      deps.secrets.verifier(c.secret).verify(raw, headers, { jsonParse: false });
      return { kind: 'ok', role: c.role, awaitingConfirmation: secrets.confirmedAt === null };
    } catch (e) {
      if (!(e instanceof WebhookVerificationError)) throw e;
      // A timestamp out of tolerance fails the same way with every secret: no need to try the others.
      if (/timestamp/i.test(e.message)) return { kind: 'refused', detail: 'The webhook-timestamp is more than 5 minutes from now.' };
    }
  }
  return { kind: 'bad-signature', detail: 'No signature matches.' };
}
