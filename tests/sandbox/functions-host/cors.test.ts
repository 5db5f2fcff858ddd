import type { HttpRoute } from '../../../functions/src/routes';
import { startFunctionsHost, type FunctionsHost } from '../../../sandbox/functions-host';

/** CORS as App Service applies it in front of a Function App: preflights never reach the functions. */
const DYNAMICS = 'https://contoso.crm4.dynamics.com';
let calls = 0;
const routes: HttpRoute[] = [
  { name: 'createContract', methods: ['POST'], route: 'contracts', handler: async () => (calls++, { status: 201, jsonBody: { ok: true } }) },
];
let host: FunctionsHost;
let open: FunctionsHost;
beforeAll(async () => {
  host = await startFunctionsHost({ routes, timers: [], queues: [], cors: { allowedOrigins: [DYNAMICS] } });
  open = await startFunctionsHost({ routes, timers: [], queues: [] });
});
afterAll(async () => {
  await host.close();
  await open.close();
});

const preflight = (url: string, origin: string) =>
  fetch(`${url}/contracts`, {
    method: 'OPTIONS',
    headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization,content-type' },
  });

describe('CORS of the functions dev host', () => {
  it('answers a preflight from an allowed origin without calling the function', async () => {
    const res = await preflight(host.url, DYNAMICS);
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(DYNAMICS);
    expect(res.headers.get('access-control-allow-methods')).toContain('POST');
    expect(res.headers.get('access-control-allow-headers')).toBe('authorization,content-type');
    expect(calls).toBe(0);
  });

  it('adds the allow-origin header to the actual answer', async () => {
    const res = await fetch(`${host.url}/contracts`, { method: 'POST', headers: { Origin: DYNAMICS } });
    expect(res.status).toBe(201);
    expect(res.headers.get('access-control-allow-origin')).toBe(DYNAMICS);
  });

  it('gives no CORS headers to another origin (the browser then blocks it)', async () => {
    const res = await preflight(host.url, 'https://evil.example');
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('has no CORS at all unless configured, as a new Function App', async () => {
    const res = await fetch(`${open.url}/contracts`, { method: 'POST', headers: { Origin: DYNAMICS } });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });
});
