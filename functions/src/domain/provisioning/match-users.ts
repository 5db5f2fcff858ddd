/**
 * Which CLM user is a Dynamics user's, so that no one is ever created twice (scim-profile.md): the
 * link row's SCIM id first, then `externalId eq <oid>`, then `userName eq <e-mail>` (user names
 * compare without case). Two Dynamics users that land on one CLM user are a conflict on both: the
 * caller writes nothing for either.
 */
import type { HeldClmUser } from './user-changes';

export interface MatchCandidate {
  systemUserId: string;
  linkedScimId?: string;
  externalId: string;
  userName: string;
}

export type Match =
  { kind: 'found'; held: HeldClmUser; by: 'link' | 'externalId' | 'userName' } | { kind: 'none' } | { kind: 'conflict'; held: HeldClmUser; others: string[] };

export interface HeldIndex {
  byId: Map<string, HeldClmUser>;
  byExternalId: Map<string, HeldClmUser>;
  byUserName: Map<string, HeldClmUser>;
}

export function indexHeldUsers(users: Iterable<HeldClmUser>): HeldIndex {
  const index: HeldIndex = { byId: new Map(), byExternalId: new Map(), byUserName: new Map() };
  for (const u of users) {
    index.byId.set(u.id, u);
    if (u.externalId) index.byExternalId.set(u.externalId.toLowerCase(), u);
    index.byUserName.set(u.userName.toLowerCase(), u);
  }
  return index;
}

function findHeld(candidate: MatchCandidate, index: HeldIndex): Extract<Match, { kind: 'found' }> | { kind: 'none' } {
  const linked = candidate.linkedScimId ? index.byId.get(candidate.linkedScimId) : undefined;
  if (linked) return { kind: 'found', held: linked, by: 'link' };
  const byExternal = index.byExternalId.get(candidate.externalId.toLowerCase());
  if (byExternal) return { kind: 'found', held: byExternal, by: 'externalId' };
  const byName = index.byUserName.get(candidate.userName.toLowerCase());
  if (byName) return { kind: 'found', held: byName, by: 'userName' };
  return { kind: 'none' };
}

/** Every candidate's match; candidates sharing one CLM user all get `conflict`. */
export function matchUsers(candidates: MatchCandidate[], index: HeldIndex): Map<string, Match> {
  const found = new Map<string, Match>();
  const claimants = new Map<string, string[]>();
  for (const c of candidates) {
    const match = findHeld(c, index);
    found.set(c.systemUserId, match);
    if (match.kind === 'found') claimants.set(match.held.id, [...(claimants.get(match.held.id) ?? []), c.systemUserId]);
  }
  for (const [heldId, ids] of claimants) {
    if (ids.length < 2) continue;
    const held = index.byId.get(heldId)!;
    for (const id of ids) found.set(id, { kind: 'conflict', held, others: ids.filter((o) => o !== id) });
  }
  return found;
}
