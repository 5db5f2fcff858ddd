/**
 * Admin routes of the webhook: `POST /api/admin/webhook` (register with a new secret),
 * `POST /api/admin/webhook/replay` (our addition, docs/webhooks.md: move the poison queue back),
 * `GET /api/admin/health`.
 */
import type { HealthAnswer, RegisterWebhookAnswer } from '../../../../api/admin';
import { ROUTE_ROLES } from '../../domain/roles';
import { checkHealth } from '../../services/health/check-health';
import { registerWebhook } from '../../services/webhooks/register-webhook';
import { getAppContext } from '../../app-context';
import { getConfig } from '../../config';
import { endpoint } from '../http/endpoint';
import { webhookServices } from '../webhooks/webhook-services';

export const registerWebhookHandler = endpoint({
  role: ROUTE_ROLES.admin,
  handle: async ({ log }) => {
    const s = webhookServices();
    const body: RegisterWebhookAnswer = await registerWebhook({
      store: s.secretStore,
      clm: s.clm,
      connectorUrl: s.connectorUrl,
      onSecretsChanged: () => s.secrets.invalidate(),
    });
    log.info(`Webhook registered at ${body.webhook_url} with a new secret.`);
    return { status: 200, body };
  },
});

export const replayPoisonedEventsHandler = endpoint({
  role: ROUTE_ROLES.admin,
  handle: async ({ log }) => {
    const replayed = await webhookServices().poison.replay();
    log.info(`Replayed ${replayed} poisoned status event(s).`);
    return { status: 200, body: { replayed } };
  },
});

export const healthHandler = endpoint({
  role: ROUTE_ROLES.admin,
  handle: async () => {
    const s = webhookServices();
    const body: HealthAnswer = await checkHealth({
      pingDataverse: s.pingDataverse,
      clm: s.clm,
      connectorUrl: s.connectorUrl,
      poisonCount: () => s.poison.count(),
      scimConfigured: Boolean(getConfig().scim),
      brokenTemplates: () => getAppContext().templateAdmin().brokenActive(),
    });
    return { status: 200, body };
  },
});
