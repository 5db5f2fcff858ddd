/** The user-provisioning functions of the app; `functions/src/routes.ts` gathers every area's list. */
import type { AppProvider } from '../../services/app-services';
import { httpRoute, type AppFunctions } from '../function-types';
import { provisionUsersTimer, syncUsersHandler } from './sync-users';

export function usersFunctions(app: AppProvider): AppFunctions {
  return {
    http: [httpRoute('syncUsers', syncUsersHandler(app))],
    // connector-api.md "Scheduled work": hourly.
    timers: [{ name: 'provisionUsers', schedule: '0 0 * * * *', handler: provisionUsersTimer(app) }],
    queues: [],
  };
}
