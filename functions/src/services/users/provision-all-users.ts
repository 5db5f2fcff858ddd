/**
 * A full provisioning run (scim-profile.md): the Dynamics side and the CLM's users read in pages,
 * each user matched (link, externalId, userName) and brought in step with at most 4 writes at a
 * time, then the prefixed teams as groups. Written as a plain use case over its ports and a
 * progress reporter, so the long-run machinery (queue, run store) or a test can drive it.
 */
import pLimit from 'p-limit';
import { desiredClmUser, indexHeldUsers, matchUsers, type MatchCandidate } from '../../domain/provisioning';
import { MAX_CONCURRENT_WRITES, runContext, type ProvisioningDeps } from './deps';
import type { ProgressReporter } from './ports';
import { syncGroups, type GroupCounts } from './sync-groups';
import { syncUser, type UserOutcome, type UserResult } from './sync-user';

export type ProvisioningCounts = { users: number } & Record<UserOutcome, number> & GroupCounts;

/** Progress is told every this many users (and at the end), not 5000 times. */
const REPORT_EVERY = 100;

export async function provisionAllUsers(deps: ProvisioningDeps, progress: ProgressReporter): Promise<ProvisioningCounts> {
  const ctx = await runContext(deps);
  const [snapshot, links, held] = await Promise.all([deps.directory.readAll(), deps.links.list(), deps.scim.listUsers()]);
  const linkOf = new Map(links.map((l) => [l.systemUserId, l]));

  const candidates: MatchCandidate[] = [];
  for (const user of snapshot.users) {
    const desired = desiredClmUser(user, ctx.settings);
    const link = linkOf.get(user.systemUserId);
    if (desired.kind === 'ineligible' || (desired.kind === 'inactive' && !link?.scimId)) continue;
    candidates.push({ systemUserId: user.systemUserId, linkedScimId: link?.scimId, externalId: desired.externalId, userName: desired.userName });
  }
  const matches = matchUsers(candidates, indexHeldUsers(held));

  const total = snapshot.users.length;
  await progress.report(0, total);
  const limit = pLimit(deps.concurrency ?? MAX_CONCURRENT_WRITES);
  let done = 0;
  const results: UserResult[] = await Promise.all(
    snapshot.users.map((user) =>
      limit(async () => {
        const result = await syncUser(ctx, user, linkOf.get(user.systemUserId), matches.get(user.systemUserId) ?? { kind: 'none' }).catch((e: unknown) => {
          limit.clearQueue(); // a refused token fails every user alike: stop here
          throw e;
        });
        if (result.outcome === 'error' || result.outcome === 'pending') progress.error(user.systemUserId, result.message ?? result.outcome);
        done += 1;
        if (done % REPORT_EVERY === 0 && done < total) await progress.report(done, total);
        return result;
      }),
    ),
  );
  await progress.report(total, total);

  const activeScimId = new Map(results.filter((r) => r.activeInClm && r.scimId).map((r) => [r.systemUserId, r.scimId!]));
  const groups = await syncGroups(deps.scim, snapshot.teams, ctx.settings.groupPrefix, (id) => activeScimId.get(id), limit, progress);

  const counts: ProvisioningCounts = { users: total, created: 0, updated: 0, deactivated: 0, unchanged: 0, skipped: 0, pending: 0, error: 0, ...groups };
  for (const r of results) counts[r.outcome] += 1;
  return counts;
}
