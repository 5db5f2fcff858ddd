/**
 * Reconcile (connector-api.md "Scheduled work"): contracts whose status is not final and over an
 * hour old are re-read from the CLM and brought up to date exactly as an event would bring them,
 * so a webhook that never arrived is made good within a day. The made-up event id
 * `reconcile:<clmContractId>:<sequence>` keeps a second run (or a refresh) from recording twice.
 *
 * Refresh and reconcile take the CLM's own status and sequence as the truth: a row that
 * holds a status or sequence the CLM never gave it (written by hand, say Signed at sequence 999,
 * which would make every genuine later event look older) is set back to the CLM's, with a
 * `connector:` event saying so, and keeps a signed PDF only when the CLM says it is signed. Neither
 * touches a row whose CLM contract's `externalRef` names another record (refresh: 409).
 */
import { randomUUID } from 'node:crypto';
import { ConflictError, NotFoundError } from '../errors';
import type { ClmContractSnapshot, ContractStatusRow } from '../ports';
import { applyStatusEvent, signedFileName, type ApplyDeps } from './apply-status-event';
import { eventName, externalRefMismatch, type ContractStatus } from '../../domain/contract';
import type { StatusEvent } from './status-event';

const STALE_AFTER_MS = 60 * 60 * 1000;
/** How many times a correction is read again and retried when another writer changed the row meanwhile. */
const MAX_CORRECTION_ROUNDS = 5;

export interface ReconcileResult {
  checked: number;
  updated: number;
  unchanged: number;
  /** Rows whose CLM contract was made for another record: left alone (and logged). */
  refused: number;
  failed: number;
}

export interface RefreshResult {
  contractId: string;
  status: ContractStatus | null;
  sequence: number;
  updated: boolean;
}

/** `unchanged` carries the row as last read (another writer may have moved it meanwhile). */
type UpToDate = { kind: 'updated' } | { kind: 'unchanged'; row: ContractStatusRow } | { kind: 'foreign'; mismatch: string };

/** Every stale, non-final contract; one failure does not stop the others (the next run retries it). */
export async function reconcileStaleContracts(deps: ApplyDeps, now = new Date()): Promise<ReconcileResult> {
  const result: ReconcileResult = { checked: 0, updated: 0, unchanged: 0, refused: 0, failed: 0 };
  const before = new Date(now.getTime() - STALE_AFTER_MS);
  for await (const page of deps.store.listStaleContracts(before)) {
    for (const row of page) {
      result.checked++;
      try {
        const outcome = await bringUpToDate(row, deps);
        if (outcome.kind === 'foreign') {
          result.refused++;
          deps.log?.(`Reconcile left contract ${row.id} alone: ${outcome.mismatch}.`);
        } else result[outcome.kind]++;
      } catch (e) {
        result.failed++;
        deps.log?.(`Reconcile of contract ${row.id} failed: ${(e as Error).message}`);
      }
    }
  }
  return result;
}

/** `POST /api/contracts/{id}/refresh`: one contract, whatever its age. */
export async function refreshContract(contractRowId: string, deps: ApplyDeps, asCallerObjectId?: string): Promise<RefreshResult> {
  // Read as the caller first: a contract they may not read is 404 for them (connector-api.md).
  if (asCallerObjectId && !(await deps.store.findById(contractRowId, asCallerObjectId))) {
    throw new NotFoundError('This contract does not exist, or you may not read it.');
  }
  const row = await deps.store.findById(contractRowId);
  if (!row) throw new NotFoundError('This contract does not exist, or you may not read it.');
  const outcome = await bringUpToDate(row, deps);
  if (outcome.kind === 'foreign') {
    throw new ConflictError(
      `This contract points at a CLM contract that is not its own (${outcome.mismatch}), so the connector will not refresh it. Ask your connector administrator to check the contract's CLM id.`,
    );
  }
  const updated = outcome.kind === 'updated';
  const after = outcome.kind === 'unchanged' ? outcome.row : await deps.store.findById(contractRowId);
  return { contractId: contractRowId, status: after?.status ?? row.status, sequence: after?.sequence ?? row.sequence, updated };
}

