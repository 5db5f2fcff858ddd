/**
 * `POST /api/webhooks/clm`: the CLM status webhook (webhook.md). Not behind Entra: the signature
 * is the only proof the call comes from the CLM, so this handler does not use the HTTP endpoint
 * wrapper. It reads at most 256 KiB, then leaves everything to receiveWebhook().
 */
import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import { PROBLEM_CONTENT_TYPE } from '../../../../api/problem';
import { PayloadTooLargeError } from '../../services/errors';
import { MAX_WEBHOOK_BYTES, receiveWebhook, type ReceiveOutcome } from '../../services/webhooks/receive-webhook';
import { problemType } from '../http/problem';
import { readBody } from '../http/read-body';
import { safeLog } from '../http/safe-log';
import { webhookServices } from './webhook-services';

const TITLES: Record<number, string> = { 400: 'Bad request', 401: 'Bad signature', 413: 'Request too large', 503: 'Service unavailable' };

export async function clmWebhookHandler(request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> {
  const log = safeLog(context);
  let body: Buffer;
  try {
    body = await readBody(request, MAX_WEBHOOK_BYTES);
  } catch (e) {
    if (e instanceof PayloadTooLargeError) return answer({ status: 413, detail: `The body is over ${MAX_WEBHOOK_BYTES / 1024} KiB.` }, context.invocationId);
    throw e;
  }
  const services = webhookServices();
  const outcome = await receiveWebhook(
    {
      body,
      headers: {
        'webhook-id': request.headers.get('webhook-id'),
        'webhook-timestamp': request.headers.get('webhook-timestamp'),
        'webhook-signature': request.headers.get('webhook-signature'),
      },
    },
    {
      secrets: services.secrets,
      queue: services.receiverQueue,
      onCurrentSecretConfirmed: () => void confirmCurrentSecret(services.secretStore, services.secrets, log.warn),
      log: (m) => log.warn(m),
    },
  );
  if (outcome.status === 401) log.warn(`Webhook refused (401): ${outcome.detail}`);
  return answer(outcome, context.invocationId);
}

/** The CLM has signed with the new secret: the rotation is confirmed (recorded once; failures are retried by the next event). */
async function confirmCurrentSecret(
  store: ReturnType<typeof webhookServices>['secretStore'],
  cache: ReturnType<typeof webhookServices>['secrets'],
  warn: (m: string) => void,
): Promise<void> {
  try {
    await store.update((s) => (s.confirmedAt ? null : { ...s, confirmedAt: new Date().toISOString() }));
    cache.invalidate();
  } catch (e) {
    warn(`Could not record the webhook secret's confirmation: ${(e as Error).message}`);
  }
}

function answer(outcome: ReceiveOutcome, traceId: string): HttpResponseInit {
  if (outcome.status === 202 || outcome.status === 204) return { status: outcome.status };
  const headers: Record<string, string> = { 'Content-Type': PROBLEM_CONTENT_TYPE };
  if (outcome.status === 503) headers['Retry-After'] = String(outcome.retryAfterSeconds);
  const problems = outcome.status === 400 ? outcome.problems.map((p) => ({ field: p.split(':')[0], message: p })) : undefined;
  return {
    status: outcome.status,
    headers,
    body: JSON.stringify({
      type: problemType(outcome.status),
      title: TITLES[outcome.status],
      status: outcome.status,
      detail: outcome.detail,
      ...(problems ? { errors: problems } : {}),
      traceId,
    }),
  };
}
