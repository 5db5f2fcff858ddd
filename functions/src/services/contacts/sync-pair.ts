/**
 * One contact brought in step (contact-sync.md "Rules"): find its other half (link, externalId,
 * e-mail), create it when there is none, merge field by field against the link's synced values,
 * write each side with optimistic concurrency (a lost race is read again and merged, never
 * overwritten), and keep the link. Two candidates is a Conflict on the link, and nothing is written.
 */
import { isEmpty, mergeContact, type ContactValues, type FieldRule, type FieldValue, type MergeResult, type SyncedValues } from '../../domain/contact-sync';
import { DuplicateEmailError, StaleContactError } from './ports';
import type { Lookups } from './lookups';
import { syncedHash } from './synced-hash';
import type { ClmContact, ContactLink, ContactSyncDeps, DynamicsContact, RetrySet } from './ports';
import type { ContactConflict, ContactSyncCounts } from './run-report';
import { inAdminWords } from './troubleshooting';

export interface RunContext {
  deps: ContactSyncDeps;
  rules: readonly FieldRule[];
  lookups: Lookups;
  /** The connector's application user in Dynamics: its own writes are not changes. */
  appUserId: string;
  /** The CLM's id for the connector (`updatedBy` of its writes), learnt from its first write. */
  clmClientId?: string;
  /** Whether a contact not yet linked takes part (the settings' scope). */
  inScope(contact: DynamicsContact): Promise<boolean>;
  counts: ContactSyncCounts;
  conflicts: ContactConflict[];
  error(item: string, message: string): void;
  handledDynamics: Set<string>;
  handledClm: Set<string>;
  /** The contacts that failed in this run (the next incremental run tries them again). */
  failed: RetrySet;
  /** A full sync: new links wait here and are written in batches (ContactLinkStore.saveAll). */
  newLinks?: { link: ContactLink; name: string }[];
}

export type PairOutcome =
  /** `wrote`: a contact was written on either side (a link written alone leaves the pair unchanged). */
  | { kind: 'synced'; contactId: string; clmContactId: string; wrote: boolean; conflicts: ContactConflict[] }
  | { kind: 'ambiguous'; message: string }
  | { kind: 'skipped'; reason: string }
  | { kind: 'deactivated'; clmContactId: string }
  | { kind: 'failed'; message: string };

const MAX_ATTEMPTS = 4;
const hasAny = (v: ContactValues) => Object.keys(v).length > 0;
/**
 * A link's name (dtclm_name) is the contact's full name (dataverse-model.md): from the names just
 * synced (Dynamics computes fullname from them, after this write), else Dynamics' own fullname,
 * else the e-mail; never the contact's id.
 */
const linkName = (v: ContactValues, d: DynamicsContact) =>
  [v.firstName, v.lastName].filter((x) => typeof x === 'string' && x).join(' ') || d.fullName || String(v.email ?? '') || d.id;

/** A Dynamics contact (changed, or read in a full sync) and its CLM half. */
export async function syncFromDynamics(ctx: RunContext, d: DynamicsContact, opts: { ignoreScope?: boolean } = {}): Promise<PairOutcome> {
  ctx.handledDynamics.add(d.id);
  return guarded(ctx, `Dynamics contact ${d.id}`, { id: d.id, name: d.fullName }, { side: 'dynamics', id: d.id }, async () => {
    const link = await ctx.lookups.linkByContact(d.id);
    let c: ClmContact | undefined;
    if (link?.clmContactId) c = await ctx.lookups.clmById(link.clmContactId);
    if (!c) {
      const byExternal = (await ctx.lookups.clmByExternalId(d.id)).filter((x) => x.externalId === d.id);
      if (byExternal.length === 1) c = byExternal[0];
      else if (byExternal.length > 1)
        return ambiguous(ctx, [d], byExternal, `Several CLM contacts carry this contact's id (${byExternal.map((x) => x.id).join(', ')})`);
    }
    if (!c && !isEmpty(d.values.email ?? null)) {
      const email = String(d.values.email);
      const twins = (await unlinkedDynamicsByEmail(ctx, email)).filter((x) => x.id !== d.id);
      const candidates = await unlinkedClmByEmail(ctx, email, d.id);
      if (twins.length > 0) {
        return ambiguous(ctx, [d, ...twins], candidates, `${twins.length + 1} Dynamics contacts have the e-mail ${email}`);
      }
      if (candidates.length > 1) return ambiguous(ctx, [d], candidates, `${candidates.length} CLM contacts have the e-mail ${email}`);
      c = candidates[0];
    }
    if (c) {
      ctx.handledClm.add(c.id);
      return settle(ctx, d, c, link);
    }
    // No CLM half: create one, for an active contact in scope with an e-mail (the CLM needs one).
    if (d.values.active === false) return { kind: 'skipped', reason: 'inactive, never linked' };
    if (isEmpty(d.values.email ?? null)) return { kind: 'skipped', reason: 'no e-mail' };
    if (!opts.ignoreScope && !link && !(await ctx.inScope(d))) return { kind: 'skipped', reason: 'out of scope' };
    return createInClm(ctx, d, link);
  });
}

