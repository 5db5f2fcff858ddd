/**
 * Teams with the group prefix as CLM groups (scim-profile.md), after the users: created with their
 * provisioned members (never empty), members added and removed by difference, groups of renamed or removed teams
 * deleted. A group's failure is reported and does not stop the others.
 */
import type pLimit from 'p-limit';
import { groupChanges, type TeamMembers } from '../../domain/provisioning';
import type { ProgressReporter, ScimClient } from './ports';
import { messageOf } from './sync-user';

export interface GroupCounts {
  groupsCreated: number;
  groupsUpdated: number;
  groupsRemoved: number;
  groupErrors: number;
}

export async function syncGroups(
  scim: ScimClient,
  teams: TeamMembers[],
  prefix: string,
  scimIdOf: (systemUserId: string) => string | undefined,
  limit: pLimit.Limit,
  progress: Pick<ProgressReporter, 'error'>,
): Promise<GroupCounts> {
  const counts: GroupCounts = { groupsCreated: 0, groupsUpdated: 0, groupsRemoved: 0, groupErrors: 0 };
  const changes = groupChanges(teams, await scim.listGroups(), prefix, scimIdOf);
  const attempt = (displayName: string, work: () => Promise<keyof GroupCounts>) =>
    limit(async () => {
      try {
        counts[await work()] += 1;
      } catch (e) {
        counts.groupErrors += 1;
        progress.error(`group ${displayName}`, messageOf(e));
      }
    });
  await Promise.all([
    // A group none of whose members could be provisioned (yet) is not pushed empty: it is made at
    // the first run that has a member for it.
    ...changes.create
      .filter((g) => g.memberIds.length > 0)
      .map((g) =>
        attempt(g.displayName, async () => {
          try {
            await scim.createGroup(g.displayName, g.memberIds);
            return 'groupsCreated';
          } catch (e) {
            // 409: made by a retried POST that went through, or made meanwhile: bring its members in step.
            if ((e as { status?: number }).status !== 409) throw e;
            const existing = await scim.findGroup(g.displayName);
            if (!existing) throw e;
            const have = new Set(existing.memberIds);
            const want = new Set(g.memberIds);
            await scim.patchGroupMembers(
              existing.id,
              g.memberIds.filter((id) => !have.has(id)),
              existing.memberIds.filter((id) => !want.has(id)),
            );
            return 'groupsUpdated';
          }
        }),
      ),
    ...changes.update.map((g) =>
      attempt(g.displayName, async () => {
        await scim.patchGroupMembers(g.id, g.add, g.remove);
        return 'groupsUpdated';
      }),
    ),
    ...changes.remove.map((g) =>
      attempt(g.displayName, async () => {
        await scim.deleteGroup(g.id);
        return 'groupsRemoved';
      }),
    ),
  ]);
  return counts;
}
