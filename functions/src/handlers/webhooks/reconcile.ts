/**
 * Reconcile, daily at 03:00 UTC (connector-api.md "Scheduled work"), and
 * `POST /api/contracts/{contractId}/refresh` (role ReadOnly) for one contract.
 */
import type { InvocationContext, Timer } from '@azure/functions';
import { guidSchema, type RefreshAnswer } from '../../../../api/contracts';
import { ROUTE_ROLES } from '../../domain/roles';
import { ConflictError } from '../../services/errors';
import { reconcileStaleContracts, refreshContract } from '../../services/status/reconcile';
import { endpoint } from '../http/endpoint';
import { safeLog } from '../http/safe-log';
import { webhookServices } from './webhook-services';

export async function reconcileTimer(_timer: Timer, context: InvocationContext): Promise<void> {
  const log = safeLog(context);
  const s = webhookServices();
  const result = await reconcileStaleContracts({ store: s.store, clm: s.clm, log: (m) => log.warn(m) });
  log.info(`Reconcile: ${result.checked} checked, ${result.updated} updated, ${result.unchanged} unchanged, ${result.failed} failed.`);
}

export const refreshContractHandler = endpoint({
  role: ROUTE_ROLES.refreshContract,
  params: { contractId: guidSchema },
  handle: async ({ params, caller, log }) => {
    const s = webhookServices();
    const result = await refreshContract(params.contractId, { store: s.store, clm: s.clm, log: (m) => log.warn(m) }, caller.callerObjectId);
    if (!result.status) throw new ConflictError('This contract has no CLM status (its request failed).');
    const body: RefreshAnswer = { status: result.status };
    return { status: 200, body };
  },
});
