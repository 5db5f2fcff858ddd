/**
 * `POST /api/admin/users/sync { systemUserId? }` (connector-api.md, role Admin): one user at once
 * (200 with their result), or a run for all users (a long run: 202 with its run id and Location,
 * worked by the runs' queue function). The hourly provisioning timer starts the same run.
 */
import type { InvocationContext, Timer } from '@azure/functions';
import { syncUsersBodySchema, type SyncUserAnswer } from '../../../../api/admin';
import type { RunStartedAnswer } from '../../../../api/runs';
import { ROUTE_ROLES } from '../../domain/roles';
import type { AppProvider } from '../../services/app-services';
import { provisionOneUser } from '../../services/users/provision-one-user';
import { USERS_RUN_KIND } from '../../services/users/provision-users-run';
import { startRun } from '../admin/runs';
import { endpoint, type Reply } from '../http/endpoint';
import { safeLog } from '../http/safe-log';

export const syncUsersHandler = (app: AppProvider) =>
  endpoint(app, {
    role: ROUTE_ROLES.admin,
    body: syncUsersBodySchema,
    handle: async ({ body, log, request }): Promise<Reply<SyncUserAnswer | RunStartedAnswer>> => {
      const services = app();
      // Not set up: said now (503), not in a run that fails later.
      const deps = services.users.provisioning();
      if (!body.systemUserId) return startRun(services, USERS_RUN_KIND, {}, request);
      const answer: SyncUserAnswer = await provisionOneUser(deps, body.systemUserId);
      const groups = answer.groups;
      // Counts, not names: a team may be named after a person.
      log.info(
        `User provisioning of one user: ${answer.outcome}${groups ? `; groups +${groups.added.length} -${groups.removed.length}, ${groups.notCreated.length} not in the CLM yet, ${groups.failed.length} failed` : ''}.`,
      );
      return { status: 200, body: answer };
    },
  });

export const provisionUsersTimer =
  (app: AppProvider) =>
  async (_timer: Timer, context: InvocationContext): Promise<void> => {
    const services = app();
    const log = safeLog(context, services.redactor);
    if (!services.users.configured) {
      log.info('User provisioning is off: SCIM_URL and SCIM_TOKEN are not set.');
      return;
    }
    const { run, started } = await services.runs.start(USERS_RUN_KIND, {}, 'timer');
    log.info(started ? `User provisioning ${run.runId} queued.` : `User provisioning ${run.runId} is already under way.`);
  };