/** A CLM contact (changed, or read in a full sync) and its Dynamics half. */
export async function syncFromClm(ctx: RunContext, c: ClmContact): Promise<PairOutcome> {
  ctx.handledClm.add(c.id);
  return guarded(ctx, `CLM contact ${c.id}`, undefined, { side: 'clm', id: c.id }, async () => {
    const link = await ctx.lookups.linkByClm(c.id);
    const knownId = link?.contactId ?? c.externalId ?? undefined;
    if (knownId) {
      const d = await ctx.lookups.dynamicsById(knownId);
      if (!d) return deactivateInClm(ctx, c);
      if (ctx.handledDynamics.has(d.id)) return { kind: 'skipped', reason: 'already synced in this run' };
      ctx.handledDynamics.add(d.id);
      return settle(ctx, d, c, link ?? (await ctx.lookups.linkByContact(d.id)));
    }
    const email = String(c.values.email ?? '');
    const candidates = email ? await unlinkedDynamicsByEmail(ctx, email) : [];
    if (candidates.length > 1) return ambiguous(ctx, candidates, [c], `${candidates.length} Dynamics contacts have the e-mail ${email}`);
    if (candidates.length === 1) {
      const d = candidates[0];
      // Gone through already (a full sync taken over: by an earlier attempt): settled, or reported, with it.
      if (ctx.handledDynamics.has(d.id)) return { kind: 'skipped', reason: 'already synced in this run' };
      ctx.handledDynamics.add(d.id);
      return settle(ctx, d, c, await ctx.lookups.linkByContact(d.id));
    }
    if (c.values.active === false) return { kind: 'skipped', reason: 'inactive, never linked' };
    return createInDynamics(ctx, c);
  });
}

/** A contact deleted in Dynamics: its CLM contact is deactivated (contact-sync.md). */
export async function syncDeletedInDynamics(ctx: RunContext, contactId: string): Promise<PairOutcome> {
  ctx.handledDynamics.add(contactId);
  return guarded(ctx, `Dynamics contact ${contactId} (deleted)`, undefined, { side: 'deleted', id: contactId }, async () => {
    const link = await ctx.lookups.linkByContact(contactId);
    const ids = new Set<string>();
    if (link?.clmContactId) ids.add(link.clmContactId);
    for (const c of await ctx.lookups.clmByExternalId(contactId)) if (c.externalId === contactId) ids.add(c.id);
    let last: PairOutcome = { kind: 'skipped', reason: 'never linked' };
    for (const id of ids) {
      const c = await ctx.lookups.clmById(id);
      if (c) {
        ctx.handledClm.add(c.id);
        last = await deactivateInClm(ctx, c);
      }
    }
    return last;
  });
}

async function unlinkedDynamicsByEmail(ctx: RunContext, email: string): Promise<DynamicsContact[]> {
  const found = await ctx.lookups.dynamicsByEmail(email);
  const out: DynamicsContact[] = [];
  for (const d of found) {
    const l = await ctx.lookups.linkByContact(d.id);
    if (!l?.clmContactId) out.push(d);
  }
  return out;
}

