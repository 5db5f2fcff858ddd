/** The admin functions of the app; `functions/src/routes.ts` gathers every area's list. */
import type { HttpRoute, QueueJob, TimerJob } from '../../routes';
import { healthHandler, registerWebhookHandler, replayPoisonedEventsHandler } from './webhook-admin';

export const adminHttpRoutes: HttpRoute[] = [
  { name: 'registerWebhook', methods: ['POST'], route: 'admin/webhook', handler: registerWebhookHandler },
  { name: 'replayStatusEvents', methods: ['POST'], route: 'admin/webhook/replay', handler: replayPoisonedEventsHandler },
  { name: 'health', methods: ['GET'], route: 'admin/health', handler: healthHandler },
];
export const adminTimerJobs: TimerJob[] = [];
export const adminQueueJobs: QueueJob[] = [];
