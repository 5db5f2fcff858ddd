/**
 * What the status processor needs from the shared status machine (domain/contract), under the
 * names it uses, plus the one rule it adds: which statuses carry a reason (webhook.md).
 */
import {
  CONTRACT_STATUSES,
  eventName,
  FAILED_CHOICE,
  FINAL_STATUSES,
  isFinal,
  STATUS_CHOICE,
  statusFromChoice,
  type ContractStatus,
} from '../../domain/contract';

export type ClmStatus = ContractStatus;
export const CLM_STATUSES = CONTRACT_STATUSES as readonly [ClmStatus, ...ClmStatus[]];
export { eventName, FAILED_CHOICE, FINAL_STATUSES, isFinal };

/** Statuses that carry a `reason` (webhook.md); any other status clears `dtclm_reason`. */
export const STATUSES_WITH_REASON: readonly ClmStatus[] = ['rejected', 'declined', 'expired', 'cancelled'];

export function choiceOf(status: ClmStatus): number {
  return STATUS_CHOICE[status];
}

/** The CLM status of a choice value; null for Failed or an unknown value. */
export function statusOfChoice(value: number | null | undefined): ClmStatus | null {
  return statusFromChoice(value) ?? null;
}
