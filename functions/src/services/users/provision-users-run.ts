/**
 * User provisioning as a long run (connector-api.md "Long runs", services/runs/README.md): the full
 * run driven by the run's context, its counts and errors kept in the run store. A run taken over
 * starts again from the beginning: every step compares with what the CLM holds, so doing it again
 * writes only what is still missing.
 */
import type { RunContext } from '../runs/run-context';
import type { ProvisioningDeps } from './deps';
import { provisionAllUsers } from './provision-all-users';

export const USERS_RUN_KIND = 'users' as const;

const COUNTS = [
  'users',
  'created',
  'updated',
  'deactivated',
  'unchanged',
  'skipped',
  'pending',
  'error',
  'groupsCreated',
  'groupsUpdated',
  'groupsRemoved',
  'groupErrors',
];

export async function provisionUsersRun(ctx: RunContext, deps: ProvisioningDeps): Promise<void> {
  for (const name of COUNTS) ctx.count(name, 0); // shown from the start
  const counts = await provisionAllUsers(deps, {
    report: (done, total) => ctx.progress(done, total),
    error: (item, message) => ctx.error(item, message),
  });
  for (const [name, value] of Object.entries(counts)) ctx.count(name, value - ctx.countOf(name));
}
