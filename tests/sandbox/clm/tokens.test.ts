import type { ClmSandbox } from '../../../sandbox/clm';
import type { ClmTestClient } from './helpers/client';
import { startWithClient } from './helpers/sandbox';

/** clm-api.yaml POST /oauth/token and the auth rules for every call. */
describe('CLM sandbox: tokens', () => {
  let clm: ClmSandbox;
  let client: ClmTestClient;

  beforeAll(async () => {
    ({ clm, client } = await startWithClient());
  });
  afterAll(() => clm.close());

  const refresh = (refresh_token: string) => client.call('POST', '/oauth/token', { token: null, form: { grant_type: 'refresh_token', refresh_token } });
  const templates = (token: string) => client.call('GET', '/templates', { token });
  const newFamily = async () => (await client.control('POST', '/tokens')).body as { access_token: string; refresh_token: string };

  test('a refresh answers a new access token AND a new refresh token, and the old refresh token is dead', async () => {
    const family = await newFamily();
    const first = await refresh(family.refresh_token);
    expect(first.status).toBe(200);
    expect(first.body.token_type).toBe('Bearer');
    expect(first.body.expires_in).toBeGreaterThan(0);
    expect(first.body.refresh_token).not.toBe(family.refresh_token);
    expect((await templates(first.body.access_token)).status).toBe(200);
    const second = await refresh(first.body.refresh_token);
    expect(second.status).toBe(200);
  });

  test('reusing a refresh token is 400 invalid_grant and revokes every token descended from it', async () => {
    const family = await newFamily();
    const child = (await refresh(family.refresh_token)).body;
    const grandchild = (await refresh(child.refresh_token)).body;

    const reuse = await refresh(family.refresh_token);
    expect(reuse.status).toBe(400);
    expect(reuse.body.error).toBe('invalid_grant');

    // Descendants: the pair its first use made, and the pair after that.
    for (const token of [child.access_token, grandchild.access_token]) {
      const answer = await templates(token);
      expect(answer.status).toBe(401);
      expect(answer.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
    }
    expect((await refresh(grandchild.refresh_token)).body.error).toBe('invalid_grant');
    // And reusing again stays refused.
    expect((await refresh(family.refresh_token)).status).toBe(400);
  });

  test('the original access token of a family is not a descendant of its refresh token and lives on', async () => {
    const family = await newFamily();
    await refresh(family.refresh_token);
    await refresh(family.refresh_token);
    expect((await templates(family.access_token)).status).toBe(200);
  });

  test('stats count refreshes, so a test can assert exactly one', async () => {
    const before = (await client.control('GET', '/stats')).body;
    const family = await newFamily();
    await refresh(family.refresh_token);
    const after = (await client.control('GET', '/stats')).body;
    expect(after.refreshes - before.refreshes).toBe(1);
    expect(after.requests).toBeGreaterThan(before.requests);
  });

  test('an unknown refresh token is 400 invalid_grant', async () => {
    const answer = await refresh('rt_not-a-token');
    expect(answer.status).toBe(400);
    expect(answer.body.error).toBe('invalid_grant');
  });

  test('a grant other than refresh_token is 400 unsupported_grant_type; a missing refresh_token is invalid_request', async () => {
    const wrongGrant = await client.call('POST', '/oauth/token', { token: null, form: { grant_type: 'client_credentials', refresh_token: 'x' } });
    expect(wrongGrant.status).toBe(400);
    expect(wrongGrant.body.error).toBe('unsupported_grant_type');
    const missing = await client.call('POST', '/oauth/token', { token: null, form: { grant_type: 'refresh_token' } });
    expect(missing.status).toBe(400);
    expect(missing.body.error).toBe('invalid_request');
  });

  test('the token endpoint takes a form body, not JSON', async () => {
    const family = await newFamily();
    const answer = await client.call('POST', '/oauth/token', { token: null, json: { grant_type: 'refresh_token', refresh_token: family.refresh_token } });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toBe('invalid_request');
    // The refused call did not spend the token.
    expect((await refresh(family.refresh_token)).status).toBe(200);
  });

  test('an expired access token is 401 with WWW-Authenticate: Bearer error="invalid_token"', async () => {
    const shortLived = (await client.control('POST', '/tokens', { accessTokenTtlSeconds: 0 })).body;
    const answer = await templates(shortLived.access_token);
    expect(answer.status).toBe(401);
    expect(answer.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
    expect(answer.body.error).toBe('invalid_token');
    // Its refresh token still works and gives a living access token... that also lives 0 s.
    const refreshed = await refresh(shortLived.refresh_token);
    expect(refreshed.body.expires_in).toBe(0);
  });

  test('POST /_sandbox/tokens/expire expires every access token issued so far', async () => {
    const family = await newFamily();
    expect((await templates(family.access_token)).status).toBe(200);
    await client.control('POST', '/tokens/expire');
    expect((await templates(family.access_token)).status).toBe(401);
    const refreshed = await refresh(family.refresh_token);
    expect((await templates(refreshed.body.access_token)).status).toBe(200);
    client.token = refreshed.body.access_token;
  });

  test('accessTokenTtlSeconds of startClm sets expires_in', async () => {
    const { clm: other, client: otherClient } = await startWithClient({ accessTokenTtlSeconds: 42 });
    try {
      const family = await other.issueTokens();
      const answer = await otherClient.call('POST', '/oauth/token', {
        token: null,
        form: { grant_type: 'refresh_token', refresh_token: family.refresh_token },
      });
      expect(answer.body.expires_in).toBe(42);
    } finally {
      await other.close();
    }
  });

  test('no Authorization header is 401 with a Bearer challenge; an unknown token is invalid_token', async () => {
    const none = await templates('');
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    const unknown = await templates('at_unknown');
    expect(unknown.status).toBe(401);
    expect(unknown.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
  });

  test('token answers are not cacheable', async () => {
    const family = await newFamily();
    const answer = await refresh(family.refresh_token);
    expect(answer.headers.get('cache-control')).toBe('no-store');
  });
});
