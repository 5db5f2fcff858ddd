/**
 * The one list of the app's functions, built for an app provider. `index.ts` registers each with
 * the Functions runtime; the sandbox's dev host serves the very same list, so a route exists in
 * the sandbox exactly when it exists in Azure. Each area keeps its own list in
 * `handlers/<area>/routes.ts`.
 */
import { adminFunctions } from './handlers/admin/routes';
import { contractsFunctions } from './handlers/contracts/routes';
import type { AppFunctions } from './handlers/function-types';
import { webhooksFunctions } from './handlers/webhooks/routes';
import type { AppProvider } from './services/app-services';

export type { AppFunctions, HttpRoute, QueueJob, TimerJob } from './handlers/function-types';

export function appFunctions(app: AppProvider): AppFunctions {
  const areas = [contractsFunctions(app), webhooksFunctions(app), adminFunctions(app)];
  return { http: areas.flatMap((a) => a.http), timers: areas.flatMap((a) => a.timers), queues: areas.flatMap((a) => a.queues) };
}