async function bringUpToDate(first: ContractStatusRow, deps: ApplyDeps): Promise<UpToDate> {
  let row = first;
  for (let round = 0; ; round++) {
    const snapshot = await deps.clm.getContract(row.clmContractId);
    if (!snapshot) return { kind: 'unchanged', row };
    const mismatch = externalRefMismatch(snapshot.externalRef, row, deps.orgUrl);
    if (mismatch) return { kind: 'foreign', mismatch };
    if (snapshot.status === row.status && snapshot.sequence === row.sequence) return { kind: 'unchanged', row };
    if (snapshot.sequence > row.sequence) {
      // A newer state than the row's: applied as an event would be (history, signed PDF).
      const outcome = await applyStatusEvent(eventFromSnapshot(snapshot), deps);
      if (outcome.kind === 'recorded' && outcome.applied) return { kind: 'updated' };
      // Recorded once already, yet the row is behind it again (set back by hand): corrected instead.
      if (outcome.kind === 'duplicate' && (await correctToClm(row, snapshot, deps)) === 'changed') return { kind: 'updated' };
    } else if ((await correctToClm(row, snapshot, deps)) === 'changed') {
      return { kind: 'updated' };
    }
    // Someone changed the row meanwhile (or the event was already recorded): look again.
    if (round >= MAX_CORRECTION_ROUNDS) throw new Error(`Contract ${row.id} kept changing while it was brought up to date.`);
    const fresh = await deps.store.findById(row.id);
    if (!fresh) return { kind: 'unchanged', row };
    row = fresh;
  }
}

/**
 * The row holds a status or sequence the CLM never gave it: the CLM's are the truth. If-Match on
 * the row's ETag, so a genuine event applied meanwhile is not overwritten ('stale': read again).
 */
async function correctToClm(row: ContractStatusRow, c: ClmContractSnapshot, deps: ApplyDeps): Promise<'changed' | 'stale'> {
  const changedOn = new Date(c.updatedAt).toISOString();
  // The contract resource carries no reason (clm-api.yaml): a corrected row has none.
  const result = await deps.store.changeStatus(row, { status: c.status, sequence: c.sequence, statusChangedOn: changedOn, reason: null });
  if (result === 'stale') return 'stale';
  const signed = c.status === 'signed' ? c.documents?.find((d) => d.kind === 'signed') : undefined;
  if (signed) await deps.store.storeSignedDocument(row.id, signedFileName(c.id, signed.name), await deps.clm.getDocumentContent(c.id, signed.id));
  else if (row.status === 'signed') await deps.store.clearSignedDocument(row.id);
  deps.log?.(
    `Contract ${row.id} held ${row.status ?? 'no status'} (${row.sequence}), which the CLM never gave it: set to the CLM's ${c.status} (${c.sequence}).`,
  );
  await deps.store.createEvent({
    eventId: `connector:${randomUUID()}`,
    contractRowId: row.id,
    owner: row.owner,
    name: eventName(c.status, c.sequence),
    status: c.status,
    sequence: c.sequence,
    occurredOn: new Date().toISOString(),
    applied: true,
    payload: JSON.stringify({
      action: 'corrected',
      source: 'clm',
      contractId: c.id,
      status: c.status,
      sequence: c.sequence,
      updatedAt: c.updatedAt,
      heldBefore: { status: row.status, sequence: row.sequence },
    }),
  });
  return 'changed';
}

function eventFromSnapshot(c: ClmContractSnapshot): StatusEvent {
  const signed = c.status === 'signed' ? c.documents?.find((d) => d.kind === 'signed') : undefined;
  const payload = JSON.stringify({ source: 'reconcile', contractId: c.id, status: c.status, sequence: c.sequence, updatedAt: c.updatedAt });
  return {
    eventId: `reconcile:${c.id}:${c.sequence}`,
    clmContractId: c.id,
    status: c.status,
    sequence: c.sequence,
    occurredAt: new Date(c.updatedAt).toISOString(),
    // The contract resource carries no reason (clm-api.yaml): a reconciled rejection has none.
    reason: null,
    signedDocumentId: signed?.id ?? null,
    ...(c.externalRef === undefined ? {} : { externalRef: c.externalRef }),
    payload,
  };
}
