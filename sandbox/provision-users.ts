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
  const body = (await answer.json().catch(() => ({}))) as { counts?: unknown; detail?: string };
  if (!answer.ok) throw new Error(`Provisioning the demo users failed (${answer.status}): ${body.detail ?? 'no detail'}`);
  return body.counts;
}
