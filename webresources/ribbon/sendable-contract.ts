/**
 * Whether the record has a contract the CLM would accept for signature: the CLM sends only draft
 * or validated contracts (clm-api.yaml, POST /contracts/{id}/signature).
 */
import { CONTRACT_STATUS_VALUE, SENDABLE_STATUSES } from '../../api/vocabulary/contract-status';
import { CONTRACT_LOOKUP_OF, CONTRACT_STATUS_COLUMN } from '../../api/vocabulary/tables';
import type { FormRecord } from './record';

export async function hasSendableContract(record: FormRecord): Promise<boolean> {
  const lookup = CONTRACT_LOOKUP_OF[record.entityName];
  if (!lookup) return false;
  const sendable = SENDABLE_STATUSES.map((s) => `${CONTRACT_STATUS_COLUMN} eq ${CONTRACT_STATUS_VALUE[s]}`).join(' or ');
  const query = `?$select=dtclm_contractid&$top=1&$filter=_${lookup}_value eq ${record.id} and (${sendable})`;
  const result = await Xrm.WebApi.retrieveMultipleRecords('dtclm_contract', query);
  return result.entities.length > 0;
}