async function unlinkedClmByEmail(ctx: RunContext, email: string, contactId: string): Promise<ClmContact[]> {
  const found = await ctx.lookups.clmByEmail(email);
  const out: ClmContact[] = [];
  for (const c of found) {
    if (c.externalId && c.externalId !== contactId) continue;
    const l = await ctx.lookups.linkByClm(c.id);
    if (!l || l.contactId === contactId) out.push(c);
  }
  return out;
}

/** Runs one contact's work; its failure is recorded on its link and in the run, and the run goes on. */
async function guarded(
  ctx: RunContext,
  item: string,
  contact: { id: string; name: string } | undefined,
  retry: { side: keyof RetrySet; id: string },
  work: () => Promise<PairOutcome>,
): Promise<PairOutcome> {
  try {
    const outcome = await work();
    if (outcome.kind === 'synced' && !outcome.wrote) ctx.counts.unchanged += 1;
    return outcome;
  } catch (e) {
    const message = inAdminWords(e);
    ctx.counts.failed += 1;
    ctx.failed[retry.side].push(retry.id);
    ctx.error(item, message);
    if (contact) await markLink(ctx, contact.id, 'error', message, contact.name).catch(() => undefined);
    return { kind: 'failed', message };
  }
}

async function markLink(ctx: RunContext, contactId: string, state: 'error' | 'conflict', message: string, name?: string): Promise<void> {
  const link = await ctx.lookups.linkByContact(contactId);
  // A link keeps its name: an error or a conflict changes its state and words, not what it is called.
  const keptName = (name || link?.name) ?? contactId;
  if (link && link.state === state && link.lastError === message && link.name === keptName) return;
  const saved = await ctx.deps.links.save(
    { ...(link ?? { contactId, clmContactId: null, clmVersion: null, state, lastError: null }), state, lastError: message, name: keptName },
    keptName,
  );
  ctx.lookups.rememberLink(saved);
}

/** In a fixed order, so the same conflict gives the same words (and the link is not rewritten). */
const sortedIds = (items: { id: string }[]) =>
  items
    .map((i) => i.id)
    .sort()
    .join(', ');

async function ambiguous(ctx: RunContext, dynamics: DynamicsContact[], clm: ClmContact[], why: string): Promise<PairOutcome> {
  const message = `${why}: matching cannot tell which is the same person, so nothing was written. Give each person a distinct e-mail (or deactivate the extra one), then sync again.${
    clm.length ? ` CLM contacts: ${sortedIds(clm)}.` : ''
  }${dynamics.length > 1 ? ` Dynamics contacts: ${sortedIds(dynamics)}.` : ''}`;
  for (const d of dynamics) {
    ctx.handledDynamics.add(d.id);
    await markLink(ctx, d.id, 'conflict', message, d.fullName);
  }
  clm.forEach((c) => ctx.handledClm.add(c.id));
  ctx.counts.ambiguous += 1;
  ctx.error(dynamics.length === 1 ? `Dynamics contact ${dynamics[0].id}` : `CLM contact ${clm[0]?.id ?? ''}`, message);
  return { kind: 'ambiguous', message };
}

function learnClmClient(ctx: RunContext, c: ClmContact): void {
  if (c.updatedBy) ctx.clmClientId = c.updatedBy;
}

async function saveLink(ctx: RunContext, d: DynamicsContact, c: ClmContact, before: ContactLink | undefined, synced: SyncedValues): Promise<boolean> {
  const hash = syncedHash(synced);
  const name = linkName(synced.dynamics, d);
  // A renamed contact's link is renamed with it, even when no synced value changed.
  if (before && before.hash === hash && before.clmContactId === c.id && before.clmVersion === c.version && before.state === 'inSync' && before.name === name)
    return false;
  const link: ContactLink = {
    rowId: before?.rowId,
    contactId: d.id,
    clmContactId: c.id,
    clmVersion: c.version,
    synced,
    hash,
    state: 'inSync',
    lastError: null,
    name,
  };
  if (ctx.newLinks && !link.rowId) {
    ctx.newLinks.push({ link, name });
    ctx.lookups.rememberLink(link);
  } else {
    ctx.lookups.rememberLink(await ctx.deps.links.save(link, name));
  }
  if (before?.clmContactId !== c.id) ctx.counts.linked += 1;
  return true;
}

