/**
 * The status processor: the queue function fed by the webhook receiver's queue. A message holds
 * one event (v1) or a group of them (v2, the receiver's group commit); each is applied to Dataverse
 * exactly as a lone event would be. Throwing hands the whole message back to the runtime, which
 * tries again and moves it to `<queue>-poison` after the fifth attempt (maxDequeueCount); events
 * of the group already applied are then duplicates (dedupe on the webhook-id), so a retried or
 * replayed group is harmless.
 *
 * The runtime makes a failed message visible again at once, so five quick failures during a short
 * Dataverse outage would poison a good event. Hence this function itself keeps trying through
 * throttling and outages (UnavailableError) for up to `outagePatienceMs` before giving it back.
 */
import type { InvocationContext } from '@azure/functions';
import { decodeQueueEvents, type QueueMessage } from '../../adapters/storage/event-queue';
import { realSleep } from '../../adapters/resilience';
import { UnavailableError } from '../../services/errors';
import { applyStatusEvent, type ApplyOutcome } from '../../services/status/apply-status-event';
import { parseWebhookBody } from '../../services/status/status-event';
import { safeLog } from '../http/safe-log';
import { webhookServices, type WebhookServices } from './webhook-services';

/**
 * Events of one group applied side by side. The runtime already runs several messages at once,
 * so concurrent events (even for one contract) are the normal case the ETag check is built for;
 * this keeps a group of 64 from taking 64 times one event's time.
 */
const GROUP_CONCURRENCY = 8;

export async function processStatusEventJob(message: unknown, context: InvocationContext): Promise<void> {
  const log = safeLog(context);
  const outcomes = await processQueuedEvent(message, webhookServices(), (m) => log.warn(m));
  for (const outcome of outcomes) if (outcome) log.info(`Status event: ${outcome.kind}`);
}

/** Applies every event of the message; answers one outcome per event (undefined: skipped), in message order. */
export async function processQueuedEvent(
  message: unknown,
  services: WebhookServices,
  warn: (m: string) => void,
  sleep = realSleep,
): Promise<(ApplyOutcome | undefined)[]> {
  const events = decodeQueueEvents(message);
  const outcomes: (ApplyOutcome | undefined)[] = new Array(events.length).fill(undefined);
  let failure: { error: unknown } | undefined;
  let outage = false;
  let next = 0;
  const worker = async () => {
    // After an outage outlasted its patience, starting the rest would only wait out the same
    // outage again; any other failure is the event's own, so the others still go ahead.
    while (next < events.length && !outage) {
      const i = next++;
      try {
        outcomes[i] = await processOne(events[i], services, warn, sleep);
      } catch (e) {
        failure ??= { error: e };
        if (e instanceof UnavailableError) outage = true;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(GROUP_CONCURRENCY, events.length) }, worker));
  if (failure) throw failure.error;
  return outcomes;
}

async function processOne(m: QueueMessage, services: WebhookServices, warn: (m: string) => void, sleep: typeof realSleep): Promise<ApplyOutcome | undefined> {
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
