/** listValidationFlows (`GET /api/contracts/{contractId}/validation-flows`): the CLM's flows for this contract, in their defined order. */
import type { ValidationFlowsAnswer } from '../../../../api/contracts';
import type { Caller } from '../ports';
import { verifiedClmContract } from './clm-contract-of';
import { contractOf } from './contract-access';
import type { ClmContracts, ContractsStore } from './ports';

export async function listValidationFlows(
  contractId: string,
  caller: Caller,
  deps: { store: ContractsStore; clm: ClmContracts; orgUrl?: string },
): Promise<ValidationFlowsAnswer> {
  const row = await contractOf(contractId, deps.store, caller);
  await verifiedClmContract(row, deps.clm, deps.orgUrl);
  const flows = await deps.clm.listValidationFlows(row.clmContractId);
  return { flows: [...flows].sort((a, b) => a.position - b.position) };
}
