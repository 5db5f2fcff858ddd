/**
 * The SCIM health check proves the token on a resource that needs it (issue 23). RFC 7644
 * section 4 lets a service provider serve its configuration endpoints (/Schemas among them)
 * without authentication; this server, which is not the project's sandbox, does so and checks the
 * bearer token only on /Users. A refused token must show as refused, not as accepted because
 * /Schemas answered. Counted at the server: which paths were asked, and with what answer.
 */
import axios from 'axios';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ScimHttpClient } from '../../../functions/src/adapters/scim/scim-http-client';
import { RoleIdCache } from '../../../functions/src/services/users/role-id-cache';
import { scimHealthChecks } from '../../../functions/src/services/users/scim-health';

const GOOD = 'the-good-token';
const seen: { path: string; status: number }[] = [];
let server: Server;
let base: string;

const schemas = {
  schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
  totalResults: 1,
  Resources: [
    {
      id: 'urn:ietf:params:scim:schemas:core:2.0:User',
      name: 'User',
      attributes: [
        {
          name: 'roleId',
          type: 'string',
          canonicalValues: [],
          description: 'admin=11111111-1111-4111-8111-111111111111',
        },
      ],
    },
  ],
};

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    const answer = (status: number, body: unknown) => {
      seen.push({ path, status });
      res.writeHead(status, { 'Content-Type': 'application/scim+json' });
      res.end(JSON.stringify(body));
    };
    if (path.endsWith('/Schemas')) return answer(200, schemas); // no token needed (RFC 7644 section 4)
    if (req.headers.authorization !== `Bearer ${GOOD}`)
      return answer(401, { schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '401', detail: 'invalid token' });
    return answer(200, { schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'], totalResults: 0, Resources: [] });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/scim/v2`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

function health(token: string) {
  const scim = new ScimHttpClient({
    url: base,
    token,
    http: axios.create(),
    retry: { maxAttempts: 2, timeoutMs: 5000, baseDelayMs: 1, maxDelayMs: 1, retryAfterCapSeconds: 1 },
  });
  return scimHealthChecks({ roleIds: new RoleIdCache(scim), settings: { scimSettingsJson: async () => undefined }, checkToken: () => scim.checkToken() });
}

test('a refused token is reported refused, though /Schemas answered without one', async () => {
  seen.length = 0;
  const checks = await health('a-revoked-token');
  expect(checks.find((c) => c.name === 'SCIM token')).toMatchObject({ ok: false, detail: expect.stringMatching(/refused SCIM_TOKEN/) });
  // The fault really happened: /Schemas answered 200, /Users refused the token.
  expect(seen).toEqual([
    { path: '/scim/v2/Schemas', status: 200 },
    { path: '/scim/v2/Users', status: 401 },
  ]);
});

test('the good token is reported accepted, proven on /Users', async () => {
  seen.length = 0;
  const checks = await health(GOOD);
  expect(checks.find((c) => c.name === 'SCIM token')).toMatchObject({ ok: true });
  expect(seen.map((s) => s.path)).toContain('/scim/v2/Users');
});
