/**
 * The admin's "Sync users now" after install, done as an admin does it: signed in as
 * admin@contoso.example, `POST {functions}/admin/users/sync {}`. The demo users with connector
 * roles then exist in the CLM sandbox under `npm start`.
 */
import { demoUserToken } from './identity/demo-tokens';

export async function provisionUsersAsAdmin(opts: { tokenEndpoint: string; functionsUrl: string }): Promise<unknown> {
  const token = await demoUserToken(opts.tokenEndpoint, 'admin');
  const answer = await fetch(`${opts.functionsUrl}/admin/users/sync`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: '{}',
  });
  const body = (await answer.json().catch(() => ({}))) as { runId?: string; detail?: string };
  if (answer.status !== 202) throw new Error(`Provisioning the demo users failed (${answer.status}): ${body.detail ?? 'no detail'}`);
  // A long run: followed as the admin page follows it, so the users exist when the world is ready.
  const location = answer.headers.get('location')!;
  for (const deadline = Date.now() + 60_000; Date.now() < deadline;) {
    const run = (await (await fetch(location, { headers: { Authorization: `Bearer ${token}` } })).json()) as {
      state?: string;
      counts?: unknown;
      errors?: unknown;
    };
    if (run.state === 'succeeded') return run.counts;
    if (run.state === 'failed') throw new Error(`Provisioning the demo users failed: ${JSON.stringify(run.errors)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`Provisioning the demo users did not finish within a minute (run ${body.runId ?? '?'})`);
}
