/** The admin functions of the app; `functions/src/routes.ts` gathers every area's list. */
import type { HttpRoute, QueueJob, TimerJob } from '../../routes';
import { contactSyncTimer, syncContactsHandler } from './contact-sync';
import { healthHandler, registerWebhookHandler, replayPoisonedEventsHandler } from './webhook-admin';

export const adminHttpRoutes: HttpRoute[] = [
  { name: 'registerWebhook', methods: ['POST'], route: 'admin/webhook', handler: registerWebhookHandler },
  { name: 'replayStatusEvents', methods: ['POST'], route: 'admin/webhook/replay', handler: replayPoisonedEventsHandler },
  { name: 'health', methods: ['GET'], route: 'admin/health', handler: healthHandler },
  { name: 'syncContacts', methods: ['POST'], route: 'admin/contacts/sync', handler: syncContactsHandler },
];
export const adminTimerJobs: TimerJob[] = [{ name: 'contactSyncTimer', schedule: '0 */15 * * * *', handler: contactSyncTimer }];
export const adminQueueJobs: QueueJob[] = [];
