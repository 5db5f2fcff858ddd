/**
 * The CLM contract status machine (clm-api.yaml ContractStatus and the validation / signature
 * operations) and the Dataverse choice `dtclm_contractstatus` that mirrors it (dataverse-model.md).
 * The statuses, their choice values and labels are the vocabulary's (api/vocabulary).
 */
import {
  CONTRACT_STATUSES,
  CONTRACT_STATUS_LABEL,
  CONTRACT_STATUS_VALUE,
  FINAL_STATUSES as FINAL_STATUS_LIST,
  type ContractStatus,
} from '../../../../api/vocabulary/contract-status';

export type { ContractStatus };
export { CONTRACT_STATUSES, STATUSES_WITH_REASON, canStartValidation, canSendForSignature } from '../../../../api/vocabulary/contract-status';

/** Choice values of `dtclm_contractstatus` of the CLM's statuses. */
export const STATUS_CHOICE: Record<ContractStatus, number> = Object.fromEntries(CONTRACT_STATUSES.map((s) => [s, CONTRACT_STATUS_VALUE[s]])) as Record<
  ContractStatus,
  number
>;

/** The request failed before the CLM made a contract: a Dataverse-only value. */
export const FAILED_CHOICE = CONTRACT_STATUS_VALUE.failed;

export const STATUS_LABEL: Record<ContractStatus, string> = CONTRACT_STATUS_LABEL;

export function statusFromChoice(value: number | null | undefined): ContractStatus | undefined {
  return CONTRACT_STATUSES.find((s) => STATUS_CHOICE[s] === value);
}

/** Statuses from which nothing moves any more. */
export const FINAL_STATUSES: ReadonlySet<ContractStatus> = new Set(FINAL_STATUS_LIST);

/** The name of a contract event row: "Signed (5)" = label and CLM sequence. */
export function eventName(status: ContractStatus, sequence: number): string {
  return `${STATUS_LABEL[status]} (${sequence})`;
}
