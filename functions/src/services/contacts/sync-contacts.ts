/**
 * The contact sync runs of contact-sync.md, each a plain function of its ports and a progress
 * reporter, so the long-run machinery (queue worker, run store) can start it and a test can call it:
 *
 * - full: every contact of both sides (Dynamics through a change-tracked read, which also gives
 *   the delta link for the next incremental run), matched and brought in step;
 * - incremental (every 15 minutes): Dynamics changes through the kept delta link (a full sync
 *   when it has expired or is missing), CLM changes through `updatedSince` from the last run's
 *   start minus an overlap, so that nothing changed during a run is missed. Changes whose last
 *   author is the connector itself (Dynamics `modifiedby`, CLM `updatedBy`) are not read back.
 *
 * One contact's failure is recorded on its link and in the run; the run goes on.
 */
import type { ContactSyncSettings, FieldRule } from '../../domain/contact-sync';
import { DeltaLinkExpiredError } from './ports';
import { MemoryLookups, RemoteLookups, type Lookups } from './lookups';
import type { ContactSyncDeps, ContactSyncState, DynamicsContact, RunProgress } from './ports';
import { emptyCounts, type ContactSyncResult } from './run-report';
import { eachLimited } from './pool';
import { syncDeletedInDynamics, syncFromClm, syncFromDynamics, type RunContext } from './sync-pair';
import { removeOrphanLinks } from './orphan-links';
import { byId, readCheckpoint, type ContactSyncCheckpoint } from './checkpoint';
import type { ContactConflict, ContactSyncCounts } from './run-report';

export type ContactSyncMode = 'full' | 'incremental';

const DEFAULT_OVERLAP_MS = 5 * 60 * 1000;
/** Contacts in flight at once. */
const CONCURRENCY = 8;
/**
 * A full sync goes through each side in slices of this many contacts: at the end of a slice its
 * new links are written (in $batch requests) and the checkpoint moves on.
 */
const SLICE = 500;
/** Report progress every this many contacts (a run store write each time). */
const PROGRESS_EVERY = 250;

/** The columns a delta link was made for: a changed field map needs a new one. */
const fieldsSignature = (rules: readonly FieldRule[]) =>
  rules
    .map((r) => r.dynamics)
    .sort()
    .join(',');

/** A long run's resume state (checkpoint.ts): where an earlier attempt stopped, and how to save. */
export interface ContactSyncResume {
  /** What an earlier worker of this run saved (checkpoint.ts), or undefined. */
  checkpoint?: unknown;
  /** The counts saved with it: this attempt goes on from them. */
  counts?: Partial<ContactSyncCounts>;
  /** Saves the checkpoint with the counts as they stand and the conflicts found since the last save. */
  save(checkpoint: ContactSyncCheckpoint, counts: ContactSyncCounts, conflicts: ContactConflict[]): Promise<void>;
}

export async function syncContacts(
  deps: ContactSyncDeps,
  mode: ContactSyncMode,
  progress: RunProgress,
  resume?: ContactSyncResume,
): Promise<ContactSyncResult> {
  const saved = readCheckpoint(resume?.checkpoint);
  const started = saved ? new Date(saved.started) : deps.now();
  const settings = await deps.settings.read();
  const counts = { ...emptyCounts(), ...(saved ? resume?.counts : {}) };
  const result: ContactSyncResult = { mode, fellBackToFull: saved?.fellBackToFull ?? false, counts, conflicts: [], errors: [], durationMs: 0 };
  if (!settings.enabled) {
    progress.error('settings', 'Contact sync is turned off (Dilitrust_ContactSync_Settings "enabled": false); nothing was synced.');
    result.errors.push({ item: 'settings', message: 'Contact sync is turned off.' });
    return finish(result, started, deps);
  }
  const state = await deps.state.read();
  const appUserId = await deps.dynamics.applicationUserId();
  const checkpoints = new Checkpoints(resume, result, saved);

  if (saved?.mode === 'full') {
    await full(deps, settings, state, appUserId, started, result, progress, checkpoints);
    return finish(result, started, deps);
  }
  if (mode === 'incremental' && state.deltaLink && state.deltaFields === fieldsSignature(settings.fields)) {
    try {
      const changes = await deps.dynamics.readChanges(state.deltaLink, settings.fields);
      // An incremental run's changes are few: a take-over goes through them again from the same start.
      await checkpoints.save({ v: 1, mode: 'incremental', fellBackToFull: false, started: started.toISOString(), failed: emptyRetry() });
      await incremental(deps, settings, state, appUserId, changes, started, result, progress);
      return finish(result, started, deps);
    } catch (e) {
      if (!(e instanceof DeltaLinkExpiredError)) throw e;
      progress.error('Dataverse change tracking', 'The delta link had expired (older than Dataverse keeps changes); a full sync was run instead.');
    }
  }
  if (mode === 'incremental') result.fellBackToFull = true;
  await full(deps, settings, state, appUserId, started, result, progress, checkpoints);
  return finish(result, started, deps);
}

