/**
 * The contract statuses, once: the CLM's status strings (clm-api.yaml ContractStatus, in its order),
 * the Dataverse choice `dtclm_contractstatus` that mirrors them (dataverse-model.md; values start
 * at the publisher's option value prefix 71890), their English labels, and which move the CLM
 * accepts from each. No zod here: the ribbon bundles this file and must stay small.
 */

export const CONTRACT_STATUSES = [
  'draft',
  'in_validation',
  'validated',
  'rejected',
  'sent_for_signature',
  'signed',
  'declined',
  'expired',
  'cancelled',
] as const;

export type ContractStatus = (typeof CONTRACT_STATUSES)[number];

/** A status of the Dataverse choice: the CLM's, plus `failed` for a request that never made a contract. */
export type ContractStatusChoice = ContractStatus | 'failed';

/** `dtclm_contractstatus` value of each status. */
export const CONTRACT_STATUS_VALUE = {
  draft: 718900000,
  in_validation: 718900001,
  validated: 718900002,
  rejected: 718900003,
  sent_for_signature: 718900004,
  signed: 718900005,
  declined: 718900006,
  expired: 718900007,
  cancelled: 718900008,
  failed: 718900009,
} as const satisfies Record<ContractStatusChoice, number>;

/** The choice's labels (language 1033), as the solution ships them. */
export const CONTRACT_STATUS_LABEL: Record<ContractStatusChoice, string> = {
  draft: 'Draft',
  in_validation: 'In validation',
  validated: 'Validated',
  rejected: 'Rejected',
  sent_for_signature: 'Sent for signature',
  signed: 'Signed',
  declined: 'Declined',
  expired: 'Expired',
  cancelled: 'Cancelled',
  failed: 'Failed',
};

/** The status a `dtclm_contractstatus` value stands for. */
export function statusOfChoiceValue(value: number | null | undefined): ContractStatusChoice | undefined {
  if (value === null || value === undefined) return undefined;
  return (Object.keys(CONTRACT_STATUS_VALUE) as ContractStatusChoice[]).find((s) => CONTRACT_STATUS_VALUE[s] === value);
}

/** A validation flow can start from draft, or again after a rejection (clm-api.yaml 409 invalid_state). */
const VALIDATABLE_STATUSES: readonly ContractStatus[] = ['draft', 'rejected'];

/** Only a draft or a validated contract can be sent for signature (clm-api.yaml, POST /contracts/{id}/signature). */
export const SENDABLE_STATUSES: readonly ContractStatus[] = ['draft', 'validated'];

/** Statuses from which nothing moves any more. */
export const FINAL_STATUSES: readonly ContractStatus[] = ['signed', 'declined', 'expired', 'cancelled'];

/** Statuses that carry a `reason` (webhook.md); any other status clears `dtclm_reason`. */
export const STATUSES_WITH_REASON: readonly ContractStatus[] = ['rejected', 'declined', 'expired', 'cancelled'];

export function canStartValidation(status: ContractStatusChoice | undefined): boolean {
  return VALIDATABLE_STATUSES.some((s) => s === status);
}

export function canSendForSignature(status: ContractStatusChoice | undefined): boolean {
  return SENDABLE_STATUSES.some((s) => s === status);
}
