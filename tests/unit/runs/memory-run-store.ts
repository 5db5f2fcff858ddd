/** A RunStore in memory with the same conditional semantics as the Table one (insert-if-absent, ETag). */
import type { RunKind } from '../../../api/runs';
import { RunChangedError, type RunMessage, type RunQueue, type RunRecord, type RunStore, type Stored } from '../../../functions/src/services/runs/ports';

export class MemoryRunStore implements RunStore {
  readonly runs = new Map<string, Stored<RunRecord>>();
  readonly slots = new Map<string, { runId: string; etag: string }>();
  removedBounds: string[] = [];
  private n = 0;
  private etag = () => `"${++this.n}"`;

  async create(run: RunRecord): Promise<string> {
    if (this.runs.has(run.runId)) throw new RunChangedError();
    const etag = this.etag();
    this.runs.set(run.runId, { value: structuredClone(run), etag });
    return etag;
  }
  async read(_kind: RunKind, runId: string): Promise<Stored<RunRecord> | undefined> {
    const s = this.runs.get(runId);
    return s ? structuredClone(s) : undefined;
  }
  async replace(run: RunRecord, etag: string): Promise<string> {
    const s = this.runs.get(run.runId);
    if (!s || s.etag !== etag) throw new RunChangedError();
    const next = this.etag();
    this.runs.set(run.runId, { value: structuredClone(run), etag: next });
    return next;
  }
  async remove(_kind: RunKind, runId: string): Promise<void> {
    this.runs.delete(runId);
  }
  async list(kind: RunKind, limit: number): Promise<RunRecord[]> {
    return [...this.runs.values()]
      .map((s) => s.value)
      .filter((r) => r.kind === kind)
      .sort((a, b) => (a.runId < b.runId ? -1 : 1))
      .slice(0, limit);
  }
  async removeOlderThan(kind: RunKind, bound: string): Promise<number> {
    this.removedBounds.push(bound);
    let n = 0;
    for (const [id, s] of this.runs) {
      if (s.value.kind !== kind || id <= bound) continue;
      this.runs.delete(id);
      n++;
    }
    return n;
  }
  async readSlot(kind: RunKind) {
    return this.slots.get(kind);
  }
  async claimSlot(kind: RunKind, runId: string, etag: string | undefined): Promise<boolean> {
    const cur = this.slots.get(kind);
    if (etag === undefined ? cur !== undefined : cur?.etag !== etag) return false;
    this.slots.set(kind, { runId, etag: this.etag() });
    return true;
  }
}

export class ListQueue implements RunQueue {
  readonly messages: RunMessage[] = [];
  async send(m: RunMessage): Promise<void> {
    this.messages.push(m);
  }
}
