/**
 * Reconcile (connector-api.md "Scheduled work"): contracts whose status is not final and over an
 * hour old are re-read from the CLM and brought up to date exactly as an event would bring them,
 * so a webhook that never arrived is made good within a day. The made-up event id
 * `reconcile:<clmContractId>:<sequence>` keeps a second run (or a refresh) from recording twice.
 */
import { NotFoundError } from '../errors';
import type { ClmContractSnapshot, ContractStatusRow } from '../ports';
import { applyStatusEvent, type ApplyDeps } from './apply-status-event';
import type { ContractStatus } from '../../domain/contract';
import type { StatusEvent } from './status-event';

const STALE_AFTER_MS = 60 * 60 * 1000;

export interface ReconcileResult {
  checked: number;
  updated: number;
  unchanged: number;
  failed: number;
}

export interface RefreshResult {
  contractId: string;
  status: ContractStatus | null;
  sequence: number;
  updated: boolean;
}

/** Every stale, non-final contract; one failure does not stop the others (the next run retries it). */
export async function reconcileStaleContracts(deps: ApplyDeps, now = new Date()): Promise<ReconcileResult> {
  const result: ReconcileResult = { checked: 0, updated: 0, unchanged: 0, failed: 0 };
  const before = new Date(now.getTime() - STALE_AFTER_MS);
  for await (const page of deps.store.listStaleContracts(before)) {
    for (const row of page) {
      result.checked++;
      try {
        if (await bringUpToDate(row, deps)) result.updated++;
        else result.unchanged++;
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
  const updated = await bringUpToDate(row, deps);
  const after = updated ? await deps.store.findById(contractRowId) : row;
  return { contractId: contractRowId, status: after?.status ?? row.status, sequence: after?.sequence ?? row.sequence, updated };
}

async function bringUpToDate(row: ContractStatusRow, deps: ApplyDeps): Promise<boolean> {
  const snapshot = await deps.clm.getContract(row.clmContractId);
  if (!snapshot || snapshot.sequence <= row.sequence) return false;
  const outcome = await applyStatusEvent(eventFromSnapshot(snapshot), deps);
  return outcome.kind === 'recorded' && outcome.applied;
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
    payload,
  };
}
