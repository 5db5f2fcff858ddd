import { HttpResponse, type HttpHandler, type InvocationContext } from '@azure/functions';
import { createHash } from 'node:crypto';
import type { HttpRoute, QueueJob, TimerJob } from '../../../functions/src/routes';
import { startFunctionsHost, type FunctionsHost } from '../../../sandbox/functions-host';
import { appFunctions } from '../../../functions/src/routes';

/** A small route table of our own, shaped like the app's. */
const seen: { context?: InvocationContext } = {};
const echo: HttpHandler = async (req, context) => {
  seen.context = context;
  const text = await req.text();
  return {
    jsonBody: {
      method: req.method,
      url: req.url,
      params: req.params,
      query: Object.fromEntries(req.query),
      contentType: req.headers.get('content-type'),
      custom: req.headers.get('x-custom'),
      text,
      functionName: context.functionName,
    },
  };
};
const routes: HttpRoute[] = [
  { name: 'validationFlows', methods: ['GET'], route: 'contracts/{contractId}/validation-flows', handler: echo },
  { name: 'validate', methods: ['POST'], route: 'contracts/{contractId}/validation', handler: echo },
  {
    name: 'clmWebhook',
    methods: ['POST'],
    route: 'webhooks/clm',
    handler: async (req) => {
      const bytes = Buffer.from(await req.arrayBuffer());
      return { status: 202, jsonBody: { sha256: createHash('sha256').update(bytes).digest('hex'), length: bytes.length } };
    },
  },
  { name: 'itemById', methods: ['GET'], route: 'items/{id}', handler: async (req) => ({ body: `item ${req.params.id}` }) },
  { name: 'itemSpecial', methods: ['GET'], route: 'items/special', handler: async () => ({ body: 'special' }) },
  { name: 'users', methods: ['POST'], route: 'admin/users/{systemUserId?}', handler: echo },
  {
    name: 'withCookie',
    methods: ['GET', 'DELETE'],
    route: 'session',
    handler: async () =>
      new HttpResponse({
        status: 201,
        headers: { 'X-Trace': 'abc', 'Content-Type': 'application/problem+json' },
        body: '{"ok":true}',
        cookies: [{ name: 'sid', value: 'v1', httpOnly: true, sameSite: 'Strict', path: '/' }],
      }),
  },
  { name: 'noContent', methods: ['POST'], route: 'empty', handler: async () => ({ status: 204 }) },
  {
    name: 'boom',
    methods: ['GET'],
    route: 'boom',
    handler: async () => {
      throw new Error('kaput');
    },
  },
];
const timerCalls: string[] = [];
const timers: TimerJob[] = [
  { name: 'templateSync', schedule: '0 0 2 * * *', handler: async (timer, ctx) => void timerCalls.push(`${ctx.functionName}:${timer.isPastDue}`) },
];
const queues: QueueJob[] = [
  {
    name: 'applyWebhookEvent',
    queueName: 'webhook-events',
    handler: async (message, ctx) => ({ message, dequeueCount: ctx.triggerMetadata?.dequeueCount }),
  },
];

let host: FunctionsHost;
const logged: unknown[][] = [];
beforeAll(async () => {
  host = await startFunctionsHost({ port: 0, routes, timers, queues, logHandler: (...args) => void logged.push(args) });
});
afterAll(() => host.close());

