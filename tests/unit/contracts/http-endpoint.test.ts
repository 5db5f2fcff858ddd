/**
 * The HTTP wrapper of every route (connector-api.md "Rules for every route"): 413 over 1 MiB,
 * 401 without a valid token, 403 for a disabled user or one without the role, 400 with `errors` for
 * bad JSON or schema, problem+json with the invocation id as traceId, Retry-After on 503, and a
 * generic 500 whose log line carries no secret.
 */
import { HttpRequest, InvocationContext } from '@azure/functions';
import { z } from 'zod';
import { endpoint } from '../../../functions/src/handlers/http/endpoint';
import type { AuthDeps } from '../../../functions/src/services/auth/authorize';
import type { DirectoryUser } from '../../../functions/src/services/auth/ports';
import { Redactor } from '../../../functions/src/services/logging/redactor';
import { NotFoundError, UnauthenticatedError, UnavailableError, UnprocessableError } from '../../../functions/src/services/errors';

const OID = '0b7e55e0-1a2b-4c3d-8e4f-000000000001';
const users: Record<string, DirectoryUser> = {
  good: { systemUserId: 's1', objectId: OID, fullName: 'Rémi Durand', isDisabled: false, roleNames: ['Dilitrust CLM User'] },
  disabled: { systemUserId: 's2', objectId: OID, fullName: 'Dana', isDisabled: true, roleNames: ['Dilitrust CLM User'] },
  reader: { systemUserId: 's3', objectId: OID, fullName: 'Rita', isDisabled: false, roleNames: ['Dilitrust CLM ReadOnly'] },
};

function auth(): AuthDeps {
  return {
    tokens: {
      verify: async (h) => {
        const who = /^Bearer (\w+)$/.exec(h ?? '')?.[1];
        if (!who || who === 'bad') throw new UnauthenticatedError('Your sign-in has expired: sign in again.');
        return { objectId: who, isApp: false };
      },
    },
    directory: { find: async (who) => users[who] },
  };
}

/** The app as the wrapper sees it: the fake auth above and a redactor that knows one secret. */
const app = () => ({ auth: auth(), redactor: new Redactor(['app-secret-value-123']) });

function call(handler: ReturnType<typeof endpoint>, opts: { token?: string; body?: string; params?: Record<string, string> } = {}) {
  const logs: string[] = [];
  const context = new InvocationContext({ invocationId: 'trace-123', logHandler: (_level, ...args) => logs.push(args.map(String).join(' ')) });
  const request = new HttpRequest({
    method: 'POST',
    url: 'http://localhost/api/contracts',
    headers: opts.token ? { authorization: `Bearer ${opts.token}` } : {},
    ...(opts.body !== undefined ? { body: { string: opts.body } } : {}),
    params: opts.params ?? {},
  });
  return Promise.resolve(handler(request, context)).then((res) => ({ res: res as { status: number; headers: Record<string, string>; body?: string }, logs }));
}

const json = (r: { body?: string }) => JSON.parse(r.body ?? 'null');

const echo = endpoint(app, {
  role: 'user',
  body: z.strictObject({ name: z.string(), n: z.number().optional() }),
  handle: async ({ body, caller }) => ({ status: 201, body: { name: body.name, by: caller.fullName } }),
});

