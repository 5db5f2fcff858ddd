/**
 * `POST /api/admin/webhook`: points the CLM's webhook at this app with a newly made secret, replacing
 * the product guide's "copy the flow URL by hand" step.
 *
 * The rotation never leaves a moment where the CLM signs with a secret the connector refuses:
 * 1. the new secret is stored as `pending` (accepted from now on);
 * 2. `PUT /webhook` gives it to the CLM (which then signs with both new and old for 24 h);
 * 3. it becomes `current`; the old one becomes `previous`, accepted until the CLM has confirmed the
 *    new one (an event verified with it) and for at least PREVIOUS_GRACE_MS after the rotation.
 * If step 2 fails, `pending` is dropped and nothing else changed.
 *
 * `revokePrevious` (a leaked secret): the old secret is dropped at step 3 instead of kept for the
 * grace period, so a delivery signed with it alone is refused from then on. The CLM signs with
 * both during its own rotation, so its deliveries keep verifying with the new one.
 */
import { ENVIRONMENT_VARIABLES } from '../../../../api/vocabulary/environment-variables';
import { randomBytes } from 'node:crypto';
import { UnprocessableError } from '../errors';
import type { ClmWebhookApi, WebhookSecretStore } from '../ports';

const PREVIOUS_GRACE_MS = 24 * 60 * 60 * 1000;
const WEBHOOK_PATH = '/webhooks/clm';

export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

/** The webhook's public URL from `dtclm_connector_url` (the functions app base, ending in /api). */
export function webhookUrlOf(connectorUrl: string): string {
  return `${connectorUrl.replace(/\/+$/, '')}${WEBHOOK_PATH}`;
}

export interface RegisterDeps {
  store: WebhookSecretStore;
  clm: ClmWebhookApi;
  connectorUrl: () => Promise<string | undefined>;
  now?: () => Date;
  /** Called once the store changed, so this instance's cached secrets are dropped. */
  onSecretsChanged?: () => void;
}

export interface RegisterOptions {
  revokePrevious?: boolean;
}

export async function registerWebhook(deps: RegisterDeps, options: RegisterOptions = {}): Promise<{ webhook_url: string }> {
  const base = await deps.connectorUrl();
  if (!base)
    throw new UnprocessableError(
      `The environment variable Dilitrust_Connector URL (${ENVIRONMENT_VARIABLES.connectorUrl}) is empty: set it to this app's URL, ending in /api.`,
      [{ field: ENVIRONMENT_VARIABLES.connectorUrl, message: 'required' }],
    );
  const webhookUrl = webhookUrlOf(base);
  const secret = newWebhookSecret();

  await deps.store.update((s) => ({ ...s, pending: secret }));
  deps.onSecretsChanged?.();
  try {
    await deps.clm.putWebhook({ webhook_url: webhookUrl, secret });
  } catch (e) {
    await deps.store.update((s) => (s.pending === secret ? { ...s, pending: null } : null)).catch(() => undefined);
    deps.onSecretsChanged?.();
    throw e;
  }
  const now = deps.now?.() ?? new Date();
  await deps.store.update((s) => ({
    ...s,
    previous: options.revokePrevious ? null : (s.current ?? s.previous),
    previousUntil: options.revokePrevious ? null : new Date(now.getTime() + PREVIOUS_GRACE_MS).toISOString(),
    current: secret,
    pending: s.pending === secret ? null : s.pending,
    confirmedAt: null,
    webhookUrl,
    rotatedAt: now.toISOString(),
  }));
  deps.onSecretsChanged?.();
  return { webhook_url: webhookUrl };
}
