/**
 * The history as a person reads it: one row per status change. The connector records its own
 * action's outcome (`connector:<uuid>`) and the CLM's webhook then reports the same change with the
 * same sequence (dataverse-model.md, dtclm_contractevent): both rows stay in Dataverse (the audit
 * trail), the panel shows one of them, the one that moved the status when there is such a one.
 */
export interface HistoryEvent {
  status: number | null;
  sequence: number | null;
  applied: boolean;
}

export function oneRowPerStatusChange<E extends HistoryEvent>(events: readonly E[]): E[] {
  const kept = new Map<string, E>();
  const rows: E[] = [];
  for (const e of events) {
    if (e.sequence === null) {
      rows.push(e);
      continue;
    }
    const key = `${e.status}:${e.sequence}`;
    const earlier = kept.get(key);
    if (!earlier) {
      kept.set(key, e);
      rows.push(e);
    } else if (!earlier.applied && e.applied) {
      kept.set(key, e);
      rows[rows.indexOf(earlier)] = e;
    }
  }
  return rows;
}
