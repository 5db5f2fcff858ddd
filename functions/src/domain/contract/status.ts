/**
 * The CLM contract status machine (clm-api.yaml ContractStatus and the validation / signature
 * operations) and the Dataverse choice `dtclm_contractstatus` that mirrors it (dataverse-model.md).
 */
import { contractStatusSchema, type ContractStatus } from '../../../../api/contracts';

export type { ContractStatus };

/** In the order of clm-api.yaml, from the one list the API schemas hold. */
export const CONTRACT_STATUSES = contractStatusSchema.options;

/** Choice values of `dtclm_contractstatus` (prefix 71890). */
export const STATUS_CHOICE: Record<ContractStatus, number> = {
  draft: 718900000,
  in_validation: 718900001,
  validated: 718900002,
  rejected: 718900003,
  sent_for_signature: 718900004,
  signed: 718900005,
  declined: 718900006,
  expired: 718900007,
  cancelled: 718900008,
};

/** The request failed before the CLM made a contract: a Dataverse-only value. */
export const FAILED_CHOICE = 718900009;

export const STATUS_LABEL: Record<ContractStatus, string> = {
  draft: 'Draft',
  in_validation: 'In validation',
  validated: 'Validated',
  rejected: 'Rejected',
  sent_for_signature: 'Sent for signature',
  signed: 'Signed',
  declined: 'Declined',
  expired: 'Expired',
  cancelled: 'Cancelled',
};

export function statusFromChoice(value: number | null | undefined): ContractStatus | undefined {
  return CONTRACT_STATUSES.find((s) => STATUS_CHOICE[s] === value);
}

/** Statuses that carry a `reason` (webhook.md); any other status clears `dtclm_reason`. */
export const STATUSES_WITH_REASON: readonly ContractStatus[] = ['rejected', 'declined', 'expired', 'cancelled'];

/** A validation flow can start from draft, or again after a rejection (clm-api.yaml 409 invalid_state). */
export function canStartValidation(status: ContractStatus): boolean {
  return status === 'draft' || status === 'rejected';
}

/** Only a draft or a validated contract can be sent for signature. */
export function canSendForSignature(status: ContractStatus): boolean {
  return status === 'draft' || status === 'validated';
}

/** Statuses from which nothing moves any more. */
export const FINAL_STATUSES: ReadonlySet<ContractStatus> = new Set(['signed', 'declined', 'expired', 'cancelled']);

/** The name of a contract event row: "Signed (5)" = label and CLM sequence. */
export function eventName(status: ContractStatus, sequence: number): string {
  return `${STATUS_LABEL[status]} (${sequence})`;
}
