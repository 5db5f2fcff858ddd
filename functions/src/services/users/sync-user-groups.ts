/**
 * One user's memberships of the connector's CLM groups, after their own step in
 * `POST /api/admin/users/sync { systemUserId }`: added to the groups of their prefixed teams,
 * removed from the connector's other groups, and only their own membership PATCHed (the same
 * `add`/`remove` member operations as the full run's group step). A group the CLM does not have
 * yet is left to the full run, which creates it with all its team's members.
 */
import type { SyncUserGroups } from '../../../../api/admin';
import { memberGroupChanges, type DynamicsUser } from '../../domain/provisioning';
import { ScimTokenRejectedError } from '../errors';
import type { ScimClient } from './ports';
import type { UserResult } from './sync-user';

export type OneUserResult = UserResult & { groups?: SyncUserGroups };

/** Outcomes after which the CLM user is known and in step, so their memberships can follow. */
const DONE = new Set<UserResult['outcome']>(['created', 'updated', 'deactivated', 'unchanged']);

/** The adapters' errors say what failed without secrets or e-mail addresses (scim-errors.ts). */
const reasonOf = (e: unknown): string => {
  const text = e instanceof Error && e.message ? e.message : 'Unexpected error.';
  return /[.!?]$/.test(text) ? text : `${text}.`;
};

const withMessage = (result: UserResult, note: string): string => [result.message, note].filter(Boolean).join(' ');

export async function syncUserGroups(scim: ScimClient, user: DynamicsUser, result: UserResult, prefix: string): Promise<OneUserResult> {
  // A user in error or pending keeps their current memberships, as in a full run.
  if (!result.scimId || !DONE.has(result.outcome)) return result;
  const scimId = result.scimId;
  try {
    // Only a user the connector keeps active belongs in its groups (scim-profile.md).
    const changes = memberGroupChanges(result.activeInClm ? user.teamNames : [], await scim.listGroups(), prefix, scimId);
    const groups: SyncUserGroups = { added: [], removed: [], notCreated: changes.missing, failed: [] };
    const notes: string[] = [];
    const patch = async (group: { id: string; displayName: string }, joining: boolean) => {
      try {
        await scim.patchGroupMembers(group.id, joining ? [scimId] : [], joining ? [] : [scimId]);
        (joining ? groups.added : groups.removed).push(group.displayName);
      } catch (e) {
        if (e instanceof ScimTokenRejectedError) throw e;
        groups.failed.push(group.displayName);
        notes.push(`Group ${group.displayName} not changed: ${reasonOf(e)} The next full run tries again.`);
      }
    };
    // A handful of groups at most: one write at a time, well under scim-profile.md's 4.
    for (const group of changes.join) await patch(group, true);
    for (const group of changes.leave) await patch(group, false);
    if (changes.missing.length)
      notes.push(
        `The CLM has no group ${changes.missing.join(', ')} yet: the next full run creates ${changes.missing.length > 1 ? 'them' : 'it'} with all the team's provisioned members.`,
      );
    return { ...result, groups, ...(notes.length ? { message: withMessage(result, notes.join(' ')) } : {}) };
  } catch (e) {
    if (e instanceof ScimTokenRejectedError) throw e;
    return { ...result, message: withMessage(result, `Group memberships were not brought up to date: ${reasonOf(e)} The next full run does it.`) };
  }
}
