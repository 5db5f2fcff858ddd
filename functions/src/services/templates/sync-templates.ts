/**
 * Template sync (connector-api.md `POST /api/admin/templates/sync` and the 02:00 UTC
 * timer, both the same long run of kind "templates"). Read top to bottom:
 *
 *   1. The plan: a full pass when asked (`{ full: true }`), on the first run and when the last full
 *      pass is over a week old; else incremental, from the start of the last successful run minus
 *      an overlap (clocks differ; a template changed while that run read is read again). The plan
 *      is saved in the run, so a worker that takes over does the same.
 *   2. Every `dtclm_template` row is read once (paged, small columns and the mapping).
 *   3. CLM templates are read page by page (status all). A template whose CLM `version` and
 *      active/archived state match its row is left alone: nothing is written for it. Otherwise its
 *      row is created (POST; the dtclm_clmtemplateid key refuses a twin) or updated by row id:
 *      name, version, fields, statecode (archived -> Inactive, back -> Active), and the mapping
 *      state: the admin's mapping, never overwritten, is checked against the new fields and the
 *      row says Fits or Broken with the problems in words.
 *   4. A full pass then deactivates the rows of templates the CLM no longer lists. Rows are never
 *      deleted: contracts keep pointing at them.
 *
 * Writes go through GrowingBatchWriter ($batch, growing while Dataverse does not throttle).
 * Counts: created, updated, deactivated, unchanged (each template in one of these), and
 * reactivated, flagged (mapping now Broken), failed.
 */
import type { RunContext } from '../runs/run-context';
import type { RunRecord } from '../runs/ports';
import { ConflictError } from '../errors';
import type { MetadataReader } from '../ports';
import { GrowingBatchWriter, type BatchStats } from './batch-writer';
import { checkMappingFit, hasMapping, parseStoredMapping } from './mapping-fit';
import type { ClmTemplate, ClmTemplateSource, TemplateRows, TemplateRowSummary, TemplateRowValues, TemplateWrite, WriteOutcome } from './ports';

export const TEMPLATE_RUN_KIND = 'templates' as const;
const DAY_MS = 24 * 3600_000;

export interface TemplateSyncDeps {
  clm: ClmTemplateSource;
  rows: TemplateRows;
  metadata: MetadataReader;
  /** The newest succeeded "templates" run that passes `where` (the run store). */
  lastSucceeded(where?: (run: RunRecord) => boolean): Promise<RunRecord | undefined>;
  /** 429s the Dataverse client has waited out so far (the batch writer shrinks on them). */
  throttles: () => number;
  sleep: (ms: number) => Promise<void>;
  now?: () => Date;
  /** Default 10 minutes. */
  overlapMs?: number;
  /** Default 7 days. */
  fullEveryMs?: number;
  /** CLM page size, default 200 (the API's maximum). */
  pageSize?: number;
  firstBatchSize?: number;
  maxBatchSize?: number;
  /** Told the batch figures at the end (benchmarks, logs). */
  onBatchStats?: (stats: BatchStats) => void;
}

interface SyncPlan {
  mode: 'full' | 'incremental';
  /** Incremental only: `updatedSince`. */
  since?: string;
  reason: string;
}

type Category = 'created' | 'updated' | 'deactivated' | 'unchanged';

interface Pending {
  write: TemplateWrite;
  category: Category;
  label: string;
  reactivated: boolean;
  flagged: boolean;
}

async function choosePlan(
  input: Record<string, unknown>,
  deps: Pick<TemplateSyncDeps, 'lastSucceeded' | 'now' | 'overlapMs' | 'fullEveryMs'>,
): Promise<SyncPlan> {
  const now = (deps.now ?? (() => new Date()))().getTime();
  if (input.full === true) return { mode: 'full', reason: 'asked for' };
  const last = await deps.lastSucceeded();
  if (!last) return { mode: 'full', reason: 'first sync' };
  const lastFull = await deps.lastSucceeded((r) => (r.checkpoint as SyncPlan | undefined)?.mode === 'full');
  if (!lastFull || now - Date.parse(lastFull.startedAt) > (deps.fullEveryMs ?? 7 * DAY_MS)) return { mode: 'full', reason: 'weekly' };
  const since = new Date(Date.parse(last.startedAt) - (deps.overlapMs ?? 10 * 60_000)).toISOString();
  return { mode: 'incremental', since, reason: `changes since the sync of ${last.startedAt}` };
}

