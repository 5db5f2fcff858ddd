/** The admin functions of the app; `functions/src/routes.ts` gathers every area's list. */
import type { AppProvider } from '../../services/app-services';
import { RUN_QUEUE_NAME } from '../../services/runs/ports';
import { httpRoute, type AppFunctions } from '../function-types';
import { contactSyncTimer, syncContactsHandler } from './contact-sync';
import { getRunHandler, listRunsHandler, runWorkerJob } from './runs';
import { previewMappingHandler, saveMappingHandler, syncTemplatesHandler, templateSyncTimer, validateMappingHandler } from './templates';
import { healthHandler, registerWebhookHandler, replayPoisonedEventsHandler } from './webhook-admin';

export function adminFunctions(app: AppProvider): AppFunctions {
  return {
    http: [
      httpRoute('registerWebhook', registerWebhookHandler(app)),
      httpRoute('replayStatusEvents', replayPoisonedEventsHandler(app)),
      httpRoute('health', healthHandler(app)),
      httpRoute('syncTemplates', syncTemplatesHandler(app)),
      httpRoute('saveTemplateMapping', saveMappingHandler(app)),
      httpRoute('validateMapping', validateMappingHandler(app)),
      httpRoute('previewMapping', previewMappingHandler(app)),
      httpRoute('getRun', getRunHandler(app)),
      httpRoute('listRuns', listRunsHandler(app)),
      httpRoute('syncContacts', syncContactsHandler(app)),
    ],
    timers: [
      { name: 'templateSync', schedule: '0 0 2 * * *', handler: templateSyncTimer(app) },
      { name: 'contactSyncTimer', schedule: '0 */15 * * * *', handler: contactSyncTimer(app) },
    ],
    // One queue for every kind of long run: the message names the kind, the run store holds the rest.
    queues: [{ name: 'runWorker', queueName: RUN_QUEUE_NAME, handler: runWorkerJob(app) }],
  };
}
