/** dtclm_contractstatus (dataverse-model.md) as the pages show it: label, whether still open, badge colour. */
import { CONTRACT_STATUS_LABEL, FINAL_STATUSES, statusOfChoiceValue, type ContractStatusChoice } from '../../api/vocabulary/contract-status';

/** The English label of a dtclm_contractstatus value (the panel prefers the label Dataverse formatted in the user's language). */
export function labelOfStatusValue(value: number): string | undefined {
  const s = statusOfChoiceValue(value);
  return s && CONTRACT_STATUS_LABEL[s];
}

export function labelOfClmStatus(status: string): string {
  return Object.prototype.hasOwnProperty.call(CONTRACT_STATUS_LABEL, status) ? CONTRACT_STATUS_LABEL[status as ContractStatusChoice] : status;
}

/** Still moving in the CLM (not signed, declined, expired, cancelled, nor a request that failed): worth re-reading from it. */
export function isOpenStatus(value: number | null | undefined): boolean {
  const s = statusOfChoiceValue(value);
  return s !== undefined && s !== 'failed' && !FINAL_STATUSES.includes(s);
}

/** Badge colour: done well, done badly, or still moving. */
export function statusTone(value: number | null | undefined): 'success' | 'danger' | 'informative' | 'warning' {
  const s = statusOfChoiceValue(value);
  if (s === 'signed' || s === 'validated') return 'success';
  if (s === 'rejected' || s === 'declined' || s === 'expired' || s === 'cancelled' || s === 'failed') return 'danger';
  if (s === 'in_validation' || s === 'sent_for_signature') return 'warning';
  return 'informative';
}
