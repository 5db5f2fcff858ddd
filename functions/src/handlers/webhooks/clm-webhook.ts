/**
 * `POST /api/webhooks/clm`: the CLM status webhook (webhook.md). Not behind Entra: the signature
 * is the only proof the call comes from the CLM, so this handler does not use the endpoint
 * wrapper. It reads at most 256 KiB (413), then leaves everything to receiveWebhook(); refusals
 * are answered as problem+json like every other route.
 */
import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import type { AppProvider } from '../../services/app-services';
import { MAX_WEBHOOK_BYTES, receiveWebhook } from '../../services/webhooks/receive-webhook';
import { problemResponse } from '../http/problem';
import { readBody } from '../http/read-body';
import { safeLog } from '../http/safe-log';

export const clmWebhookHandler =
  (app: AppProvider) =>
  async (request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> => {
    const services = app();
    const log = safeLog(context, services.redactor);
    try {
      const body = await readBody(request, MAX_WEBHOOK_BYTES);
      const { webhooks } = services;
      const outcome = await receiveWebhook(
        {
          body,
          headers: {
            'webhook-id': request.headers.get('webhook-id'),
            'webhook-timestamp': request.headers.get('webhook-timestamp'),
            'webhook-signature': request.headers.get('webhook-signature'),
          },
        },
        { secrets: webhooks.secrets, secretStore: webhooks.secretStore, queue: webhooks.receiverQueue, log: (m) => log.warn(m) },
      );
      return { status: outcome.status };
    } catch (error) {
      const answer = problemResponse(error, context.invocationId);
      if (answer.status === 401) log.warn(`Webhook refused (401): ${(error as Error).message}`);
      else if ((answer.status ?? 500) >= 500) log.error(`Webhook failed (trace ${context.invocationId}):`, error);
      return answer;
    }
  };
