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

/** `scimIdOf` answers the CLM id of a user the connector keeps active, else undefined. */
export function groupChanges(teams: TeamMembers[], held: HeldClmGroup[], prefix: string, scimIdOf: (systemUserId: string) => string | undefined): GroupChanges {
  const desired = new Map<string, { displayName: string; memberIds: Set<string> }>();
  for (const team of teams) {
    if (!hasPrefix(team.name, prefix)) continue;
    const key = team.name.toLowerCase();
    const entry = desired.get(key) ?? { displayName: team.name, memberIds: new Set<string>() };
    for (const member of team.memberSystemUserIds) {
      const id = scimIdOf(member);
      if (id) entry.memberIds.add(id);
    }
    desired.set(key, entry);
  }
  const changes: GroupChanges = { create: [], update: [], remove: [] };
  const seen = new Set<string>();
  for (const group of held) {
    if (!hasPrefix(group.displayName, prefix)) continue;
    const key = group.displayName.toLowerCase();
    const want = desired.get(key);
    if (!want || seen.has(key)) {
      changes.remove.push({ id: group.id, displayName: group.displayName });
      continue;
    }
    seen.add(key);
    const have = new Set(group.memberIds);
    const add = [...want.memberIds].filter((id) => !have.has(id)).sort();
    const remove = [...have].filter((id) => !want.memberIds.has(id)).sort();
    if (add.length || remove.length) changes.update.push({ id: group.id, displayName: group.displayName, add, remove });
  }
  for (const [key, want] of desired) {
    if (!seen.has(key)) changes.create.push({ displayName: want.displayName, memberIds: [...want.memberIds].sort() });
  }
  return changes;
}
