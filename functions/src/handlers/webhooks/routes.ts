/** The webhooks functions of the app; `functions/src/routes.ts` gathers every area's list. */
import type { HttpRoute, QueueJob, TimerJob } from '../../routes';

export const webhooksHttpRoutes: HttpRoute[] = [];
export const webhooksTimerJobs: TimerJob[] = [];
export const webhooksQueueJobs: QueueJob[] = [];
