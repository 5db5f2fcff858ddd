/**
 * Issue 24, finding 3 (connector-api.md, the token-origin rule): whoever can write the environment
 * variable `dtclm_api_url` (in Dynamics, a System Customizer) must not receive the CLM tokens by
 * pointing it at their own listener. The tokens are kept with the origin they were taken for; once
 * `dtclm_api_url` names another origin nothing is sent (no API call, no refresh), health says so
 * with the fix, and only tokens pasted afterwards are taken for the new origin. Counted at the
 * listener: every request it receives, with what it carried.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../../functions/src/app/composition-root';
import { loadConfig } from '../../../functions/src/config';
import { checkHealth } from '../../../functions/src/services/health/check-health';
import { connectorSettings } from '../../../sandbox/world';
import { startPlatformWorld, type PlatformWorld } from '../platform/world';

let world: PlatformWorld;
let listener: Server;
let listenerOrigin: string;
/** What the listener received: one entry per request. */
const received: { method: string; url: string; authorization?: string; body: string }[] = [];

beforeAll(async () => {
  world = await startPlatformWorld();
  listener = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization, body: Buffer.concat(chunks).toString('utf8') });
      // What a token thief answers: "your token is expired", to make the connector spend its refresh token too.
      res.writeHead(401, { 'WWW-Authenticate': 'Bearer error="invalid_token"', 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ error: 'invalid_token', message: 'expired' }));
    });
  });
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  listenerOrigin = `http://127.0.0.1:${(listener.address() as AddressInfo).port}`;
}, 60_000);
afterAll(async () => {
  await new Promise((resolve) => listener?.close(resolve));
  await world?.close();
});

it('after dtclm_api_url changes to a listener, the listener receives no token; health names the new origin; new tokens are taken for it', async () => {
  // Settings read fresh on every call, so the change is seen at once (a cached read only delays it).
  const config = loadConfig({
    ...connectorSettings(world.identity, world.dataverse, world.storage),
    ENV_VARS_TTL_SECONDS: '0',
    CLM_TOKEN_ENV_CHECK_SECONDS: '0',
    RETRY_BASE_DELAY_MS: '20',
    RETRY_MAX_DELAY_MS: '200',
  });
  const original = await world.clm.issueTokens();
  await world.admin.setEnvironmentVariables({ dtclm_token_at: original.access_token, dtclm_token_rt: original.refresh_token });
  const app = createApp(config, { clm: { tokenBlob: 'origin-bound.json' } });
  expect((await app.clm.client.getFolder(world.clm.rootFolderId)).id).toBe(world.clm.rootFolderId);

  await world.admin.setEnvironmentVariables({ dtclm_api_url: `${listenerOrigin}/api/v1` });
  // Every path that talks to the CLM: calls of the API and the health check (which calls the CLM too).
  await expect(app.clm.client.getTemplate('tpl_nda')).rejects.toMatchObject({ status: 503 });
  await expect(app.clm.client.getFolder(world.clm.rootFolderId)).rejects.toMatchObject({ status: 503 });
  expect(received.map((r) => `${r.method} ${r.url}`)).toEqual([]);
  const { checks } = await checkHealth(app.health);
  const clmCheck = checks.find((c) => c.name === 'CLM connection')!;
  expect(clmCheck.ok).toBe(false);
  expect(clmCheck.hint).toContain(`Paste new tokens for ${listenerOrigin} into Dilitrust_token_rt / Dilitrust_token_at`);
  // A second instance, cold, also sends nothing.
  const other = createApp(config, { clm: { tokenBlob: 'origin-bound.json' } });
  await expect(other.clm.client.getTemplate('tpl_nda')).rejects.toMatchObject({ status: 503 });
  expect(received).toEqual([]);

  // The admin pastes tokens for the new address: those, and only those, go there.
  await world.admin.setEnvironmentVariables({ dtclm_token_at: 'token-for-the-listener', dtclm_token_rt: 'refresh-for-the-listener' });
  await expect(app.clm.client.getTemplate('tpl_nda')).rejects.toBeDefined();
  expect(received.length).toBeGreaterThan(0);
  const everything = received.map((r) => `${r.authorization ?? ''} ${r.body}`).join('\n');
  expect(everything).toContain('token-for-the-listener');
  expect(everything).not.toContain(original.access_token);
  expect(everything).not.toContain(original.refresh_token);
}, 60_000);

it('refuses a plain-http dtclm_api_url on a host that is not loopback, sending nothing', async () => {
  const config = loadConfig({ ...connectorSettings(world.identity, world.dataverse, world.storage), ENV_VARS_TTL_SECONDS: '0' });
  await world.admin.setEnvironmentVariables({ dtclm_api_url: 'http://clm.contoso.example/api/v1' });
  const app = createApp(config, { clm: { tokenBlob: 'plain-http.json' } });
  await expect(app.clm.client.getTemplate('tpl_nda')).rejects.toThrow(/https/);
}, 30_000);
