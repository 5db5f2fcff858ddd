/** The admin functions of the app; `functions/src/routes.ts` gathers every area's list. */
import type { HttpRoute, QueueJob, TimerJob } from '../../routes';

export const adminHttpRoutes: HttpRoute[] = [];
export const adminTimerJobs: TimerJob[] = [];
export const adminQueueJobs: QueueJob[] = [];
