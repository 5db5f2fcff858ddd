/**
 * The webhook's Entra-protected routes through the functions host, with real user tokens:
 * POST /api/admin/webhook, GET /api/admin/health, POST /api/admin/webhook/replay (Admin) and
 * POST /api/contracts/{id}/refresh (ReadOnly).
 */
import { randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { callApi, userToken } from '../contracts/helpers';
import { startWebhookWorld, type WebhookWorld } from './harness';

jest.setTimeout(120_000);

describe('webhook admin and refresh routes', () => {
  let w: WebhookWorld;
  beforeAll(async () => {
    w = await startWebhookWorld();
  });
  afterAll(async () => {
    await w?.close();
  });

  it('POST /api/admin/webhook registers this app with a new secret (Admin only)', async () => {
    const before = (await w.secrets.read()).current;
    expect((await callApi(w.world, 'POST', '/admin/webhook', { token: await userToken(w.world, 'rep') })).status).toBe(403);
    const res = await callApi(w.world, 'POST', '/admin/webhook', { token: await userToken(w.world, 'admin') });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ webhook_url: `${w.world.functions.url}/webhooks/clm` });
    expect((await w.clm.getWebhook()).webhook_url).toBe(`${w.world.functions.url}/webhooks/clm`);
    const after = await w.secrets.read();
    expect(after.current).not.toBe(before);
    expect(after.previous).toBe(before);
    expect(JSON.stringify(res.body)).not.toContain('whsec_');
    // The CLM's next event verifies with the new secret and confirms it.
    const a = await w.newContract();
    await w.transition(a.clmId, 'in_validation');
    await w.settle([a.clmId]);
    for (let i = 0; i < 50 && !(await w.secrets.read()).confirmedAt; i++) await new Promise((r) => setTimeout(r, 100));
    expect((await w.secrets.read()).confirmedAt).not.toBeNull();
  });

  it('POST /api/admin/webhook { revokePrevious: true } refuses the replaced secret at once (a leaked secret)', async () => {
    const leaked = (await w.secrets.read()).current!;
    const res = await callApi(w.world, 'POST', '/admin/webhook', { token: await userToken(w.world, 'admin'), body: { revokePrevious: true } });
    expect(res.status).toBe(200);
    const post = (secret: string, id: string) => {
      const body = JSON.stringify({
        id,
        type: 'contract.status_changed',
        occurredAt: new Date().toISOString(),
        data: { contractId: 'ctr_unknown', status: 'in_validation', previousStatus: 'draft', sequence: 2, reason: null, signedDocumentId: null },
      });
      const at = new Date();
      return fetch(`${w.world.functions.url}/webhooks/clm`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'webhook-id': id,
          'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
          'webhook-signature': new Webhook(secret).sign(id, at, body),
        },
        body,
      });
    };
    expect((await post(leaked, `evt_leaked_${randomUUID()}`)).status).toBe(401);
    expect((await post((await w.secrets.read()).current!, `evt_fresh_${randomUUID()}`)).status).toBe(202);
    expect(await callApi(w.world, 'POST', '/admin/webhook', { token: await userToken(w.world, 'admin'), body: { revokePrevious: 'yes' } })).toMatchObject({
      status: 400,
      body: { errors: [{ field: 'revokePrevious', message: 'revokePrevious must be a boolean' }] },
    });
  });

  it('GET /api/admin/health answers one check per part', async () => {
    const res = await callApi(w.world, 'GET', '/admin/health', { token: await userToken(w.world, 'admin') });
    expect(res.status).toBe(200);
    const checks = (res.body as { checks: { name: string; ok: boolean; detail: string; hint: string }[] }).checks;
    const byName = Object.fromEntries(checks.map((c) => [c.name, c]));
    if (!byName['Dataverse'].ok) throw new Error(byName['Dataverse'].detail);
    expect(byName['CLM connection'].ok).toBe(true);
    expect(byName['Webhook'].ok).toBe(true);
    expect(byName['CLM root folder'].ok).toBe(true);
    expect(byName['Status events'].ok).toBe(true);
    expect(byName['User provisioning (SCIM)']).toMatchObject({ ok: false, detail: 'Not configured.' });
    for (const c of checks) expect(Object.keys(c).sort()).toEqual(['detail', 'hint', 'name', 'ok']);
  });

  it('POST /api/admin/webhook/replay answers how many were replayed', async () => {
    const res = await callApi(w.world, 'POST', '/admin/webhook/replay', { token: await userToken(w.world, 'admin') });
    expect(res).toMatchObject({ status: 200, body: { replayed: 0 } });
  });

  it('POST /api/contracts/{id}/refresh brings a contract whose event was lost up to date (ReadOnly)', async () => {
    const a = await w.newContract();
    await w.clm.sandbox('PUT', '/delivery', { mode: 'drop', match: { status: 'validated' } });
    await w.transition(a.clmId, 'validated');
    await w.clm.sandbox('PUT', '/delivery', { mode: 'normal' });
    expect(await w.mismatches([a.clmId])).toHaveLength(1);
    expect((await callApi(w.world, 'POST', `/contracts/${a.rowId}/refresh`, { token: await userToken(w.world, 'norole') })).status).toBe(403);
    const res = await callApi(w.world, 'POST', `/contracts/${a.rowId}/refresh`, { token: await userToken(w.world, 'reader') });
    expect(res).toMatchObject({ status: 200, body: { status: 'validated' } });
    expect(await w.mismatches([a.clmId])).toEqual([]);
    expect((await callApi(w.world, 'POST', `/contracts/${randomUUID()}/refresh`, { token: await userToken(w.world, 'reader') })).status).toBe(404);
  });

  it('the daily reconcile timer makes good a lost event on a contract whose status is over an hour old', async () => {
    const a = await w.newContract();
    // The row's status as if it had last changed two hours ago.
    const res = await fetch(`${w.world.dataverse.url}/api/data/v9.2/dtclm_contracts(${a.rowId})`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${await w.dataverseToken()}`, 'content-type': 'application/json' },
      body: JSON.stringify({ dtclm_statuschangedon: new Date(Date.now() - 2 * 60 * 60 * 1000).toISOString() }),
    });
    expect(res.status).toBe(204);
    await w.clm.sandbox('PUT', '/delivery', { mode: 'drop', match: { status: 'in_validation' } });
    await w.transition(a.clmId, 'in_validation');
    await w.clm.sandbox('PUT', '/delivery', { mode: 'normal' });
    expect(await w.mismatches([a.clmId])).toHaveLength(1);
    await w.world.functions.runTimer('reconcileStatuses');
    expect(await w.mismatches([a.clmId])).toEqual([]);
  });
});
