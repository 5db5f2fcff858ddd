import type { StatusChange } from '../contracts/contract-types';
import { newId } from '../ids';
import { STATUS_CHANGED } from './webhook-registration';

/** The body of a `contract.status_changed` delivery, exactly as webhook.md shows it. */
export interface StatusChangedEvent {
  id: string;
  type: typeof STATUS_CHANGED;
  occurredAt: string;
  data: {
    contractId: string;
    status: string;
    previousStatus: string;
    sequence: number;
    externalRef: unknown;
    reason: string | null;
    signedDocumentId: string | null;
  };
}

export function statusChangedEvent(change: StatusChange): StatusChangedEvent {
  return {
    id: newId('evt'),
    type: STATUS_CHANGED,
    occurredAt: change.occurredAt,
    data: {
      contractId: change.contract.id,
      status: change.contract.status,
      previousStatus: change.previousStatus,
      sequence: change.contract.sequence,
      externalRef: change.contract.externalRef,
      reason: change.reason,
      signedDocumentId: change.signedDocumentId,
    },
  };
}
