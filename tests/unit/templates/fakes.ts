/** In-memory CLM templates and dtclm_template rows for template-sync unit tests. */
import type { RunContext } from '../../../functions/src/services/runs/run-context';
import type {
  ClmTemplate,
  ClmTemplateSource,
  TemplateRows,
  TemplateRowSummary,
  TemplateWrite,
  WriteOutcome,
} from '../../../functions/src/services/templates/ports';

export class FakeClm implements ClmTemplateSource {
  constructor(public templates: ClmTemplate[]) {}
  async page(q: { cursor?: string; updatedSince?: string; limit: number }) {
    const all = this.templates.filter((t) => !q.updatedSince || t.updatedAt >= q.updatedSince);
    const from = q.cursor ? Number(q.cursor) : 0;
    const data = all.slice(from, from + q.limit);
    return { data, nextCursor: from + q.limit < all.length ? String(from + q.limit) : null };
  }
}

export interface FakeRow extends TemplateRowSummary {
  name: string;
  fieldsJson: string;
}

export class FakeRows implements TemplateRows {
  readonly rows = new Map<string, FakeRow>();
  writes: TemplateWrite[] = [];
  batches: number[] = [];
  private n = 0;
  async readAll() {
    return [...this.rows.values()].map((r) => ({ ...r }));
  }
  async findByClmId(id: string) {
    return [...this.rows.values()].find((r) => r.clmTemplateId.toLowerCase() === id.toLowerCase());
  }
  async write(writes: TemplateWrite[]): Promise<WriteOutcome[]> {
    this.batches.push(writes.length);
    this.writes.push(...writes);
    return writes.map((w) => {
      if (w.op === 'create') {
        if ([...this.rows.values()].some((r) => r.clmTemplateId.toLowerCase() === w.clmTemplateId.toLowerCase())) return { ok: false, duplicate: true };
        const id = `row-${++this.n}`;
        this.rows.set(id, {
          id,
          clmTemplateId: w.clmTemplateId,
          clmVersion: w.values.clmVersion,
          active: true,
          mappingState: w.values.mappingState,
          mappingJson: null,
          name: w.values.name,
          fieldsJson: w.values.fieldsJson,
        });
        return { ok: true, rowId: id };
      }
      const r = this.rows.get(w.rowId)!;
      if (w.values.clmVersion !== undefined) r.clmVersion = w.values.clmVersion;
      if (w.values.active !== undefined) r.active = w.values.active;
      if (w.values.name !== undefined) r.name = w.values.name;
      if (w.values.mappingState !== undefined) r.mappingState = w.values.mappingState;
      return { ok: true };
    });
  }
}

/** A RunContext that keeps everything in memory. */
export function memoryContext(
  input: Record<string, unknown> = {},
): RunContext & { counts: Record<string, number>; errors: { item: string; message: string }[] } {
  const counts: Record<string, number> = {};
  const errors: { item: string; message: string }[] = [];
  let checkpoint: unknown;
  return {
    runId: 'templates-0000000000000-00000000',
    kind: 'templates',
    input,
    attempt: 1,
    get checkpoint() {
      return checkpoint;
    },
    startedAt: new Date().toISOString(),
    counts,
    errors,
    progress: async () => undefined,
    count: (name, by = 1) => void (counts[name] = (counts[name] ?? 0) + by),
    countOf: (name) => counts[name] ?? 0,
    error: (item, message) => void errors.push({ item, message }),
    save: async (c) => void (checkpoint = c),
    heartbeat: async () => undefined,
  };
}
