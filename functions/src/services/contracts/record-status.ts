/**
 * After an action the CLM accepted: the row takes the new status (unless a webhook already brought
 * a later one: sequences only move forward) and the history gets a "connector:" event, owned as the
 * contract and written by the connector's application user.
 */
import { randomUUID } from 'node:crypto';
import { eventName } from '../../domain/contract';
import type { ClmContract, ContractRow, ContractsStore } from './ports';

export async function recordAction(
  row: ContractRow,
  contract: ClmContract,
  action: { name: 'validation' | 'signature'; validationFlow?: string; detail?: Record<string, unknown> },
  store: ContractsStore,
  caller: { systemUserId: string },
): Promise<void> {
  const now = new Date().toISOString();
  const status = contract.sequence > row.sequence ? contract.status : (row.status ?? contract.status);
  const sequence = Math.max(contract.sequence, row.sequence);
  await store.updateStatus(
    row.id,
    { status, sequence, statusChangedOn: contract.updatedAt, ...(action.validationFlow ? { validationFlow: action.validationFlow } : {}) },
    {
      eventId: `connector:${randomUUID()}`,
      name: eventName(contract.status, contract.sequence),
      status: contract.status,
      sequence: contract.sequence,
      occurredOn: now,
      // Written by the connector's application user: the payload keeps who asked for it.
      payload: JSON.stringify({ action: action.name, clmContractId: contract.id, ...action.detail, by: caller.systemUserId }),
    },
    row.owner,
  );
}
