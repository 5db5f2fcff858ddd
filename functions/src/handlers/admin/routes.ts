/** The admin functions of the app; `functions/src/routes.ts` gathers every area's list. */
import type { AppProvider } from '../../services/app-services';
import { RUN_QUEUE_NAME } from '../../services/runs/ports';
import type { AppFunctions } from '../function-types';
import { contactSyncTimer, syncContactsHandler } from './contact-sync';
import { getRunHandler, listRunsHandler, runWorkerJob } from './runs';
import { previewMappingHandler, saveMappingHandler, syncTemplatesHandler, templateSyncTimer, validateMappingHandler } from './templates';
import { healthHandler, registerWebhookHandler, replayPoisonedEventsHandler } from './webhook-admin';

export function adminFunctions(app: AppProvider): AppFunctions {
  return {
    http: [
      { name: 'registerWebhook', methods: ['POST'], route: 'admin/webhook', handler: registerWebhookHandler(app) },
      { name: 'replayStatusEvents', methods: ['POST'], route: 'admin/webhook/replay', handler: replayPoisonedEventsHandler(app) },
      { name: 'health', methods: ['GET'], route: 'admin/health', handler: healthHandler(app) },
      { name: 'syncTemplates', methods: ['POST'], route: 'admin/templates/sync', handler: syncTemplatesHandler(app) },
      { name: 'saveTemplateMapping', methods: ['PUT'], route: 'admin/templates/{templateId}/mapping', handler: saveMappingHandler(app) },
      { name: 'validateMapping', methods: ['POST'], route: 'admin/mappings/validate', handler: validateMappingHandler(app) },
      { name: 'previewMapping', methods: ['POST'], route: 'admin/mappings/preview', handler: previewMappingHandler(app) },
      { name: 'getRun', methods: ['GET'], route: 'admin/runs/{runId}', handler: getRunHandler(app) },
      { name: 'listRuns', methods: ['GET'], route: 'admin/runs', handler: listRunsHandler(app) },
      { name: 'syncContacts', methods: ['POST'], route: 'admin/contacts/sync', handler: syncContactsHandler(app) },
    ],
    timers: [
      { name: 'templateSync', schedule: '0 0 2 * * *', handler: templateSyncTimer(app) },
      { name: 'contactSyncTimer', schedule: '0 */15 * * * *', handler: contactSyncTimer(app) },
    ],
    // One queue for every kind of long run: the message names the kind, the run store holds the rest.
    queues: [{ name: 'runWorker', queueName: RUN_QUEUE_NAME, handler: runWorkerJob(app) }],
  };
}