/**
 * The merge and the writes, again after a lost race: a side the connector already wrote keeps the
 * change time it had (its new modifiedon / updatedAt is the connector's, not a person's), so a
 * person's concurrent edit is weighed against the edit it raced, not against the connector's copy.
 */
async function settle(ctx: RunContext, d0: DynamicsContact, c0: ClmContact, link: ContactLink | undefined): Promise<PairOutcome> {
  let d = d0;
  let c = c0;
  const base = link?.clmContactId === c.id ? link.synced : undefined;
  const applied = new Map<string, ContactConflict>();
  let wrote = false;
  let wroteD = false;
  let wroteC = false;
  // What this pair did, counted once when it is settled: a write made again after a lost race is
  // the same update, not another one.
  let updatedC = false;
  let deactivatedC = false;
  let refusedEmail: FieldValue | undefined;
  for (let attempt = 1; ; attempt++) {
    let r: MergeResult = mergeContact({
      rules: ctx.rules,
      base,
      dynamics: { values: d.values, changedAt: d.modifiedOn },
      clm: { values: c.values, changedAt: c.updatedAt },
    });
    const toConflicts = (m: MergeResult) =>
      m.conflicts.forEach((x) =>
        applied.set(x.field, { contactId: d.id, clmContactId: c.id, field: x.field, dynamics: x.dynamics, clm: x.clm, winner: x.winner }),
      );
    try {
      if (hasAny(r.toDynamics)) {
        await ctx.deps.dynamics.update(d.id, d.etag, r.toDynamics, ctx.rules);
        d = { ...d, values: { ...d.values, ...r.toDynamics } };
        ctx.lookups.rememberDynamics(d);
        wrote = wroteD = true;
        toConflicts(r);
      }
      const needsExternalId = c.externalId !== d.id;
      if (hasAny(r.toClm) || needsExternalId) {
        const wasActive = c.values.active;
        try {
          c = await ctx.deps.clm.update(c.id, c.version, r.toClm, needsExternalId ? d.id : undefined);
        } catch (e) {
          // One field's refusal (409: another active CLM contact has this e-mail) does not block the
          // others: they are written without it, and the e-mail is left as the link knew it, so the
          // next run sees Dynamics' new e-mail as a change and tries it again.
          if (!(e instanceof DuplicateEmailError) || !('email' in r.toClm)) throw e;
          const { email, ...others } = r.toClm;
          refusedEmail = email;
          if (hasAny(others) || needsExternalId) c = await ctx.deps.clm.update(c.id, c.version, others, needsExternalId ? d.id : undefined);
          const kept = c.values.email ?? null;
          r = {
            ...r,
            toClm: others,
            merged: { dynamics: { ...r.merged.dynamics, email: base?.dynamics.email ?? kept }, clm: { ...r.merged.clm, email: kept } },
          };
        }
        learnClmClient(ctx, c);
        ctx.lookups.rememberClm(c);
        if (hasAny(r.toClm)) updatedC = true;
        if (wasActive !== false && r.toClm.active === false) deactivatedC = true;
        wrote = wroteC = true;
        toConflicts(r);
      }
      toConflicts(r);
      if (wroteD) ctx.counts.updatedInDynamics += 1;
      if (updatedC) ctx.counts.updatedInClm += 1;
      if (deactivatedC) ctx.counts.deactivatedInClm += 1;
      const conflicts = [...applied.values()];
      ctx.counts.conflicts += conflicts.length;
      ctx.conflicts.push(...conflicts);
      await saveLink(ctx, d, c, link, r.merged);
      if (refusedEmail !== undefined) {
        const message = `The CLM refused the e-mail ${JSON.stringify(refusedEmail)} for CLM contact ${c.id}: another active CLM contact has it (409). The other fields were written; merge or deactivate the other contact in the CLM, and the next run writes the e-mail.`;
        ctx.counts.failed += 1;
        ctx.failed.dynamics.push(d.id);
        ctx.error(`Dynamics contact ${d.id}`, message);
        await markLink(ctx, d.id, 'error', message, d.fullName).catch(() => undefined);
      }
      // A pair in step whose link alone was written (a full sync taken over finds the pairs its
      // dead worker wrote in step, their links maybe not yet saved) counts as unchanged, once.
      return { kind: 'synced', contactId: d.id, clmContactId: c.id, wrote, conflicts };
    } catch (e) {
      if (!(e instanceof StaleContactError) || attempt >= MAX_ATTEMPTS) throw e;
      const freshD = await ctx.deps.dynamics.get(d.id, ctx.rules);
      if (!freshD) return deactivateInClm(ctx, c);
      const freshC = await ctx.deps.clm.get(c.id);
      if (!freshC) throw new Error(`The CLM contact ${c.id} is gone.`, { cause: e });
      d = wroteD && freshD.modifiedBy === ctx.appUserId ? { ...freshD, modifiedOn: d.modifiedOn } : freshD;
      c = wroteC && freshC.updatedBy === ctx.clmClientId ? { ...freshC, updatedAt: c.updatedAt } : freshC;
    }
  }
}

