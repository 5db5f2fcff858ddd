/**
 * The status processor: the queue function fed by the webhook receiver's queue. It applies one
 * event to Dataverse. Throwing hands the message back to the runtime, which tries again and moves
 * it to `<queue>-poison` after the fifth attempt (maxDequeueCount).
 *
 * The runtime makes a failed message visible again at once, so five quick failures during a short
 * Dataverse outage would poison a good event. Hence this function itself keeps trying through
 * throttling and outages (UnavailableError) for up to `outagePatienceMs` before giving it back.
 */
import type { InvocationContext } from '@azure/functions';
import { decodeQueueMessage } from '../../adapters/storage/event-queue';
import { realSleep } from '../../adapters/resilience';
import { UnavailableError } from '../../services/errors';
import { applyStatusEvent, type ApplyOutcome } from '../../services/status/apply-status-event';
import { parseWebhookBody } from '../../services/status/status-event';
import { safeLog } from '../http/safe-log';
import { webhookServices, type WebhookServices } from './webhook-services';

export async function processStatusEventJob(message: unknown, context: InvocationContext): Promise<void> {
  const log = safeLog(context);
  const outcome = await processQueuedEvent(message, webhookServices(), (m) => log.warn(m));
  if (outcome) log.info(`Status event: ${outcome.kind}`);
}

export async function processQueuedEvent(message: unknown, services: WebhookServices, warn: (m: string) => void, sleep = realSleep): Promise<ApplyOutcome | undefined> {
  const m = decodeQueueMessage(message);
  const body = await services.queue.bodyOf(m);
  const parsed = parseWebhookBody(body, m.webhookId);
  if (parsed.kind !== 'status') {
    // The receiver checked it; a message that does not parse now never will: dropping it is right.
    warn(`Queued webhook ${m.webhookId} is not a status event (${parsed.kind}); skipped.`);
    return undefined;
  }
  const deadline = Date.now() + services.outagePatienceMs;
  for (let pause = 1000; ; pause = Math.min(pause * 2, 15_000)) {
    try {
      return await applyStatusEvent(parsed.event, { store: services.store, clm: services.clm, log: warn });
    } catch (e) {
      if (!(e instanceof UnavailableError) || Date.now() + pause > deadline) throw e;
      warn(`Status event ${m.webhookId}: ${e.service} unavailable, trying again in ${pause} ms.`);
      // At least what the service asked for (capped: the message's visibility lease is 5 min).
      await sleep(Math.max(pause, Math.min(e.retryAfterSeconds * 1000, 30_000)));
    }
  }
}
