/** The status processor: the queue function fed by the webhook receiver's queue (services/status/process-queued-events.ts). */
import type { InvocationContext } from '@azure/functions';
import type { AppProvider } from '../../services/app-services';
import { processQueuedEvents } from '../../services/status/process-queued-events';
import { safeLog } from '../http/safe-log';

export const processStatusEventJob =
  (app: AppProvider) =>
  async (message: unknown, context: InvocationContext): Promise<void> => {
    const { webhooks, redactor } = app();
    const log = safeLog(context, redactor);
    const outcomes = await processQueuedEvents(message, {
      queue: webhooks.queue,
      store: webhooks.store,
      clm: webhooks.clm,
      orgUrl: webhooks.orgUrl,
      outageRetry: webhooks.outageRetry,
      log: (m) => log.warn(m),
      outcomes: webhooks.outcomes,
    });
    for (const outcome of outcomes) if (outcome) log.info(`Status event: ${outcome.kind}`);
  };
