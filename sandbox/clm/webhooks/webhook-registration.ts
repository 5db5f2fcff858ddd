import { Router } from 'express';
import { ClmError, type ErrorDetail } from '../errors';

/**
 * The organisation's webhook registration (GET/PUT /webhook). The secret is kept for signing and
 * never shown back: GET answers the url and the events only.
 */
export interface WebhookRegistration {
  url: string | null;
  secret: string | null;
  events: string[];
  /** The secret replaced by the last PUT, still signed with for ROTATION_WINDOW_MS (webhook.md: several signatures while the secret is being rotated). */
  previousSecret?: string;
  rotatedAtMs?: number;
}

/** How long deliveries carry a signature with the replaced secret too, so a receiver can roll over without losing events. */
const ROTATION_WINDOW_MS = 24 * 60 * 60 * 1000;

export const STATUS_CHANGED = 'contract.status_changed';

/** "whsec_ followed by base64 of 24 to 64 random bytes" (clm-api.yaml PUT /webhook). */
function secretProblem(secret: string): string | undefined {
  const m = /^whsec_([A-Za-z0-9+/]+={0,2})$/.exec(secret);
  if (!m || m[1].length % 4 !== 0) return 'must be whsec_ followed by standard base64';
  const bytes = Buffer.from(m[1], 'base64').length;
  if (bytes < 24 || bytes > 64) return `must carry 24 to 64 bytes (got ${bytes})`;
  return undefined;
}

function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** https only, except loopback (a developer's machine or a test) which may use http. */
function urlProblem(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'must be an absolute URL';
  }
  if (url.protocol === 'https:') return undefined;
  if (url.protocol === 'http:' && isLoopback(url.hostname)) return undefined;
  return 'must be https (http is accepted only for loopback addresses)';
}

export class WebhookRegistrationStore {
  private registration: WebhookRegistration = { url: null, secret: null, events: [STATUS_CHANGED] };

  current(): WebhookRegistration {
    return { ...this.registration, events: [...this.registration.events] };
  }

  set(url: string, secret: string, events?: string[]): void {
    const old = this.registration.secret;
    const rotating = old !== null && old !== secret ? { previousSecret: old, rotatedAtMs: Date.now() } : {};
    this.registration = { url, secret, events: events ?? [STATUS_CHANGED], ...rotating };
  }

  /** The secrets a delivery is signed with now: the current one, and the replaced one during its rotation window. */
  signingSecrets(): string[] {
    const { secret, previousSecret, rotatedAtMs } = this.registration;
    if (!secret) return [];
    const rotating = previousSecret !== undefined && rotatedAtMs !== undefined && Date.now() - rotatedAtMs < ROTATION_WINDOW_MS;
    return rotating ? [secret, previousSecret] : [secret];
  }
}

export function webhookRoutes(store: WebhookRegistrationStore): Router {
  const router = Router();

  router.get('/webhook', (_req, res) => {
    const { url, events } = store.current();
    res.status(200).json({ webhook_url: url, events });
  });

  router.put('/webhook', (req, res) => {
    const body = req.body as { webhook_url: string; secret: string; events?: string[] };
    const details: ErrorDetail[] = [];
    const badUrl = urlProblem(body.webhook_url);
    if (badUrl) details.push({ field: 'webhook_url', message: badUrl });
    const badSecret = secretProblem(body.secret);
    if (badSecret) details.push({ field: 'secret', message: badSecret });
    if (details.length > 0) throw new ClmError(422, 'validation_failed', 'The webhook url or secret is not acceptable', details);
    store.set(body.webhook_url, body.secret, body.events);
    // "200: saved" has no body in the spec, so none is sent.
    res.status(200).end();
  });

  return router;
}
