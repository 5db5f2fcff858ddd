/** contractSignatories (`GET /api/contracts/{contractId}/signatories`, role Send to Sign): who a Send to Sign would ask to sign, shown before it is sent. */
import type { ContractSignatoriesAnswer } from '../../../../api/contracts';
import type { Caller } from '../ports';
import { verifiedClmContract } from './clm-contract-of';
import { contractOf } from './contract-access';
import type { ContractsStore } from './ports';
import { signatoriesToSend, type SignatoriesDeps } from './signatories-to-send';

export async function contractSignatories(
  contractId: string,
  caller: Caller,
  deps: SignatoriesDeps & { store: ContractsStore; orgUrl?: string },
): Promise<ContractSignatoriesAnswer> {
  const row = await contractOf(contractId, deps.store, caller);
  const onClm = await verifiedClmContract(row, deps.clm, deps.orgUrl);
  return signatoriesToSend(row, caller, deps, onClm);
}
