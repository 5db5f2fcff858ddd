/**
 * Provision one Dynamics user now (`POST /api/admin/users/sync { systemUserId }`): the same step
 * as a full run, the CLM user found by the link row's SCIM id, then `externalId eq`, then
 * `userName eq`; then their memberships of the connector's groups (sync-user-groups.ts).
 */
import { desiredClmUser, type HeldClmUser, type Match } from '../../domain/provisioning';
import { NotFoundError } from '../errors';
import { runContext, type ProvisioningDeps } from './deps';
import type { ScimClient, UserLink } from './ports';
import { syncUser } from './sync-user';
import { syncUserGroups, type OneUserResult } from './sync-user-groups';

async function lookUp(
  scim: ScimClient,
  link: UserLink | undefined,
  externalId: string,
  userName: string,
): Promise<{ held: HeldClmUser; by: 'link' | 'externalId' | 'userName' } | undefined> {
  const linked = link?.scimId ? await scim.getUser(link.scimId) : undefined;
  if (linked) return { held: linked, by: 'link' };
  const [byExternal] = await scim.findUsers('externalId', externalId);
  if (byExternal) return { held: byExternal, by: 'externalId' };
  const [byName] = await scim.findUsers('userName', userName);
  return byName ? { held: byName, by: 'userName' } : undefined;
}

export async function provisionOneUser(deps: ProvisioningDeps, systemUserId: string): Promise<OneUserResult> {
  const ctx = await runContext(deps);
  const user = await deps.directory.readOne(systemUserId);
  if (!user) throw new NotFoundError(`No Dynamics user has the id ${systemUserId}.`);
  const link = await deps.links.get(systemUserId);
  const desired = desiredClmUser(user, ctx.settings);
  let match: Match = { kind: 'none' };
  if (desired.kind === 'active' || (desired.kind === 'inactive' && link?.scimId)) {
    const found = await lookUp(deps.scim, link, desired.externalId, desired.userName);
    if (found) {
      // Another user already linked to that CLM user: the same conflict a full run would find.
      const others = (await deps.links.list()).filter((l) => l.scimId === found.held.id && l.systemUserId !== systemUserId).map((l) => l.systemUserId);
      match = others.length ? { kind: 'conflict', held: found.held, others } : { kind: 'found', ...found };
    }
  }
  return syncUserGroups(deps.scim, user, await syncUser(ctx, user, link, match), ctx.settings.groupPrefix);
}
