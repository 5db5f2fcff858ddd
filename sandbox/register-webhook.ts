/**
 * The install step "register the webhook", done as an admin does it: signed in as
 * admin@contoso.example, `POST {functions}/admin/webhook`. The connector then makes a secret and
 * points the CLM's `webhook_url` at itself, so statuses reach Dynamics under `npm start`.
 */
import { CONNECTOR_APP, SANDBOX_PASSWORD, WEB_CLIENT } from './seed/identities';

export async function registerWebhookAsAdmin(opts: { tokenEndpoint: string; functionsUrl: string }): Promise<string> {
  const tokenAnswer = await fetch(opts.tokenEndpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'password',
      client_id: WEB_CLIENT.clientId,
      username: 'admin@contoso.example',
      password: SANDBOX_PASSWORD,
      scope: `api://${CONNECTOR_APP.clientId}/.default`,
    }),
  });
  const { access_token: token } = (await tokenAnswer.json()) as { access_token?: string };
  if (!token) throw new Error(`The admin could not sign in to register the webhook (${tokenAnswer.status})`);
  const answer = await fetch(`${opts.functionsUrl}/admin/webhook`, { method: 'POST', headers: { Authorization: `Bearer ${token}` } });
  const body = (await answer.json().catch(() => ({}))) as { webhook_url?: string; detail?: string };
  if (!answer.ok || !body.webhook_url) throw new Error(`Registering the webhook failed (${answer.status}): ${body.detail ?? 'no detail'}`);
  return body.webhook_url;
}
