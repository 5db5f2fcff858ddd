/**
 * The status line redrawn from a check's snapshot, before the full read: a change shows one round
 * trip sooner. The label is the one Dataverse formatted for this user (learned from earlier full
 * reads, in the user's language), else the English label of the choice.
 */
import { labelOfStatusValue } from '../../lib/contract-status';
import type { ContractsSnapshot, ContractView } from './load';

export type StatusLabels = Map<number, string>;

/** Remembers the formatted label of every status value a full read showed. */
export function learnLabels(rows: readonly ContractView[], labels: StatusLabels): void {
  for (const item of rows.flatMap((c) => [c, ...c.events])) {
    if (item.status !== null && item.statusLabel) labels.set(item.status, item.statusLabel);
  }
}

/** The rows with the snapshot's statuses; the same array when nothing shown differs. */
export function withSnapshotStatuses(rows: ContractView[], snapshot: ContractsSnapshot, labels: StatusLabels): ContractView[] {
  let changed = false;
  const next = rows.map((c) => {
    const status = snapshot.statuses.get(c.id);
    if (status === undefined || status === c.status) return c;
    changed = true;
    return { ...c, status, statusLabel: status === null ? '' : (labels.get(status) ?? labelOfStatusValue(status) ?? String(status)) };
  });
  return changed ? next : rows;
}
