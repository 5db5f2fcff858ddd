import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

/**
 * Standard Webhooks headers for one attempt, signed by the `standardwebhooks` package itself so the
 * signature is the real scheme: HMAC-SHA256 of `{id}.{timestamp}.{body}` keyed by the secret's bytes.
 */
export function signedHeaders(secrets: string[], eventId: string, payload: string, at: Date): Record<string, string> {
  return {
    'content-type': 'application/json',
    'webhook-id': eventId,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    // Several space-separated signatures while the secret is being rotated (webhook.md).
    'webhook-signature': secrets.map((secret) => new Webhook(secret).sign(eventId, at, payload)).join(' '),
  };
}

/** A well-formed secret that is not the registered one: for the "wrong-secret" delivery mode. */
export function someOtherSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}
