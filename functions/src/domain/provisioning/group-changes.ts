/**
 * Teams whose name starts with the group prefix become CLM groups of the same name, whose members
 * are the team's members that the connector keeps active in the CLM (scim-profile.md). Every CLM
 * group whose name starts with the prefix is the connector's: one that no team matches any more
 * (the team was renamed or removed) is removed. Names compare without case, as the CLM's
 * uniqueness does.
 */

export interface TeamMembers {
  name: string;
  memberSystemUserIds: string[];
}

export interface HeldClmGroup {
  id: string;
  displayName: string;
  memberIds: string[];
}

export interface GroupChanges {
  create: { displayName: string; memberIds: string[] }[];
  update: { id: string; displayName: string; add: string[]; remove: string[] }[];
  remove: { id: string; displayName: string }[];
}

function hasPrefix(name: string, prefix: string): boolean {
  return name.toLowerCase().startsWith(prefix.toLowerCase());
}

const keyOf = (name: string) => name.toLowerCase();

/**
 * The connector's groups by name (without case): the first the CLM lists of each name is the one
 * kept; a later one of the same name is an extra, which a full run deletes.
 */
function keptGroups(held: HeldClmGroup[], prefix: string): Map<string, HeldClmGroup> {
  const kept = new Map<string, HeldClmGroup>();
  for (const group of held) if (hasPrefix(group.displayName, prefix) && !kept.has(keyOf(group.displayName))) kept.set(keyOf(group.displayName), group);
  return kept;
}

/** `scimIdOf` answers the CLM id of a user the connector keeps active, else undefined. */
export function groupChanges(teams: TeamMembers[], held: HeldClmGroup[], prefix: string, scimIdOf: (systemUserId: string) => string | undefined): GroupChanges {
  const desired = new Map<string, { displayName: string; memberIds: Set<string> }>();
  for (const team of teams) {
    if (!hasPrefix(team.name, prefix)) continue;
    const key = keyOf(team.name);
    const entry = desired.get(key) ?? { displayName: team.name, memberIds: new Set<string>() };
    for (const member of team.memberSystemUserIds) {
      const id = scimIdOf(member);
      if (id) entry.memberIds.add(id);
    }
    desired.set(key, entry);
  }
  const changes: GroupChanges = { create: [], update: [], remove: [] };
  const kept = keptGroups(held, prefix);
  for (const group of held) {
    if (!hasPrefix(group.displayName, prefix)) continue;
    const key = keyOf(group.displayName);
    const want = desired.get(key);
    if (!want || kept.get(key) !== group) {
      changes.remove.push({ id: group.id, displayName: group.displayName });
      continue;
    }
    const have = new Set(group.memberIds);
    const add = [...want.memberIds].filter((id) => !have.has(id)).sort();
    const remove = [...have].filter((id) => !want.memberIds.has(id)).sort();
    if (add.length || remove.length) changes.update.push({ id: group.id, displayName: group.displayName, add, remove });
  }
  for (const [key, want] of desired) {
    if (!kept.has(key)) changes.create.push({ displayName: want.displayName, memberIds: [...want.memberIds].sort() });
  }
  return changes;
}

export interface MemberGroupChanges {
  join: { id: string; displayName: string }[];
  leave: { id: string; displayName: string }[];
  /** The user's prefixed teams that the CLM has no group for yet. */
  missing: string[];
}

/**
 * One user's memberships of the connector's groups, as a full run leaves them for that user: a
 * member of the kept group of each of their prefixed teams and of no other prefixed group. A user
 * the connector does not keep active is given no teams, so they leave every one. Groups are not
 * created here: a group is made with all its team's provisioned members, which one user's sync
 * does not know, so a missing one is only named.
 */
export function memberGroupChanges(teamNames: string[], held: HeldClmGroup[], prefix: string, scimId: string): MemberGroupChanges {
  const teams = new Map<string, string>();
  for (const name of teamNames) if (hasPrefix(name, prefix) && !teams.has(keyOf(name))) teams.set(keyOf(name), name);
  const kept = keptGroups(held, prefix);
  const changes: MemberGroupChanges = { join: [], leave: [], missing: [] };
  for (const group of held) {
    if (!hasPrefix(group.displayName, prefix)) continue;
    const wanted = teams.has(keyOf(group.displayName)) && kept.get(keyOf(group.displayName)) === group;
    const member = group.memberIds.includes(scimId);
    if (wanted && !member) changes.join.push({ id: group.id, displayName: group.displayName });
    if (!wanted && member) changes.leave.push({ id: group.id, displayName: group.displayName });
  }
  for (const [key, name] of teams) if (!kept.has(key)) changes.missing.push(name);
  return changes;
}