describe('functions dev host', () => {
  it('serves below /api on loopback', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api$/);
  });

  it('matches a route template and gives the handler a real HttpRequest with params and query', async () => {
    const res = await fetch(`${host.url}/contracts/c-42/validation-flows?x=1&y=two`, { headers: { 'X-Custom': 'hello' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      method: 'GET',
      url: `${host.url}/contracts/c-42/validation-flows?x=1&y=two`,
      params: { contractId: 'c-42' },
      query: { x: '1', y: 'two' },
      custom: 'hello',
      functionName: 'validationFlows',
    });
    expect(seen.context?.invocationId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('passes the request body through as text for JSON callers', async () => {
    const res = await fetch(`${host.url}/contracts/c-1/validation`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"flowId":"f1"}',
    });
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ params: { contractId: 'c-1' }, text: '{"flowId":"f1"}', contentType: 'application/json' });
  });

  it('hands the raw body bytes to the handler unchanged (webhook signatures depend on them)', async () => {
    // Not valid UTF-8, CRLFs, a BOM and trailing whitespace: anything a re-encoding would alter.
    const raw = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf, 0xff, 0xfe, 0x00]), Buffer.from('{"a": "é"}\r\n  \t')]);
    const res = await fetch(`${host.url}/webhooks/clm`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: raw });
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ sha256: createHash('sha256').update(raw).digest('hex'), length: raw.length });
  });

  it('prefers a literal segment over a parameter', async () => {
    expect(await (await fetch(`${host.url}/items/special`)).text()).toBe('special');
    expect(await (await fetch(`${host.url}/items/7`)).text()).toBe('item 7');
  });

  it('serves an optional trailing parameter with and without it', async () => {
    const without = (await (await fetch(`${host.url}/admin/users`, { method: 'POST' })).json()) as { params: object };
    const withId = (await (await fetch(`${host.url}/admin/users/u1`, { method: 'POST' })).json()) as { params: object };
    expect(without.params).toEqual({});
    expect(withId.params).toEqual({ systemUserId: 'u1' });
  });

  it('answers 404 for an unknown route and for paths outside /api', async () => {
    expect((await fetch(`${host.url}/nope`)).status).toBe(404);
    expect((await fetch(host.url.replace('/api', '/contracts/c-1/validation-flows'))).status).toBe(404);
  });

  it('answers 405 with Allow for a known route and a wrong method', async () => {
    const res = await fetch(`${host.url}/contracts/c-1/validation`, { method: 'GET' });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST');
  });

  it('writes back status, headers, body and cookies of an HttpResponse', async () => {
    const res = await fetch(`${host.url}/session`);
    expect(res.status).toBe(201);
    expect(res.headers.get('x-trace')).toBe('abc');
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(res.headers.getSetCookie()).toEqual(['sid=v1; Path=/; HttpOnly; SameSite=Strict']);
    expect(await res.text()).toBe('{"ok":true}');
  });

  it('writes a 204 without a body', async () => {
    const res = await fetch(`${host.url}/empty`, { method: 'POST' });
    expect(res.status).toBe(204);
    expect(await res.text()).toBe('');
  });

  it('answers a bare 500 when a handler throws, and logs the message', async () => {
    const res = await fetch(`${host.url}/boom`);
    expect(res.status).toBe(500);
    expect(await res.text()).toBe('');
    expect(logged.some(([level, msg]) => level === 'error' && String(msg).includes('kaput'))).toBe(true);
  });

  it('runs a timer on demand', async () => {
    await host.runTimer('templateSync');
    expect(timerCalls).toEqual(['templateSync:false']);
    await expect(host.runTimer('nope')).rejects.toThrow(/No timer/);
  });

  it('runs a queue handler on demand with queue trigger metadata', async () => {
    await expect(host.runQueue('applyWebhookEvent', { id: 'evt_1' })).resolves.toEqual({ message: { id: 'evt_1' }, dequeueCount: 1 });
  });

  it('lists its routes at GET /', async () => {
    const page = await (await fetch(host.url.replace(/\/api$/, '/'))).text();
    expect(page).toContain(`${host.url}/contracts/{contractId}/validation-flows`);
    expect(page).toContain('templateSync');
  });
});

describe('functions dev host with the app route table', () => {
  it('serves functions/src/routes.ts by default, over an app built from the settings given (process.env untouched)', async () => {
    // Plausible settings, in case the app checks them when its table is loaded.
    const env = {
      SANDBOX_TEST_SETTING: 'x',
      DATAVERSE_URL: 'http://127.0.0.1:1',
      AZURE_TENANT_ID: '5a1d6c3e-2b7f-4e90-9a41-0d1e2c3b4a50',
      AZURE_CLIENT_ID: '8c4f1e2a-6b3d-4c5e-9f70-1a2b3c4d5e60',
      AZURE_CLIENT_SECRET: 'test',
      AZURE_AUTHORITY_HOST: 'http://127.0.0.1:2',
      AzureWebJobsStorage: 'UseDevelopmentStorage=true',
    };
    const app = await startFunctionsHost({ port: 0, env });
    try {
      const table = appFunctions(() => {
        throw new Error('not called: the table is built without the app');
      });
      expect(app.routes.map((r) => `${r.methods.join(',')} ${r.route}`)).toEqual(table.http.map((r) => `${r.methods.join(',')} ${r.route}`));
      expect(app.app!().config.dataverseUrl).toBe('http://127.0.0.1:1');
      expect(process.env.SANDBOX_TEST_SETTING).toBeUndefined();
    } finally {
      await app.close();
      delete process.env.SANDBOX_TEST_SETTING;
    }
  });
});
