/**
 * The shapes of the app's functions, as `functions/src/index.ts` registers them with the Functions
 * runtime (`app.http`, `app.timer`, `app.storageQueue`) and the sandbox's dev host serves them.
 */
import { ROUTES, type RouteName } from '../../../api/routes';
import type { HttpHandler, HttpMethod, StorageQueueHandler, TimerHandler } from '@azure/functions';

export interface HttpRoute {
  name: string;
  methods: HttpMethod[];
  /** Route template below the `/api` prefix, as Azure Functions writes it: `contracts/{contractId}/validation`. */
  route: string;
  handler: HttpHandler;
}

/** A route of api/routes.ts with its handler: the name, method and path come from the one table. */
export function httpRoute(name: RouteName, handler: HttpHandler): HttpRoute {
  return { name, methods: [ROUTES[name].method], route: ROUTES[name].path, handler };
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

/** Every function of an area (or of the whole app). */
export interface AppFunctions {
  http: HttpRoute[];
  timers: TimerJob[];
  queues: QueueJob[];
}
