/**
 * The contract lifecycle of the CLM:
 *   draft -> in_validation (start a validation flow; also from rejected) -> validated | rejected
 *   draft | validated -> sent_for_signature -> signed | declined | expired
 *   any state that is not final -> cancelled
 * Final states: signed, declined, expired, cancelled.
 */
import { CONTRACT_STATUSES as STATUSES, type ContractStatus } from '../../../api/vocabulary/contract-status';

export type { ContractStatus };

export const CONTRACT_STATUSES: ContractStatus[] = [...STATUSES];

const NEXT: Record<ContractStatus, ContractStatus[]> = {
  draft: ['in_validation', 'sent_for_signature', 'cancelled'],
  in_validation: ['validated', 'rejected', 'cancelled'],
  validated: ['sent_for_signature', 'cancelled'],
  rejected: ['in_validation', 'cancelled'],
  sent_for_signature: ['signed', 'declined', 'expired', 'cancelled'],
  signed: [],
  declined: [],
  expired: [],
  cancelled: [],
};

/** Statuses whose event carries a `reason` (webhook.md). */
export const STATUSES_WITH_REASON: ReadonlySet<ContractStatus> = new Set(['rejected', 'declined', 'expired', 'cancelled']);

export function canMove(from: ContractStatus, to: ContractStatus): boolean {
  return NEXT[from].includes(to);
}

/**
 * The shortest chain of legal moves from `from` to `to` (excluding `from`), or undefined when `to`
 * cannot be reached. Lets a test say "make it signed" of a draft: the CLM would first send it.
 */
export function pathTo(from: ContractStatus, to: ContractStatus): ContractStatus[] | undefined {
  const previous = new Map<ContractStatus, ContractStatus>();
  const queue: ContractStatus[] = [from];
  const seen = new Set<ContractStatus>([from]);
  while (queue.length > 0) {
    const current = queue.shift() as ContractStatus;
    for (const next of NEXT[current]) {
      if (seen.has(next)) continue;
      seen.add(next);
      previous.set(next, current);
      if (next === to) {
        const path: ContractStatus[] = [to];
        let step = current;
        while (step !== from) {
          path.unshift(step);
          step = previous.get(step) as ContractStatus;
        }
        return path;
      }
      queue.push(next);
    }
  }
  return undefined;
}
