/**
 * Which secrets a delivery may be signed with right now, kept in memory for a few seconds so the
 * receiver's hot path is one queue write, not a blob read and a queue write.
 */
import type { Webhook } from 'standardwebhooks';
import type { WebhookSecrets, WebhookSecretStore } from '../ports';
import { NodeCryptoWebhook } from './signature-verifier';

/** How long the receiver trusts its copy; a failed verification re-reads at once (after a rotation). */
const SECRETS_CACHE_MS = 10_000;
const MIN_RELOAD_MS = 1_000;

/** current, pending, and previous while the rotation grace lasts (see docs/webhooks.md). */
export function acceptedSecrets(s: WebhookSecrets, now: Date): { secret: string; role: 'current' | 'pending' | 'previous' }[] {
  const out: { secret: string; role: 'current' | 'pending' | 'previous' }[] = [];
  if (s.current) out.push({ secret: s.current, role: 'current' });
  if (s.pending) out.push({ secret: s.pending, role: 'pending' });
  const inGrace = !s.confirmedAt || (s.previousUntil !== null && now.getTime() < Date.parse(s.previousUntil));
  if (s.previous && inGrace) out.push({ secret: s.previous, role: 'previous' });
  return out;
}

export class CachedSecrets {
  private value: WebhookSecrets | undefined;
  private loadedAt = 0;
  private loading: Promise<WebhookSecrets> | undefined;
  /** One verifier per live secret, so a delivery does not decode the key again. */
  private readonly verifiers = new Map<string, Webhook>();

  constructor(
    private readonly store: WebhookSecretStore,
    private readonly clock: () => number = Date.now,
  ) {}

  async get(): Promise<WebhookSecrets> {
    if (this.value && this.clock() - this.loadedAt < SECRETS_CACHE_MS) return this.value;
    return this.reload();
  }

  /** Re-read after a failed verification, at most once a second (a flood of bad signatures must not hammer storage). */
  async refreshIfOld(): Promise<WebhookSecrets | undefined> {
    if (this.value && this.clock() - this.loadedAt < MIN_RELOAD_MS) return undefined;
    return this.reload();
  }

  invalidate(): void {
    this.value = undefined;
  }

  /** The verifier of one of the secrets this cache holds. */
  verifier(secret: string): Webhook {
    let v = this.verifiers.get(secret);
    if (!v) {
      // Only a few secrets are live at once; a rotation's retired ones are dropped here.
      if (this.verifiers.size >= 8) this.verifiers.clear();
      v = new NodeCryptoWebhook(secret);
      this.verifiers.set(secret, v);
    }
    return v;
  }

  private reload(): Promise<WebhookSecrets> {
    this.loading ??= this.store
      .read()
      .then((v) => {
        this.value = v;
        this.loadedAt = this.clock();
        return v;
      })
      .finally(() => {
        this.loading = undefined;
      });
    return this.loading;
  }
}
