/** The webhooks functions of the app; `functions/src/routes.ts` gathers every area's list. */
import type { AppProvider } from '../../services/app-services';
import { WEBHOOK_QUEUE_NAME } from '../../services/webhooks/queue-names';
import { httpRoute, type AppFunctions } from '../function-types';
import { clmWebhookHandler } from './clm-webhook';
import { processStatusEventJob } from './process-status-event';
import { reconcileTimer, refreshContractHandler } from './reconcile';

export function webhooksFunctions(app: AppProvider): AppFunctions {
  return {
    http: [
      // Signed by the CLM (Standard Webhooks), not authenticated by Entra.
      httpRoute('clmWebhook', clmWebhookHandler(app)),
      // Listed here (not in the contracts area) because it is the webhook's safety net: see reconcile.ts.
      httpRoute('refreshContract', refreshContractHandler(app)),
    ],
    timers: [{ name: 'reconcileStatuses', schedule: '0 0 3 * * *', handler: reconcileTimer(app) }],
    queues: [{ name: 'applyStatusEvents', queueName: WEBHOOK_QUEUE_NAME, handler: processStatusEventJob(app) }],
  };
}
