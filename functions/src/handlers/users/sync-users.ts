/**
 * `POST /api/admin/users/sync { systemUserId? }` (connector-api.md, role Admin) and the hourly
 * provisioning timer (scim-profile.md).
 *
 * TODO(long runs): a run for all users should answer 202 with a run id and be worked by the queue
 * of the long-run machinery (connector-api.md "Long runs"), which is being built on another branch.
 * Until it lands, a run for all users runs within the request and answers 200 with its counts.
 */
import type { InvocationContext, Timer } from '@azure/functions';
import { syncUsersBodySchema, type ProvisioningCountsAnswer, type SyncUserAnswer } from '../../../../api/admin';
import { ROUTE_ROLES } from '../../domain/roles';
import type { AppProvider } from '../../services/app-services';
import { provisionAllUsers } from '../../services/users/provision-all-users';
import { provisionOneUser } from '../../services/users/provision-one-user';
import type { ProgressReporter } from '../../services/users/ports';
import { ScimNotConfiguredError } from '../../services/errors';
import { endpoint } from '../http/endpoint';
import { safeLog } from '../http/safe-log';

interface SyncAllAnswer {
  counts: ProvisioningCountsAnswer;
  errors: { item: string; message: string }[];
  durationMs: number;
}

/** At most this many run errors are kept in an answer; the rest are counted. */
const MAX_ERRORS = 100;

function collectingProgress(): ProgressReporter & { errors: { item: string; message: string }[] } {
  const errors: { item: string; message: string }[] = [];
  return {
    errors,
    report: () => undefined,
    error: (item, message) => {
      if (errors.length < MAX_ERRORS) errors.push({ item, message });
    },
  };
}

export const syncUsersHandler = (app: AppProvider) =>
  endpoint(app, {
    role: ROUTE_ROLES.admin,
    body: syncUsersBodySchema,
    handle: async ({ body, log }) => {
      const deps = app().users.provisioning();
      if (body.systemUserId) {
        const answer: SyncUserAnswer = await provisionOneUser(deps, body.systemUserId);
        log.info(`User provisioning of one user: ${answer.outcome}.`);
        return { status: 200, body: answer as SyncUserAnswer | SyncAllAnswer };
      }
      const started = Date.now();
      const progress = collectingProgress();
      const counts = await provisionAllUsers(deps, progress);
      log.info(`User provisioning: ${JSON.stringify(counts)}.`);
      const answer: SyncAllAnswer = { counts, errors: progress.errors, durationMs: Date.now() - started };
      return { status: 200, body: answer };
    },
  });

export const provisionUsersTimer =
  (app: AppProvider) =>
  async (_timer: Timer, context: InvocationContext): Promise<void> => {
    const { users, redactor } = app();
    const log = safeLog(context, redactor);
    let deps;
    try {
      deps = users.provisioning();
    } catch (e) {
      if (!(e instanceof ScimNotConfiguredError)) throw e;
      log.info('User provisioning is off: SCIM_URL and SCIM_TOKEN are not set.');
      return;
    }
    const progress = collectingProgress();
    const counts = await provisionAllUsers(deps, progress);
    log.info(`User provisioning: ${JSON.stringify(counts)}.`);
    // Ids only: the reasons (which may name people) are on each user's link row.
    if (progress.errors.length) log.warn(`User provisioning: not done for ${progress.errors.map((e) => e.item).join(', ')}; see their CLM user link rows.`);
  };
