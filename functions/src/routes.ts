/**
 * The one list of the app's functions. `index.ts` registers each with the Functions runtime
 * (`app.http`, `app.timer`, `app.storageQueue`); the sandbox's dev host serves the very same list,
 * so a route exists in the sandbox exactly when it exists in Azure.
 *
 * Each area (contracts, webhooks, admin) keeps its own list in `handlers/<area>/routes.ts`.
 */
import type { HttpHandler, HttpMethod, StorageQueueHandler, TimerHandler } from '@azure/functions';
import { adminHttpRoutes, adminQueueJobs, adminTimerJobs } from './handlers/admin/routes';
import { contractsHttpRoutes, contractsQueueJobs, contractsTimerJobs } from './handlers/contracts/routes';
import { webhooksHttpRoutes, webhooksQueueJobs, webhooksTimerJobs } from './handlers/webhooks/routes';

export interface HttpRoute {
  name: string;
  methods: HttpMethod[];
  /** Route template below the `/api` prefix, as Azure Functions writes it: `contracts/{contractId}/validation`. */
  route: string;
  handler: HttpHandler;
}

export interface TimerJob {
  name: string;
  /** NCRONTAB with seconds, as Azure Functions timers take it: `0 0 2 * * *`. */
  schedule: string;
  handler: TimerHandler;
}

export interface QueueJob {
  name: string;
  queueName: string;
  handler: StorageQueueHandler;
}

export const httpRoutes: HttpRoute[] = [...contractsHttpRoutes, ...webhooksHttpRoutes, ...adminHttpRoutes];
export const timerJobs: TimerJob[] = [...contractsTimerJobs, ...webhooksTimerJobs, ...adminTimerJobs];
export const queueJobs: QueueJob[] = [...contractsQueueJobs, ...webhooksQueueJobs, ...adminQueueJobs];
