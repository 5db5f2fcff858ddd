/** The contracts functions of the app; `functions/src/routes.ts` gathers every area's list. */
import type { HttpRoute, QueueJob, TimerJob } from '../../routes';

export const contractsHttpRoutes: HttpRoute[] = [];
export const contractsTimerJobs: TimerJob[] = [];
export const contractsQueueJobs: QueueJob[] = [];