export async function syncTemplates(ctx: RunContext, deps: TemplateSyncDeps): Promise<void> {
  const now = deps.now ?? (() => new Date());
  const plan = (ctx.checkpoint as SyncPlan | undefined) ?? (await choosePlan(ctx.input, deps));
  await ctx.save(plan);
  for (const c of ['created', 'updated', 'deactivated', 'unchanged', 'reactivated', 'flagged', 'failed']) ctx.count(c, 0);

  const rows = await deps.rows.readAll();
  // Dataverse compares key values without case: so does the lookup.
  const byClmId = new Map(rows.map((r) => [r.clmTemplateId.toLowerCase(), r]));
  const seen = new Set<string>();
  const writer = new GrowingBatchWriter({
    rows: deps.rows,
    throttles: deps.throttles,
    sleep: deps.sleep,
    onWait: () => ctx.heartbeat(),
    firstSize: deps.firstBatchSize,
    maxSize: deps.maxBatchSize,
  });
  let pending: Pending[] = [];
  let done = 0;
  const syncedOn = now().toISOString();

  const flush = async () => {
    const batch = pending;
    pending = [];
    const byWrite = new Map(batch.map((p) => [p.write, p]));
    await writer.writeAll(
      batch.map((p) => p.write),
      (w, o) => settle(byWrite.get(w)!, o),
    );
  };

  const settle = async (p: Pending, outcome: WriteOutcome): Promise<void> => {
    if (outcome.ok) {
      if (p.write.op === 'create' && !p.write.values.active && outcome.rowId) {
        // Archived in the CLM already: the new (active) row is deactivated at once.
        const off: Pending = { ...p, write: { op: 'update', rowId: outcome.rowId, clmTemplateId: p.write.clmTemplateId, values: { active: false } } };
        await writer.writeAll([off.write], (_w, o) => settle(off, o));
        return;
      }
      ctx.count(p.category);
      if (p.reactivated) ctx.count('reactivated');
      if (p.flagged) ctx.count('flagged');
      return;
    }
    if (outcome.duplicate && p.write.op === 'create') {
      // The key refused a twin: the row was made since it was read (an earlier try of this batch,
      // or another writer). Update that row instead.
      const row = await deps.rows.findByClmId(p.write.clmTemplateId);
      if (row) {
        const again: Pending = { ...p, category: 'updated', write: { op: 'update', rowId: row.id, clmTemplateId: row.clmTemplateId, values: p.write.values } };
        await writer.writeAll([again.write], (_w, o) => settle(again, o));
        return;
      }
    }
    ctx.count('failed');
    ctx.error(p.label, outcome.ok === false && !outcome.duplicate ? outcome.message : 'Dataverse refused the row.');
  };

  let cursor: string | undefined;
  do {
    // Every page repeats the filters of the first: the CLM refuses a cursor sent with other filters.
    const page = await deps.clm.page({ limit: deps.pageSize ?? 200, ...(plan.since ? { updatedSince: plan.since } : {}), ...(cursor ? { cursor } : {}) });
    for (const t of page.data) {
      seen.add(t.id.toLowerCase());
      const change = await decide(t, byClmId.get(t.id.toLowerCase()), syncedOn, deps.metadata);
      if (change) pending.push(change);
      else ctx.count('unchanged');
    }
    done += page.data.length;
    if (pending.length >= writer.nextSize) await flush();
    await ctx.progress(done);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);

  if (plan.mode === 'full') {
    for (const row of rows) {
      if (!row.active || seen.has(row.clmTemplateId.toLowerCase())) continue;
      pending.push({
        write: { op: 'update', rowId: row.id, clmTemplateId: row.clmTemplateId, values: { active: false, lastSyncedOn: syncedOn } },
        category: 'deactivated',
        label: row.clmTemplateId,
        reactivated: false,
        flagged: false,
      });
    }
  }
  await flush();
  await ctx.progress(done, done);
  deps.onBatchStats?.(writer.stats);
  // The next incremental sync starts from this run: a template left unwritten would be skipped.
  const failed = ctx.countOf('failed');
  if (failed > 0) throw new ConflictError(`${failed} template(s) could not be written to Dataverse (listed in errors); the next sync tries them again.`);
}

/** The write a CLM template needs, or undefined when its row is current. */
async function decide(t: ClmTemplate, row: TemplateRowSummary | undefined, syncedOn: string, metadata: MetadataReader): Promise<Pending | undefined> {
  const active = t.status === 'active';
  const label = `${t.name} (${t.id})`;
  if (!row) {
    const values: TemplateRowValues = {
      name: t.name,
      clmVersion: t.version,
      fieldsJson: JSON.stringify(t.fields),
      lastSyncedOn: syncedOn,
      active,
      mappingState: 'none',
      mappingErrors: null,
    };
    return { write: { op: 'create', clmTemplateId: t.id, values }, category: 'created', label, reactivated: false, flagged: false };
  }
  const versionChanged = row.clmVersion !== t.version;
  if (!versionChanged && row.active === active) return undefined;
  const values: Partial<TemplateRowValues> = { lastSyncedOn: syncedOn };
  if (row.active !== active) values.active = active;
  let flagged = false;
  // A template that comes back may come back as a new template with the same version: take it whole.
  const comesBack = active && !row.active;
  if (versionChanged || comesBack) {
    Object.assign(values, { name: t.name, clmVersion: t.version, fieldsJson: JSON.stringify(t.fields) });
    if (hasMapping(row.mappingJson)) {
      const fit = await checkMappingFit(parseStoredMapping(row.mappingJson), t.fields, metadata);
      values.mappingState = fit.state;
      values.mappingErrors = fit.errorsText;
      flagged = fit.state === 'broken';
    } else {
      values.mappingState = 'none';
      values.mappingErrors = null;
    }
  }
  const category: Category = !active && row.active ? 'deactivated' : 'updated';
  return { write: { op: 'update', rowId: row.id, clmTemplateId: row.clmTemplateId, values }, category, label, reactivated: active && !row.active, flagged };
}