async function createInClm(ctx: RunContext, d: DynamicsContact, link: ContactLink | undefined): Promise<PairOutcome> {
  const values: ContactValues = {};
  for (const rule of ctx.rules) if (rule.direction !== 'fromClm' || rule.clmRequired) values[rule.clm] = d.values[rule.clm] ?? null;
  // The connector makes one CLM contact per Dynamics contact: a resend is answered with the first one.
  const c = await ctx.deps.clm.create(values, d.id, `dtclm-contact-${d.id}`);
  learnClmClient(ctx, c);
  ctx.lookups.rememberClm(c);
  ctx.handledClm.add(c.id);
  ctx.counts.createdInClm += 1;
  const merged = mergeContact({
    rules: ctx.rules,
    dynamics: { values: d.values, changedAt: d.modifiedOn },
    clm: { values: c.values, changedAt: c.updatedAt },
  }).merged;
  await saveLink(ctx, d, c, link, merged);
  return { kind: 'synced', contactId: d.id, clmContactId: c.id, wrote: true, conflicts: [] };
}

async function createInDynamics(ctx: RunContext, c0: ClmContact): Promise<PairOutcome> {
  const values: ContactValues = {};
  for (const rule of ctx.rules) if (rule.direction !== 'toClm') values[rule.clm] = c0.values[rule.clm] ?? null;
  const d = await ctx.deps.dynamics.create(values, ctx.rules);
  ctx.lookups.rememberDynamics(d);
  ctx.handledDynamics.add(d.id);
  ctx.counts.createdInDynamics += 1;
  // The CLM contact now carries the contactid (externalId), read again if someone changed it meanwhile.
  let c = c0;
  for (let attempt = 1; ; attempt++) {
    try {
      c = await ctx.deps.clm.update(c.id, c.version, {}, d.id);
      break;
    } catch (e) {
      if (!(e instanceof StaleContactError) || attempt >= MAX_ATTEMPTS) throw e;
      c = (await ctx.deps.clm.get(c.id)) ?? c;
    }
  }
  learnClmClient(ctx, c);
  ctx.lookups.rememberClm(c);
  const merged = mergeContact({ rules: ctx.rules, dynamics: { values: d.values, changedAt: d.modifiedOn }, clm: { values: c.values, changedAt: c.updatedAt } });
  await saveLink(ctx, d, c, undefined, merged.merged);
  return { kind: 'synced', contactId: d.id, clmContactId: c.id, wrote: true, conflicts: [] };
}

async function deactivateInClm(ctx: RunContext, c0: ClmContact): Promise<PairOutcome> {
  let c = c0;
  for (let attempt = 1; c.values.active !== false; attempt++) {
    try {
      c = await ctx.deps.clm.update(c.id, c.version, { active: false });
      learnClmClient(ctx, c);
      ctx.lookups.rememberClm(c);
      ctx.counts.deactivatedInClm += 1;
      return { kind: 'deactivated', clmContactId: c.id };
    } catch (e) {
      if (!(e instanceof StaleContactError) || attempt >= MAX_ATTEMPTS) throw e;
      c = (await ctx.deps.clm.get(c.id)) ?? c;
    }
  }
  return { kind: 'synced', contactId: c.externalId ?? '', clmContactId: c.id, wrote: false, conflicts: [] };
}
