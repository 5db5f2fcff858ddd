/**
 * Conformance with Microsoft's "Service protection API limits"
 * (powerapps-docs/developer/data-platform/api-limits.md), enforced on demand (`POST /_sandbox/limits`):
 * "With the Web API, we return a 429 Too Many Requests error", with `Retry-After` in seconds, the hex
 * codes and messages of "Service Protection API Limit Errors returned", limits per user, and the
 * `x-ms-ratelimit-*` headers. Off by default.
 */
import { startHarness, type Harness } from '../fixtures/harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ world: false });
});
afterAll(async () => h.close());
afterEach(async () => void (await fetch(`${h.dv.url}/_sandbox/limits`, { method: 'DELETE' })));

const limits = (body: Record<string, number>) =>
  fetch(`${h.dv.url}/_sandbox/limits`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

describe('api-limits.md', () => {
  test('off unless asked: the defaults are the documented 6000 requests, 1,200,000 ms, 300 s, 52 concurrent', async () => {
    expect(await (await fetch(`${h.dv.url}/_sandbox/limits`)).json()).toMatchObject({ enforced: false });
    const on = (await (await limits({})).json()) as { settings: Record<string, number> };
    expect(on.settings).toMatchObject({ requests: 6000, windowSeconds: 300, executionMs: 1_200_000, concurrent: 52 });
    expect((await limits({ bogus: 1 })).status).toBe(400);
  });

  test('"Number of requests": 429, 0x80072322, the documented message, Retry-After in seconds; other users unaffected', async () => {
    await limits({ requests: 3 });
    for (let i = 0; i < 3; i++) {
      const ok = await h.api('WhoAmI');
      expect(ok.status).toBe(200);
      expect(ok.headers.get('x-ms-ratelimit-burst-remaining-xrm-requests')).toBe(String(2 - i));
    }
    const r = await h.api('WhoAmI');
    expect([r.status, r.body.error]).toEqual([
      429,
      { code: '0x80072322', message: 'Number of requests exceeded the limit of 3 over time window of 300 seconds.' },
    ]);
    expect(r.headers.get('retry-after')).toMatch(/^[1-9]\d*$/);
    // "The service protection API limits are evaluated per user."
    expect((await h.api('WhoAmI', { token: await h.identity.userToken(h.dv.url, 'admin') })).status).toBe(200);
  });

  test('"Execution time": 429, 0x80072321, the documented message', async () => {
    await limits({ executionMs: 100, minExecutionMs: 100 });
    expect((await h.api('WhoAmI')).status).toBe(200);
    const r = await h.api('WhoAmI');
    expect([r.status, r.body.error.code]).toEqual([429, '0x80072321']);
    expect(r.body.error.message).toBe(
      'Combined execution time of incoming requests exceeded limit of 100 milliseconds over time window of 300 seconds. Decrease number of concurrent requests or reduce the duration of requests and try again later.',
    );
  });

  test('"Concurrent requests": 429, 0x80072326, "Number of concurrent requests exceeded the limit of 52." past 52 in flight', async () => {
    await limits({});
    // Each request held 1.5 s by a latency fault, so that 60 are in flight together.
    await fetch(`${h.dv.url}/_sandbox/faults`, { method: 'POST', body: JSON.stringify({ count: 60, latencyMs: 1500 }) });
    const answers = await Promise.all(Array.from({ length: 60 }, () => h.api('WhoAmI')));
    const refused = answers.filter((a) => a.status === 429);
    expect(answers.filter((a) => a.status === 200).length).toBeLessThanOrEqual(52);
    expect(refused.length).toBeGreaterThanOrEqual(8);
    expect(refused[0].body.error).toEqual({ code: '0x80072326', message: 'Number of concurrent requests exceeded the limit of 52.' });
  });
});
