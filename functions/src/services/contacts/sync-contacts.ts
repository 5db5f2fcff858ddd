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

export type ContactSyncMode = 'full' | 'incremental';

const DEFAULT_OVERLAP_MS = 5 * 60 * 1000;
/** Contacts in flight at once. */
const CONCURRENCY = 8;
/** A full sync writes its new links this many at a time (in $batch requests). */
const LINKS_PER_WRITE = 500;
/** Report progress every this many contacts (a run store write each time). */
const PROGRESS_EVERY = 250;

/** The columns a delta link was made for: a changed field map needs a new one. */
const fieldsSignature = (rules: readonly FieldRule[]) =>
  rules
    .map((r) => r.dynamics)
    .sort()
    .join(',');

export async function syncContacts(deps: ContactSyncDeps, mode: ContactSyncMode, progress: RunProgress): Promise<ContactSyncResult> {
  const started = deps.now();
  const settings = await deps.settings.read();
  const result: ContactSyncResult = { mode, fellBackToFull: false, counts: emptyCounts(), conflicts: [], errors: [], durationMs: 0 };
  if (!settings.enabled) {
    progress.error('settings', 'Contact sync is turned off (Dilitrust_ContactSync_Settings "enabled": false); nothing was synced.');
    result.errors.push({ item: 'settings', message: 'Contact sync is turned off.' });
    return finish(result, started, deps);
  }
  const state = await deps.state.read();
  const appUserId = await deps.dynamics.applicationUserId();

  if (mode === 'incremental' && state.deltaLink && state.deltaFields === fieldsSignature(settings.fields)) {
    try {
      const changes = await deps.dynamics.readChanges(state.deltaLink, settings.fields);
      await incremental(deps, settings, state, appUserId, changes, started, result, progress);
      return finish(result, started, deps);
    } catch (e) {
      if (!(e instanceof DeltaLinkExpiredError)) throw e;
      progress.error('Dataverse change tracking', 'The delta link had expired (older than Dataverse keeps changes); a full sync was run instead.');
    }
  }
  if (mode === 'incremental') result.fellBackToFull = true;
  await full(deps, settings, state, appUserId, started, result, progress);
  return finish(result, started, deps);
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
): Promise<void> {
  const rules = settings.fields;
  const [dynamics, clm, links] = [await deps.dynamics.readAll(rules), await deps.clm.all(), await deps.links.all()];
  const lookups = new MemoryLookups(links, dynamics.contacts, clm);
  const ctx = context(deps, settings, lookups, appUserId, state, result, progress);
  ctx.newLinks = [];
  const writeNewLinks = () => deps.links.saveAll(ctx.newLinks!.splice(0));
  const total = dynamics.contacts.length + clm.length;
  let done = 0;
  const step = async () => {
    done += 1;
    if (ctx.newLinks!.length >= LINKS_PER_WRITE) await writeNewLinks();
    if (done % PROGRESS_EVERY === 0) await progress.report(done, total);
  };
  await eachLimited(dynamics.contacts, CONCURRENCY, async (d) => {
    result.counts.read += 1;
    if (!ctx.handledDynamics.has(d.id)) await syncFromDynamics(ctx, d);
    await step();
  });
  await eachLimited(clm, CONCURRENCY, async (c) => {
    result.counts.read += 1;
    if (!ctx.handledClm.has(c.id)) await syncFromClm(ctx, c);
    await step();
  });
  await writeNewLinks();
  await progress.report(total, total);
  await deps.state.write({
    ...state,
    deltaLink: dynamics.deltaLink,
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
