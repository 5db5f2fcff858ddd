/**
 * Applies one CLM status event to Dataverse (webhook.md "What the receiver owes"):
 * idempotent on the event id, ordered by `sequence`, an event row for every event.
 *
 * The order of the steps is what makes a crash at any point safe to retry:
 * 1. an event row already there means the event was fully applied: nothing to do;
 * 2. the contract's status moves first (If-Match on its ETag, re-read on 412), so two events for
 *    one contract cannot both win;
 * 3. on signed, the PDF is stored;
 * 4. the event row is written last, create-only. A retry after a crash between 2 and 4 finds the
 *    row already at this event's sequence and status, counts it as applied and finishes 3 and 4.
 *
 * Before any of it, the event's `externalRef` (signed by the CLM; read from the CLM contract when
 * the body has none) must name the row's opportunity or quote in this organization: a row whose
 * CLM id names another record's contract gets neither its status nor its signed PDF.
 */
import type { ClmStatusReader, ContractStatusRow, ContractStatusStore } from '../ports';
import { eventName, externalRefMismatch, STATUSES_WITH_REASON } from '../../domain/contract';
import type { StatusEvent } from './status-event';

export type ApplyOutcome =
  | { kind: 'duplicate' }
  | { kind: 'unknown-contract' }
  /** The row's CLM id names a CLM contract made for another record: acknowledged, nothing written. */
  | { kind: 'foreign-contract'; contractRowId: string }
  | { kind: 'recorded'; applied: boolean; contractRowId: string };

export interface ApplyDeps {
  store: ContractStatusStore;
  clm: ClmStatusReader;
  /** This organization's URL (DATAVERSE_URL), which a CLM contract's externalRef.orgUrl must name. */
  orgUrl?: string;
  log?: (message: string) => void;
  /**
   * What the new status does to the contract's record (returns, win: services/outcomes), run once
   * the status has moved and before the event row, so a retry after a crash runs it again (it is
   * safe to). Absent: nothing.
   */
  outcomes?: (moved: { contractRowId: string; status: StatusEvent['status']; sequence: number }, log?: (message: string) => void) => Promise<void>;
}

/** How many times a status change is re-read and retried when another writer got there first. */
const MAX_CONFLICT_ROUNDS = 10;

export async function applyStatusEvent(event: StatusEvent, deps: ApplyDeps): Promise<ApplyOutcome> {
  const { store } = deps;
  if (await store.eventExists(event.eventId)) return { kind: 'duplicate' };

  let row = await store.findByClmId(event.clmContractId);
  if (!row) {
    // A contract made by hand in the CLM: acknowledged, not failed (webhook.md).
    deps.log?.(`Status event ${event.eventId} is for CLM contract ${event.clmContractId}, which Dataverse does not know: ignored.`);
    return { kind: 'unknown-contract' };
  }
  const mismatch = externalRefMismatch(event.externalRef ?? (await deps.clm.getContract(event.clmContractId))?.externalRef, row, deps.orgUrl);
  if (mismatch) {
    deps.log?.(`Status event ${event.eventId} is for CLM contract ${event.clmContractId}, which is not contract ${row.id}'s own (${mismatch}): ignored.`);
    return { kind: 'foreign-contract', contractRowId: row.id };
  }

  let applied = false;
  for (let round = 0; ; round++) {
    if (isThisEventsState(row, event)) {
      applied = true; // a retry after the status was moved by this very event
      break;
    }
    if (row.sequence >= event.sequence) break; // older (or same-sequence other) event: history only
    const result = await store.changeStatus(row, {
      status: event.status,
      sequence: event.sequence,
      statusChangedOn: event.occurredAt,
      reason: STATUSES_WITH_REASON.includes(event.status) ? event.reason : null,
    });
    if (result === 'changed') {
      applied = true;
      break;
    }
    if (round >= MAX_CONFLICT_ROUNDS) throw new Error(`Contract ${row.id} kept changing while event ${event.eventId} was applied.`);
    const fresh = await store.findById(row.id);
    if (!fresh) return { kind: 'unknown-contract' };
    row = fresh;
  }

  if (applied && event.status === 'signed' && event.signedDocumentId) {
    await storeSignedDocument(row, event, deps);
  }
  if (applied && deps.outcomes) await deps.outcomes({ contractRowId: row.id, status: event.status, sequence: event.sequence }, deps.log);

  await store.createEvent({
    eventId: event.eventId,
    contractRowId: row.id,
    owner: row.owner,
    name: eventName(event.status, event.sequence),
    status: event.status,
    sequence: event.sequence,
    occurredOn: event.occurredAt,
    applied,
    payload: event.payload,
  });
  return { kind: 'recorded', applied, contractRowId: row.id };
}

function isThisEventsState(row: ContractStatusRow, event: StatusEvent): boolean {
  return row.sequence === event.sequence && row.status === event.status;
}

async function storeSignedDocument(row: ContractStatusRow, event: StatusEvent, deps: ApplyDeps): Promise<void> {
  const documentId = event.signedDocumentId!;
  const content = await deps.clm.getDocumentContent(event.clmContractId, documentId);
  // The webhook names the document by id only: its name is the CLM contract's (clm-api.yaml documents[].name).
  const named = (await deps.clm.getContract(event.clmContractId))?.documents?.find((d) => d.id === documentId);
  await deps.store.storeSignedDocument(row.id, signedFileName(event.clmContractId, named?.name), content);
}

/** The CLM document's own name (a person recognizes it), as a .pdf; the CLM id only when the CLM gives none. */
export function signedFileName(clmContractId: string, clmName?: string): string {
  const name = clmName?.trim();
  if (!name) return `${clmContractId}-signed.pdf`;
  return /\.pdf$/i.test(name) ? name : `${name}.pdf`;
}
