/** The admin functions of the app; `functions/src/routes.ts` gathers every area's list. */
import type { HttpRoute, QueueJob, TimerJob } from '../../routes';
import { RUN_QUEUE_NAME } from '../../adapters/storage/run-queue';
import { getRunHandler, listRunsHandler, runWorkerJob } from './runs';
import { previewMappingHandler, saveMappingHandler, syncTemplatesHandler, templateSyncTimer, validateMappingHandler } from './templates';
import { healthHandler, registerWebhookHandler, replayPoisonedEventsHandler } from './webhook-admin';

export const adminHttpRoutes: HttpRoute[] = [
  { name: 'registerWebhook', methods: ['POST'], route: 'admin/webhook', handler: registerWebhookHandler },
  { name: 'replayStatusEvents', methods: ['POST'], route: 'admin/webhook/replay', handler: replayPoisonedEventsHandler },
  { name: 'health', methods: ['GET'], route: 'admin/health', handler: healthHandler },
  { name: 'syncTemplates', methods: ['POST'], route: 'admin/templates/sync', handler: syncTemplatesHandler },
  { name: 'saveTemplateMapping', methods: ['PUT'], route: 'admin/templates/{templateId}/mapping', handler: saveMappingHandler },
  { name: 'validateMapping', methods: ['POST'], route: 'admin/mappings/validate', handler: validateMappingHandler },
  { name: 'previewMapping', methods: ['POST'], route: 'admin/mappings/preview', handler: previewMappingHandler },
  { name: 'getRun', methods: ['GET'], route: 'admin/runs/{runId}', handler: getRunHandler },
  { name: 'listRuns', methods: ['GET'], route: 'admin/runs', handler: listRunsHandler },
];
export const adminTimerJobs: TimerJob[] = [{ name: 'templateSync', schedule: '0 0 2 * * *', handler: templateSyncTimer }];
// One queue for every kind of long run: the message names the kind, the run store holds the rest.
export const adminQueueJobs: QueueJob[] = [{ name: 'runWorker', queueName: RUN_QUEUE_NAME, handler: runWorkerJob }];
