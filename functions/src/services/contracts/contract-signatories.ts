/** contractSignatories (`GET /api/contracts/{contractId}/signatories`, role Send to Sign): who a Send to Sign would ask to sign, shown before it is sent. */
import type { ContractSignatoriesAnswer } from '../../../../api/contracts';
import type { Caller } from '../ports';
import { contractOf } from './contract-access';
import type { ContractsStore } from './ports';
import { signatoriesToSend, type SignatoriesDeps } from './signatories-to-send';

export async function contractSignatories(
  contractId: string,
  caller: Caller,
  deps: SignatoriesDeps & { store: ContractsStore },
): Promise<ContractSignatoriesAnswer> {
  const row = await contractOf(contractId, deps.store, caller);
  return signatoriesToSend(row, caller, deps);
}