const emptyRetry = () => ({ dynamics: [], clm: [], deleted: [] });

/** Saves checkpoints through the run (a plain call of syncContacts has none to save). */
class Checkpoints {
  constructor(
    private readonly resume: ContactSyncResume | undefined,
    private readonly result: ContactSyncResult,
    readonly saved: ContactSyncCheckpoint | undefined,
  ) {}

  async save(checkpoint: ContactSyncCheckpoint): Promise<void> {
    if (!this.resume) return;
    await this.resume.save(checkpoint, { ...this.result.counts }, this.result.conflicts.splice(0));
  }
}

function finish(result: ContactSyncResult, started: Date, deps: ContactSyncDeps): ContactSyncResult {
  result.durationMs = deps.now().getTime() - started.getTime();
  return result;
}

function context(
  deps: ContactSyncDeps,
  settings: ContactSyncSettings,
  lookups: Lookups,
  appUserId: string,
  state: ContactSyncState,
  result: ContactSyncResult,
  progress: RunProgress,
): RunContext {
  let scopeIds: Promise<Set<string> | undefined> | undefined;
  return {
    deps,
    rules: settings.fields,
    lookups,
    appUserId,
    clmClientId: state.clmClientId,
    async inScope(d: DynamicsContact) {
      scopeIds ??= deps.dynamics.idsInScope(settings.scope);
      const ids = await scopeIds;
      return ids === undefined ? d.values.active !== false : ids.has(d.id);
    },
    counts: result.counts,
    conflicts: result.conflicts,
    error(item, message) {
      result.errors.push({ item, message });
      progress.error(item, message);
    },
    handledDynamics: new Set(),
    handledClm: new Set(),
    failed: { dynamics: [], clm: [], deleted: [] },
  };
}

async function full(
  deps: ContactSyncDeps,
  settings: ContactSyncSettings,
  state: ContactSyncState,
  appUserId: string,
  started: Date,
  result: ContactSyncResult,
  progress: RunProgress,
  checkpoints: Checkpoints,
): Promise<void> {
  const rules = settings.fields;
  const [dynamics, clm, links] = [await deps.dynamics.readAll(rules), await deps.clm.all(), await deps.links.all()];
  const lookups = new MemoryLookups(links.links, dynamics.contacts, clm);
  const ctx = context(deps, settings, lookups, appUserId, state, result, progress);
  // Taken over: the first attempt's delta link and failures, and where it stood.
  const from = checkpoints.saved?.mode === 'full' ? checkpoints.saved : undefined;
  const deltaLink = from?.deltaLink ?? dynamics.deltaLink;
  if (from) {
    ctx.failed = { dynamics: [...from.failed.dynamics], clm: [...from.failed.clm], deleted: [...from.failed.deleted] };
    if (from.clmClientId) ctx.clmClientId ??= from.clmClientId;
  }
  ctx.newLinks = [];
  const checkpoint = (phase: 'dynamics' | 'clm', after: string | undefined): ContactSyncCheckpoint => ({
    v: 1,
    mode: 'full',
    fellBackToFull: result.fellBackToFull,
    started: started.toISOString(),
    deltaLink,
    phase,
    ...(after !== undefined ? { after } : {}),
    failed: ctx.failed,
    ...(ctx.clmClientId ? { clmClientId: ctx.clmClientId } : {}),
  });
  const total = dynamics.contacts.length + clm.length;
  let done = 0;
  const goThrough = async <T extends { id: string }>(phase: 'dynamics' | 'clm', items: T[], one: (item: T) => Promise<void>) => {
    const after = from?.phase === phase ? from.after : undefined;
    const todo = byId(items).filter((x) => after === undefined || x.id > after);
    done += items.length - todo.length;
    for (let i = 0; i < todo.length; i += SLICE) {
      const slice = todo.slice(i, i + SLICE);
      await eachLimited(slice, CONCURRENCY, async (x) => {
        result.counts.read += 1;
        await one(x);
        done += 1;
        if (done % PROGRESS_EVERY === 0) await progress.report(done, total);
      });
      await deps.links.saveAll(ctx.newLinks!.splice(0));
      await checkpoints.save(checkpoint(phase, slice[slice.length - 1].id));
    }
  };
  if (from?.phase !== 'clm') {
    await checkpoints.save(checkpoint('dynamics', from?.after));
    await goThrough('dynamics', dynamics.contacts, async (d) => {
      if (!ctx.handledDynamics.has(d.id)) await syncFromDynamics(ctx, d);
    });
    await checkpoints.save(checkpoint('clm', undefined));
  } else {
    done += dynamics.contacts.length;
  }
  // Every Dynamics contact has been gone through (in this attempt or an earlier one): a CLM
  // contact whose Dynamics half is one of them was settled with it.
  // (Not those the connector made for CLM contacts during this run: a dead worker's, read again.)
  const madeByThisRun = (d: DynamicsContact) => d.createdBy === appUserId && d.createdOn !== undefined && Date.parse(d.createdOn) >= started.getTime();
  dynamics.contacts.filter((d) => !madeByThisRun(d)).forEach((d) => ctx.handledDynamics.add(d.id));
  await goThrough('clm', clm, async (c) => {
    if (!ctx.handledClm.has(c.id)) await syncFromClm(ctx, c);
  });
  await deps.links.saveAll(ctx.newLinks.splice(0));
  await removeOrphanLinks(ctx, links);
  await progress.report(total, total);
  await deps.state.write({
    ...state,
    deltaLink,
    deltaFields: fieldsSignature(rules),
    clmSince: started.toISOString(),
    ...(ctx.clmClientId ? { clmClientId: ctx.clmClientId } : {}),
    retry: ctx.failed,
  });
}

