/** The test controls under /_sandbox/: injected faults (429 as service protection sends it, 503, latency) and the request log. */
import { demoUser } from '../../../sandbox/seed/identities';
import { startHarness, type Harness } from './fixtures/harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h.close());

const control = (path: string, method = 'GET', body?: unknown) =>
  fetch(`${h.dv.url}/_sandbox/${path}`, {
    method,
    headers: { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

test('a 429 fault answers the next n requests with Retry-After and 0x80072322, then service resumes', async () => {
  expect((await control('faults', 'POST', { status: 429, count: 2, retryAfter: 7 })).status).toBe(200);
  for (let i = 0; i < 2; i++) {
    const r = await h.api('WhoAmI');
    expect(r.status).toBe(429);
    expect(r.headers.get('retry-after')).toBe('7');
    expect(r.body.error.code).toBe('0x80072322');
    expect(r.body.error.message).toMatch(/^Number of requests exceeded the limit/);
  }
  expect((await h.api('WhoAmI')).status).toBe(200);
});

test('faults come before authentication: even a tokenless request gets the 503', async () => {
  await control('faults', 'POST', { status: 503, count: 1 });
  const r = await h.api('WhoAmI', { token: '' });
  expect(r.status).toBe(503);
});

test('a latency-only plan delays but does not fail; DELETE clears pending plans', async () => {
  await control('faults', 'POST', { latencyMs: 1, count: 1 });
  expect((await h.api('WhoAmI')).status).toBe(200);
  await control('faults', 'POST', { status: 429, count: 5 });
  expect((await control('faults', 'DELETE')).status).toBe(204);
  expect((await h.api('WhoAmI')).status).toBe(200);
});

test('CORS preflight is answered without a token', async () => {
  const r = await fetch(`${h.dv.apiUrl}accounts`, {
    method: 'OPTIONS',
    headers: { Origin: 'http://localhost:3000', 'Access-Control-Request-Method': 'PATCH', 'Access-Control-Request-Headers': 'authorization,callerobjectid' },
  });
  expect(r.status).toBe(204);
  expect(r.headers.get('access-control-allow-origin')).toBe('*');
  expect(r.headers.get('access-control-allow-headers')).toBe('authorization,callerobjectid');
});

test('a bad fault plan is 400', async () => {
  expect((await control('faults', 'POST', { status: 500, count: 1 })).status).toBe(400);
});

test('the request log lists method, path and query, CallerObjectId, status, when it came in and was answered, and the answer size; and can be cleared', async () => {
  expect((await control('requests', 'DELETE')).status).toBe(204);
  const answer = await h.api('opportunities?$select=name&$top=1', { callerObjectId: demoUser('rep').objectId });
  const answerBytes = Buffer.byteLength(answer.text);
  await h.api('nosuch');
  type Entry = { method: string; url: string; callerObjectId: string | null; status: number; at: string; receivedAt: string; bytes: number };
  const log = (await (await control('requests')).json()) as Entry[];
  expect(log.map(({ at: _at, receivedAt: _r, bytes: _b, ...rest }) => rest)).toEqual([
    { method: 'GET', url: '/api/data/v9.2/opportunities?$select=name&$top=1', callerObjectId: demoUser('rep').objectId, status: 200 },
    { method: 'GET', url: '/api/data/v9.2/nosuch', callerObjectId: null, status: 404 },
  ]);
  expect(log[0].at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  expect(Date.parse(log[0].receivedAt)).toBeLessThanOrEqual(Date.parse(log[0].at));
  expect(log[0].bytes).toBe(answerBytes);
  expect(log[1].bytes).toBeGreaterThan(0);
});
