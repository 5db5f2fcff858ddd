/**
 * Whether the record has a contract the CLM would accept for signature: the CLM sends only draft
 * or validated contracts (clm-api.yaml, POST /contracts/{id}/signature).
 */
import { CONTRACT_LOOKUP_OF, CONTRACT_STATUS } from '../lib/dataverse-names';
import type { FormRecord } from './record';

export async function hasSendableContract(record: FormRecord): Promise<boolean> {
  const lookup = CONTRACT_LOOKUP_OF[record.entityName];
  if (!lookup) return false;
  const query =
    `?$select=dtclm_contractid&$top=1&$filter=_${lookup}_value eq ${record.id}` +
    ` and (dtclm_status eq ${CONTRACT_STATUS.draft} or dtclm_status eq ${CONTRACT_STATUS.validated})`;
  const result = await Xrm.WebApi.retrieveMultipleRecords('dtclm_contract', query);
  return result.entities.length > 0;
}
