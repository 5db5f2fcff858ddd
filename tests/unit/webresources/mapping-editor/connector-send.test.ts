/**
 * The connector client's writes (webresources/lib/connector.ts `send`): PUT with If-Match, the
 * answer's ETag header handed back, a 412 and a 422 as ConnectorErrors with their status and
 * field problems. The request is observed where it leaves (fetch).
 */
import { z } from 'zod';
import { connectorClient, ConnectorError } from '../../../../webresources/lib/connector';

const seen: { url: string; init: RequestInit }[] = [];
let answer: () => Response;

beforeEach(() => {
  seen.length = 0;
  jest.spyOn(globalThis, 'fetch').mockImplementation(async (url, init) => {
    seen.push({ url: String(url), init: init ?? {} });
    return answer();
  });
});
afterEach(() => jest.restoreAllMocks());

const client = connectorClient('https://fn.example/api/', { getToken: async () => 'tok' });
const schema = z.object({ state: z.string() });

function problem(status: number, errors?: { field: string; message: string }[]) {
  return new Response(JSON.stringify({ type: 'about:blank', title: 't', status, detail: `detail ${status}`, traceId: 'x', ...(errors ? { errors } : {}) }), {
    status,
    headers: { 'Content-Type': 'application/problem+json' },
  });
}

test('PUT sends If-Match and the JSON body, and answers the body with the ETag header', async () => {
  answer = () => new Response(JSON.stringify({ state: 'fits' }), { status: 200, headers: { ETag: 'W/"2"' } });
  const r = await client.send({ method: 'PUT', path: 'admin/templates/abc/mapping', schema, body: { mapping: { a: 1 } }, ifMatch: 'W/"1"' });
  expect(r).toEqual({ body: { state: 'fits' }, etag: 'W/"2"' });
  expect(seen).toHaveLength(1);
  expect(seen[0].url).toBe('https://fn.example/api/admin/templates/abc/mapping');
  expect(seen[0].init.method).toBe('PUT');
  const headers = seen[0].init.headers as Record<string, string>;
  expect(headers['If-Match']).toBe('W/"1"');
  expect(headers.Authorization).toBe('Bearer tok');
  expect(JSON.parse(String(seen[0].init.body))).toEqual({ mapping: { a: 1 } });
});

test('a 412 (someone else saved) and a 422 (with its field problems) are ConnectorErrors the page can tell apart', async () => {
  answer = () => problem(412);
  const stale = await client
    .send({ method: 'PUT', path: 'p', schema, body: {}, ifMatch: 'W/"1"', policy: { timeoutMs: 1000, retries: 0 } })
    .catch((e: unknown) => e);
  expect(stale).toBeInstanceOf(ConnectorError);
  expect((stale as ConnectorError).status).toBe(412);

  answer = () => problem(422, [{ field: '$.fieldz', message: 'unknown key "fieldz"' }]);
  const refused = await client.send({ method: 'PUT', path: 'p', schema, body: {}, ifMatch: 'W/"1"' }).catch((e: unknown) => e);
  expect((refused as ConnectorError).status).toBe(422);
  expect((refused as ConnectorError).errors).toEqual([{ field: '$.fieldz', message: 'unknown key "fieldz"' }]);
});

test('call() is unchanged: no If-Match, the body only', async () => {
  answer = () => new Response(JSON.stringify({ state: 'x' }), { status: 200 });
  expect(await client.call('POST', 'admin/mappings/validate', schema, { a: 1 })).toEqual({ state: 'x' });
  expect((seen[0].init.headers as Record<string, string>)['If-Match']).toBeUndefined();
});