describe('endpoint()', () => {
  it('runs the service for an authorized caller with a valid body', async () => {
    const { res } = await call(echo, { token: 'good', body: '{"name":"x"}' });
    expect(res.status).toBe(201);
    expect(json(res)).toEqual({ name: 'x', by: 'Rémi Durand' });
  });

  it('answers 401 problem+json without a valid token', async () => {
    const { res } = await call(echo, { body: '{"name":"x"}' });
    expect(res.status).toBe(401);
    expect(res.headers['Content-Type']).toBe('application/problem+json');
    expect(res.headers['WWW-Authenticate']).toBe('Bearer error="invalid_token"');
    expect(json(res)).toMatchObject({ status: 401, title: 'Not signed in', traceId: 'trace-123', type: expect.stringContaining('401') });
  });

  it('answers 403 to a disabled user and to a user without the role, saying what to ask for', async () => {
    expect((await call(echo, { token: 'disabled', body: '{"name":"x"}' })).res.status).toBe(403);
    const { res } = await call(echo, { token: 'reader', body: '{"name":"x"}' });
    expect(res.status).toBe(403);
    expect(json(res).detail).toContain('Dilitrust CLM User');
  });

  it('answers 403 to a token whose user is not in Dynamics', async () => {
    expect((await call(echo, { token: 'stranger', body: '{}' })).res.status).toBe(403);
  });

  it('answers 400 with one error per problem for a body that breaks the schema', async () => {
    const { res } = await call(echo, { token: 'good', body: '{"n":"two","extra":1}' });
    expect(res.status).toBe(400);
    const fields = json(res)
      .errors.map((e: { field: string }) => e.field)
      .sort();
    expect(fields).toEqual(['(body)', 'n', 'name']);
  });

  it('words schema errors for a person: what is missing, which values are allowed', async () => {
    const choose = endpoint(app, {
      role: 'user',
      body: z.strictObject({ entity: z.enum(['opportunity', 'quote']), recordId: z.string() }),
      handle: async () => ({ status: 200, body: {} }),
    });
    const { res } = await call(choose, { token: 'good', body: '{"entity":"lead"}' });
    expect(json(res).errors).toEqual(
      expect.arrayContaining([
        { field: 'entity', message: 'entity must be one of: opportunity, quote' },
        { field: 'recordId', message: 'recordId is required' },
      ]),
    );
  });

  it('says a field of the wrong type must be of its type, not that it is required', async () => {
    const { res } = await call(echo, { token: 'good', body: '{"name":42}' });
    expect(json(res).errors).toEqual([{ field: 'name', message: 'name must be a string' }]);
  });

  it('answers 400 for a body that is not JSON', async () => {
    const { res } = await call(echo, { token: 'good', body: '{"name":' });
    expect(res.status).toBe(400);
    expect(json(res).errors).toHaveLength(1);
  });

  it('answers 413 for a body over 1 MiB from an authorized caller', async () => {
    const { res } = await call(echo, { token: 'good', body: JSON.stringify({ name: 'x'.repeat(1024 * 1024) }) });
    expect(res.status).toBe(413);
  });

  it('checks the token before reading the body: an anonymous body over 1 MiB is 401, not 413', async () => {
    const { res } = await call(echo, { body: JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024) }) });
    expect(res.status).toBe(401);
  });

  it('checks route parameters', async () => {
    const h = endpoint(app, {
      role: 'user',
      params: { contractId: z.string().regex(/^\d+$/) },
      handle: async ({ params }) => ({ status: 200, body: params }),
    });
    expect((await call(h, { token: 'good', params: { contractId: 'abc' } })).res.status).toBe(400);
    expect(json((await call(h, { token: 'good', params: { contractId: '42' } })).res)).toEqual({ contractId: '42' });
  });

  it('shapes a service ConnectorError, with errors and Retry-After on 503', async () => {
    const failing = (e: Error) =>
      endpoint(app, {
        role: 'user',
        handle: async () => Promise.reject(e),
      });
    const r422 = (await call(failing(new UnprocessableError('The CLM refused some values.', [{ field: 'dt0_x', message: 'X is empty' }])), { token: 'good' }))
      .res;
    expect(json(r422)).toMatchObject({ status: 422, errors: [{ field: 'dt0_x', message: 'X is empty' }] });
    const r404 = (await call(failing(new NotFoundError('No such opportunity.')), { token: 'good' })).res;
    expect(json(r404).errors).toBeUndefined();
    const r503 = (await call(failing(new UnavailableError('The CLM is busy.', 7, 'clm')), { token: 'good' })).res;
    expect(r503.status).toBe(503);
    expect(r503.headers['Retry-After']).toBe('7');
  });

  it('turns an unknown error into a generic 500 and logs it without the secret it carried', async () => {
    const secret = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl';
    const h = endpoint(app, {
      role: 'user',
      handle: async () => Promise.reject(new Error(`boom Authorization: Bearer ${secret} refresh_token=rt-abcdef123`)),
    });
    const { res, logs } = await call(h, { token: 'good' });
    expect(res.status).toBe(500);
    expect(res.body).not.toContain('boom');
    expect(json(res).detail).toContain('trace-123');
    expect(logs.join('\n')).toContain('boom');
    expect(logs.join('\n')).not.toContain(secret);
    expect(logs.join('\n')).not.toContain('rt-abcdef123');
  });
});
