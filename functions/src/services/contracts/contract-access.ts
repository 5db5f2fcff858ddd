/** The contract row a route names, read as the caller: missing or hidden is the same 404 (connector-api.md). */
import type { Caller } from '../ports';
import { NotFoundError } from '../errors';
import type { ContractRow, ContractsStore } from './ports';

export async function contractOf(contractId: string, store: ContractsStore, caller: Caller): Promise<ContractRow> {
  const row = await store.get(contractId, caller);
  if (!row) throw new NotFoundError(`The contract ${contractId} does not exist, or you may not see it.`);
  return row;
}
