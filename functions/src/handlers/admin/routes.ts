/** The admin functions of the app; `functions/src/routes.ts` gathers every area's list. */
import type { AppProvider } from '../../services/app-services';
import type { AppFunctions } from '../function-types';
import { contactSyncTimer, syncContactsHandler } from './contact-sync';
import { healthHandler, registerWebhookHandler, replayPoisonedEventsHandler } from './webhook-admin';

export function adminFunctions(app: AppProvider): AppFunctions {
  return {
    http: [
      { name: 'registerWebhook', methods: ['POST'], route: 'admin/webhook', handler: registerWebhookHandler(app) },
      { name: 'replayStatusEvents', methods: ['POST'], route: 'admin/webhook/replay', handler: replayPoisonedEventsHandler(app) },
      { name: 'health', methods: ['GET'], route: 'admin/health', handler: healthHandler(app) },
      { name: 'syncContacts', methods: ['POST'], route: 'admin/contacts/sync', handler: syncContactsHandler(app) },
    ],
    timers: [{ name: 'contactSyncTimer', schedule: '0 */15 * * * *', handler: contactSyncTimer(app) }],
    queues: [],
  };
}
