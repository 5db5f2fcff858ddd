/**
 * Reconcile, daily at 03:00 UTC (connector-api.md "Scheduled work"), and
 * `POST /api/contracts/{contractId}/refresh` (role ReadOnly) for one contract.
 */
import type { InvocationContext, Timer } from '@azure/functions';
import { guidSchema, type RefreshAnswer } from '../../../../api/contracts';
import { ROUTE_ROLES } from '../../domain/roles';
import type { AppProvider } from '../../services/app-services';
import { ConflictError } from '../../services/errors';
import { reconcileStaleContracts, refreshContract } from '../../services/status/reconcile';
import { endpoint } from '../http/endpoint';
import { safeLog } from '../http/safe-log';

export const reconcileTimer =
  (app: AppProvider) =>
  async (_timer: Timer, context: InvocationContext): Promise<void> => {
    const { webhooks, redactor } = app();
    const log = safeLog(context, redactor);
    const result = await reconcileStaleContracts({
      store: webhooks.store,
      clm: webhooks.clm,
      orgUrl: webhooks.orgUrl,
      log: (m) => log.warn(m),
      outcomes: webhooks.outcomes,
    });
    log.info(
      `Reconcile: ${result.checked} checked, ${result.updated} updated, ${result.unchanged} unchanged, ${result.refused} refused (CLM contract of another record), ${result.failed} failed.`,
    );
  };

export const refreshContractHandler = (app: AppProvider) =>
  endpoint(app, {
    role: ROUTE_ROLES.refreshContract,
    params: { contractId: guidSchema },
    handle: async ({ params, caller, log }) => {
      const { webhooks } = app();
      const result = await refreshContract(
        params.contractId,
        { store: webhooks.store, clm: webhooks.clm, orgUrl: webhooks.orgUrl, log: (m) => log.warn(m), outcomes: webhooks.outcomes },
        caller.callerObjectId,
      );
      if (!result.status) throw new ConflictError('This contract has no CLM status (its request failed).');
      const body: RefreshAnswer = { status: result.status };
      return { status: 200, body };
    },
  });
