/**
 * The CLM token store on many instances (issue 5 bar): four independent app contexts (own
 * Dataverse client, own token store, own CLM client) sharing one Azurite, against the CLM sandbox
 * whose refresh tokens rotate and revoke on reuse.
 */
import { createApp, type App } from '../../../functions/src/app/composition-root';
import { inspect } from 'node:util';
import { ClmConnectionBrokenError, UnavailableError } from '../../../functions/src/services/errors';
import { startPlatformWorld, type PlatformWorld } from './world';

let world: PlatformWorld;
const fastSleep = { retry: { sleep: async () => undefined } };

beforeAll(async () => {
  world = await startPlatformWorld();
}, 60_000);
afterAll(async () => {
  await world?.close();
});

/** Fresh contexts over a fresh token family, in a blob of their own. */
async function instances(n: number, blob: string): Promise<App[]> {
  const tokens = await world.clm.issueTokens();
  await world.admin.setEnvironmentVariables({ dtclm_token_at: tokens.access_token, dtclm_token_rt: tokens.refresh_token });
  return Array.from({ length: n }, () => createApp(world.config, { clm: { tokenBlob: blob } }));
}

describe('CLM tokens on many instances', () => {
  it('imports the pasted tokens once and blanks both environment variables in Dynamics', async () => {
    const [a, b] = await instances(2, 'import.json');
    const [x, y] = await Promise.all([a.clm.client.getFolder(world.clm.rootFolderId), b.clm.client.getFolder(world.clm.rootFolderId)]);
    expect(x.id).toBe(world.clm.rootFolderId);
    expect(y.id).toBe(world.clm.rootFolderId);
    expect((await world.admin.getEnvironmentVariable('dtclm_token_at')) ?? '').toBe('');
    expect((await world.admin.getEnvironmentVariable('dtclm_token_rt')) ?? '').toBe('');
  });

  it('bar: 4 instances, 100 concurrent calls with an expired access token -> exactly one refresh, no invalid_grant', async () => {
    const contexts = await instances(4, 'bar.json');
    // Warm: every instance has imported / read the pair.
    await Promise.all(contexts.map((c) => c.clm.client.getFolder(world.clm.rootFolderId)));
    await world.clmControl('POST', '/tokens/expire');
    const before = await world.clmStats();
    const answers = await Promise.all(Array.from({ length: 100 }, (_, i) => contexts[i % 4].clm.client.getTemplate('tpl_nda')));
    const after = await world.clmStats();
    expect(answers.every((t) => t.id === 'tpl_nda')).toBe(true);
    expect(after.refreshes - before.refreshes).toBe(1);
    expect(after.refreshesRefused - before.refreshesRefused).toBe(0);
  });

  it('takes tokens pasted later, even by an instance that holds good ones', async () => {
    const [a] = await instances(1, 'repaste.json');
    await a.clm.client.getFolder(world.clm.rootFolderId);
    const fresh = await world.clm.issueTokens();
    await world.admin.setEnvironmentVariables({ dtclm_token_at: fresh.access_token, dtclm_token_rt: fresh.refresh_token });
    // The old family dies: only the new one can work from now on.
    await world.clmControl('POST', '/tokens/expire');
    // Another instance (cold caches) picks the paste up at once.
    const b = createApp(world.config, { clm: { tokenBlob: 'repaste.json' } });
    const before = await world.clmStats();
    expect((await b.clm.client.getTemplate('tpl_nda')).id).toBe('tpl_nda');
    expect((await a.clm.client.getTemplate('tpl_nda')).id).toBe('tpl_nda');
    const after = await world.clmStats();
    expect(after.refreshesRefused - before.refreshesRefused).toBe(0);
    expect((await world.admin.getEnvironmentVariable('dtclm_token_rt')) ?? '').toBe('');
  });

  it('invalid_grant: broken for every instance, a fast 503, no further refresh; new tokens repair it', async () => {
    const [a, b] = await instances(2, 'broken.json');
    await a.clm.client.getFolder(world.clm.rootFolderId);
    // Someone spends the stored refresh token behind the connector's back.
    const stored = await a.clm.tokens['o'].document.read();
    await fetch(`${world.clm.apiBase}/oauth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: stored!.value.refreshToken }),
    });
    await world.clmControl('POST', '/tokens/expire');
    const before = await world.clmStats();
    await expect(a.clm.client.getTemplate('tpl_nda')).rejects.toBeInstanceOf(ClmConnectionBrokenError);
    await expect(b.clm.client.getTemplate('tpl_nda')).rejects.toBeInstanceOf(ClmConnectionBrokenError);
    await expect(a.clm.client.getTemplate('tpl_nda')).rejects.toMatchObject({ status: 503, retryAfterSeconds: expect.any(Number) });
    const after = await world.clmStats();
    expect(after.refreshes - before.refreshes).toBe(1);
    // The admin pastes a new pair: taken on the next call.
    const fresh = await world.clm.issueTokens();
    await world.admin.setEnvironmentVariables({ dtclm_token_at: fresh.access_token, dtclm_token_rt: fresh.refresh_token });
    expect((await b.clm.client.getTemplate('tpl_nda')).id).toBe('tpl_nda');
    expect((await a.clm.client.getTemplate('tpl_nda')).id).toBe('tpl_nda');
  });

  it('redeems a pasted refresh token alone (blank access token) at the first call', async () => {
    const tokens = await world.clm.issueTokens();
    await world.admin.setEnvironmentVariables({ dtclm_token_at: '', dtclm_token_rt: tokens.refresh_token });
    const c = createApp(world.config, { clm: { tokenBlob: 'rt-only.json', ...fastSleep } });
    const before = await world.clmStats();
    expect((await c.clm.client.getFolder(world.clm.rootFolderId)).id).toBe(world.clm.rootFolderId);
    expect((await world.clmStats()).refreshesSucceeded - before.refreshesSucceeded).toBe(1);
  });

  it('a refresh refused with 429 is retried after Retry-After (the CLM did not look at the token)', async () => {
    const [a] = await instances(1, 'refresh-429.json');
    await a.clm.client.getFolder(world.clm.rootFolderId);
    await world.clmControl('POST', '/tokens/expire');
    await world.clmControl('POST', '/faults', { status: 429, count: 1, retryAfter: 1, pathPrefix: '/oauth/token' });
    const before = await world.clmStats();
    expect((await a.clm.client.getTemplate('tpl_nda')).id).toBe('tpl_nda');
    const after = await world.clmStats();
    expect(after.refreshesSucceeded - before.refreshesSucceeded).toBe(1);
    expect(after.refreshesRefused - before.refreshesRefused).toBe(0);
  });

  it('a refresh that gets no answer is not resent (the first may still run): 503 now, and the next call refreshes', async () => {
    const tokens = await world.clm.issueTokens();
    await world.admin.setEnvironmentVariables({ dtclm_token_at: tokens.access_token, dtclm_token_rt: tokens.refresh_token });
    const config = { ...world.config, clmRetry: { ...world.config.clmRetry, timeoutMs: 500 } };
    const a = createApp(config, { clm: { tokenBlob: 'refresh-hang.json' } });
    await a.clm.client.getFolder(world.clm.rootFolderId);
    await world.clmControl('POST', '/tokens/expire');
    await world.clmControl('POST', '/faults', { status: 'hang', count: 1, pathPrefix: '/oauth/token' });
    const e = await a.clm.client.getTemplate('tpl_nda').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(UnavailableError);
    expect(e).not.toBeInstanceOf(ClmConnectionBrokenError);
    expect((await a.clm.client.getTemplate('tpl_nda')).id).toBe('tpl_nda');
  });

  it('never puts a token in an error, whatever failed', async () => {
    const tokens = await world.clm.issueTokens();
    await world.admin.setEnvironmentVariables({ dtclm_token_at: tokens.access_token, dtclm_token_rt: tokens.refresh_token });
    const a = createApp(world.config, { clm: { tokenBlob: 'no-leak.json', ...fastSleep } });
    const errors: unknown[] = [];
    errors.push(await a.clm.client.getContract('ctr_missing').catch((x: unknown) => x));
    await world.clmControl('POST', '/faults', { status: 500, count: 10, pathPrefix: '/templates' });
    errors.push(await a.clm.client.getTemplate('tpl_nda').catch((x: unknown) => x));
    await world.clmControl('DELETE', '/faults');
    const stored = await a.clm.tokens['o'].document.read();
    for (const e of errors) {
      const text = inspect(e, { showHidden: true, depth: 8 }) + JSON.stringify(e);
      for (const t of [tokens.access_token, tokens.refresh_token, stored!.value.accessToken, stored!.value.refreshToken]) expect(text).not.toContain(t);
    }
  });
});
