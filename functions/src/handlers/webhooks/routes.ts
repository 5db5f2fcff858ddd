/** The webhooks functions of the app; `functions/src/routes.ts` gathers every area's list. */
import { WEBHOOK_QUEUE_NAME } from '../../adapters/storage/event-queue';
import type { HttpRoute, QueueJob, TimerJob } from '../../routes';
import { clmWebhookHandler } from './clm-webhook';
import { processStatusEventJob } from './process-status-event';
import { reconcileTimer, refreshContractHandler } from './reconcile';

export const webhooksHttpRoutes: HttpRoute[] = [
  // Signed by the CLM (Standard Webhooks), not authenticated by Entra.
  { name: 'clmWebhook', methods: ['POST'], route: 'webhooks/clm', handler: clmWebhookHandler },
  // Listed here (not in the contracts area) because it is the webhook's safety net: see reconcile.ts.
  { name: 'refreshContract', methods: ['POST'], route: 'contracts/{contractId}/refresh', handler: refreshContractHandler },
];
export const webhooksTimerJobs: TimerJob[] = [{ name: 'reconcileStatuses', schedule: '0 0 3 * * *', handler: reconcileTimer }];
export const webhooksQueueJobs: QueueJob[] = [{ name: 'applyStatusEvents', queueName: WEBHOOK_QUEUE_NAME, handler: processStatusEventJob }];
