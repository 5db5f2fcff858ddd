import type { ClmSandbox } from '../../../sandbox/clm';
import type { ClmTestClient } from './helpers/client';
import { startWithClient } from './helpers/sandbox';

/** clm-api.yaml rules for every call: 429 with Retry-After, errors as `Error`; and the fault controls. */
describe('CLM sandbox: faults', () => {
  let clm: ClmSandbox;
  let client: ClmTestClient;

  beforeAll(async () => {
    ({ clm, client } = await startWithClient());
  });
  afterAll(() => clm.close());
  afterEach(() => client.control('DELETE', '/faults'));

  const templates = () => client.call('GET', '/templates');

  test('429: the next N calls answer rate_limited with Retry-After, then calls succeed again', async () => {
    await client.control('POST', '/faults', { status: 429, count: 2, retryAfter: 7 });
    for (let i = 0; i < 2; i += 1) {
      const answer = await templates();
      expect(answer.status).toBe(429);
      expect(answer.headers.get('retry-after')).toBe('7');
      expect(answer.body.error).toBe('rate_limited');
    }
    expect((await templates()).status).toBe(200);
  });

  test('429 without retryAfter still carries Retry-After (seconds, as clm-api.yaml requires)', async () => {
    await client.control('POST', '/faults', { status: 429, count: 1 });
    const answer = await templates();
    expect(answer.status).toBe(429);
    expect(answer.headers.get('retry-after')).toMatch(/^\d+$/);
  });

  test('latencyMs alone slows the next call down and then lets it through', async () => {
    await client.control('POST', '/faults', { latencyMs: 50, count: 1 });
    expect((await templates()).status).toBe(200);
    expect((await client.control('GET', '/stats')).body.faultsServed.latency).toBe(1);
    expect((await client.control('POST', '/faults', { count: 1 })).status).toBe(400);
  });

  test('500: internal, with the Error body', async () => {
    await client.control('POST', '/faults', { status: 500, count: 1 });
    const answer = await templates();
    expect(answer.status).toBe(500);
    expect(answer.body.error).toBe('internal');
    expect((await templates()).status).toBe(200);
  });

  test('the token endpoint can be rate limited too', async () => {
    await client.control('POST', '/faults', { status: 429, count: 1, pathPrefix: '/oauth/token' });
    expect((await templates()).status).toBe(200);
    const answer = await client.call('POST', '/oauth/token', { token: null, form: { grant_type: 'refresh_token', refresh_token: 'x' } });
    expect(answer.status).toBe(429);
  });

  test('hang: the call gets no answer before the client gives up; the next one is normal', async () => {
    await client.control('POST', '/faults', { status: 'hang', count: 1 });
    await expect(
      fetch(`${clm.apiBase}/templates`, { headers: { authorization: `Bearer ${client.token}` }, signal: AbortSignal.timeout(200) }),
    ).rejects.toThrow();
    expect((await templates()).status).toBe(200);
    expect((await client.control('GET', '/stats')).body.faultsServed.hang).toBe(1);
  });

  test('close() cuts hung calls and resolves', async () => {
    const { clm: other, client: otherClient } = await startWithClient();
    await otherClient.control('POST', '/faults', { status: 'hang', count: 1 });
    const hung = fetch(`${other.apiBase}/templates`, { headers: { authorization: `Bearer ${otherClient.token}` } });
    // Wait until the call reached the sandbox (it counts requests), then close.
    for (let i = 0; i < 500 && (await otherClient.control('GET', '/stats')).body.faultsServed.hang === 0; i += 1) await new Promise((r) => setTimeout(r, 5));
    await other.close();
    await expect(hung).rejects.toThrow();
  });

  test('faults are listed while armed and can be cleared', async () => {
    await client.control('POST', '/faults', { status: 500, count: 3 });
    expect((await client.control('GET', '/faults')).body.armed).toEqual([{ status: 500, remaining: 3 }]);
    await client.control('DELETE', '/faults');
    expect((await templates()).status).toBe(200);
  });

  test('a bad fault body is 400', async () => {
    expect((await client.control('POST', '/faults', { status: 418, count: 1 })).status).toBe(400);
  });

  test('test controls are not counted as API requests and are never faulted', async () => {
    await client.control('POST', '/faults', { status: 500, count: 1 });
    const stats = await client.control('GET', '/stats');
    expect(stats.status).toBe(200);
    expect((await templates()).status).toBe(500);
  });
});
