/**
 * The install step "register the webhook", done as an admin does it: signed in as
 * admin@contoso.example, `POST {functions}/admin/webhook`. The connector then makes a secret and
 * points the CLM's `webhook_url` at itself, so statuses reach Dynamics under `npm start`.
 */
import { demoUserToken } from './identity/demo-tokens';

export async function registerWebhookAsAdmin(opts: { tokenEndpoint: string; functionsUrl: string }): Promise<string> {
  const token = await demoUserToken(opts.tokenEndpoint, 'admin');
  const answer = await fetch(`${opts.functionsUrl}/admin/webhook`, { method: 'POST', headers: { Authorization: `Bearer ${token}` } });
  const body = (await answer.json().catch(() => ({}))) as { webhook_url?: string; detail?: string };
  if (!answer.ok || !body.webhook_url) throw new Error(`Registering the webhook failed (${answer.status}): ${body.detail ?? 'no detail'}`);
  return body.webhook_url;
}
