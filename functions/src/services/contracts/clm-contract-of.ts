/**
 * Before the connector acts on a row's CLM contract (its flows, a validation, a signature, its
 * signatories), the CLM contract's `externalRef` must name the row's opportunity or quote in this
 * organization (dataverse-model.md, "Who writes what"). A row whose `dtclm_clmcontractid`
 * names another record's CLM contract is 409: the row exists and the caller may read it, but it is
 * not in a state the connector can act on; the detail says who can mend it.
 */
import { externalRefMismatch } from '../../domain/contract';
import { ConflictError } from '../errors';
import type { ClmContracts, ContractRow } from './ports';

export async function verifiedClmContract(row: ContractRow, clm: Pick<ClmContracts, 'getContract'>, orgUrl: string | undefined) {
  const contract = await clm.getContract(row.clmContractId);
  const mismatch = externalRefMismatch(contract.externalRef, row, orgUrl);
  if (mismatch) {
    throw new ConflictError(
      `The contract "${row.name}" points at a CLM contract that is not its own (${mismatch}), so the connector will not act on it. Ask your connector administrator to check the contract's CLM id.`,
    );
  }
  return contract;
}
