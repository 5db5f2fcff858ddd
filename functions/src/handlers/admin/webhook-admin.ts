/**
 * Admin routes of the webhook: `POST /api/admin/webhook` (register with a new secret; body
 * `{ revokePrevious? }`), `POST /api/admin/webhook/replay` (our addition, docs/webhooks.md: move the
 * poison queue back), `GET /api/admin/health`.
 */
import { registerWebhookBodySchema, type HealthAnswer, type RegisterWebhookAnswer } from '../../../../api/admin';
import { ROUTE_ROLES } from '../../domain/roles';
import type { AppProvider } from '../../services/app-services';
import { checkHealth } from '../../services/health/check-health';
import { registerWebhook } from '../../services/webhooks/register-webhook';
import { endpoint } from '../http/endpoint';

export const registerWebhookHandler = (app: AppProvider) =>
  endpoint(app, {
    role: ROUTE_ROLES.admin,
    body: registerWebhookBodySchema,
    handle: async ({ body, log }) => {
      const { webhooks } = app();
      const answer: RegisterWebhookAnswer = await registerWebhook(
        { store: webhooks.secretStore, clm: webhooks.clm, connectorUrl: webhooks.connectorUrl, onSecretsChanged: () => webhooks.secrets.invalidate() },
        { revokePrevious: body.revokePrevious ?? false },
      );
      log.info(`Webhook registered at ${answer.webhook_url} with a new secret${body.revokePrevious ? '; the previous secret is revoked' : ''}.`);
      return { status: 200, body: answer };
    },
  });

export const replayPoisonedEventsHandler = (app: AppProvider) =>
  endpoint(app, {
    role: ROUTE_ROLES.admin,
    handle: async ({ log }) => {
      const replayed = await app().webhooks.poison.replay();
      log.info(`Replayed ${replayed} poisoned status event(s).`);
      return { status: 200, body: { replayed } };
    },
  });

export const healthHandler = (app: AppProvider) =>
  endpoint(app, {
    role: ROUTE_ROLES.admin,
    handle: async () => {
      const body: HealthAnswer = await checkHealth(app().health);
      return { status: 200, body };
    },
  });