async function incremental(
  deps: ContactSyncDeps,
  settings: ContactSyncSettings,
  state: ContactSyncState,
  appUserId: string,
  changes: { changed: DynamicsContact[]; deleted: string[]; deltaLink: string },
  started: Date,
  result: ContactSyncResult,
  progress: RunProgress,
): Promise<void> {
  const overlap = deps.clmOverlapMs ?? DEFAULT_OVERLAP_MS;
  const since = new Date(Date.parse(state.clmSince ?? new Date(0).toISOString()) - overlap).toISOString();
  const clmChanged = await deps.clm.changedSince(since);
  // The connector's own writes are not changes (no echo): their last author is the connector.
  const dynamicsChanged = changes.changed.filter((d) => d.modifiedBy !== appUserId);
  const clmByOthers = clmChanged.filter((c) => !state.clmClientId || c.updatedBy !== state.clmClientId);
  result.counts.read = changes.changed.length + changes.deleted.length + clmChanged.length;
  // The last run's failures are synced again, changed since or not (ports.ts ContactSyncState.retry).
  const retry = state.retry ?? { dynamics: [], clm: [], deleted: [] };
  const deleted = [...new Set([...changes.deleted, ...retry.deleted])];
  for (const id of new Set(retry.dynamics)) {
    if (dynamicsChanged.some((d) => d.id === id) || deleted.includes(id)) continue;
    const d = await deps.dynamics.get(id, settings.fields);
    if (d) dynamicsChanged.push(d);
    result.counts.read += 1;
  }
  for (const id of new Set(retry.clm)) {
    if (clmByOthers.some((c) => c.id === id)) continue;
    const c = await deps.clm.get(id);
    if (c) clmByOthers.push(c);
    result.counts.read += 1;
  }

  const lookups = new RemoteLookups(deps, settings.fields);
  const ctx = context(deps, settings, lookups, appUserId, state, result, progress);
  dynamicsChanged.forEach((d) => lookups.rememberDynamics(d));
  clmByOthers.forEach((c) => lookups.rememberClm(c));
  await lookups.preload(
    [...dynamicsChanged.map((d) => d.id), ...deleted],
    clmByOthers.map((c) => c.id),
  );

  const total = deleted.length + dynamicsChanged.length + clmByOthers.length;
  let done = 0;
  for (const id of deleted) {
    await syncDeletedInDynamics(ctx, id);
    done += 1;
  }
  await eachLimited(dynamicsChanged, CONCURRENCY, async (d) => {
    if (!ctx.handledDynamics.has(d.id)) await syncFromDynamics(ctx, d);
    done += 1;
    if (done % PROGRESS_EVERY === 0) await progress.report(done, total);
  });
  await eachLimited(clmByOthers, CONCURRENCY, async (c) => {
    if (!ctx.handledClm.has(c.id)) await syncFromClm(ctx, c);
    done += 1;
    if (done % PROGRESS_EVERY === 0) await progress.report(done, total);
  });
  await progress.report(total, total);
  await deps.state.write({
    ...state,
    deltaLink: changes.deltaLink,
    deltaFields: fieldsSignature(settings.fields),
    clmSince: started.toISOString(),
    ...(ctx.clmClientId ? { clmClientId: ctx.clmClientId } : {}),
    retry: ctx.failed,
  });
}
