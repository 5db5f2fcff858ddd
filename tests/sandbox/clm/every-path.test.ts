import { randomUUID } from 'node:crypto';
import type { ClmSandbox } from '../../../sandbox/clm';
import type { Answer, ClmTestClient } from './helpers/client';
import { contractBody, createContract, newSecret } from './helpers/fixtures';
import { documentedAnswers, spec } from './helpers/spec';
import { startWithClient } from './helpers/sandbox';

/**
 * Every path, method and status code of clm-api.yaml, each produced once by a scenario, with the
 * answer checked against the spec by the client. A status added to the spec fails the first test
 * until a scenario produces it.
 */
describe('CLM sandbox: every path and status of clm-api.yaml', () => {
  let clm: ClmSandbox;
  let client: ClmTestClient;

  beforeAll(async () => {
    ({ clm, client } = await startWithClient());
  });
  afterAll(() => clm.close());

  const idem = () => ({ 'Idempotency-Key': randomUUID() });
  const contract = () => createContract(client, clm.rootFolderId);
  const signedContract = async () => {
    const c = await contract();
    return (await client.control('POST', `/contracts/${c.id}/transition`, { to: 'signed' })).body;
  };
  const contact = async () =>
    (await client.call('POST', '/contacts', { headers: idem(), json: { firstName: 'T', lastName: 'U', email: `${randomUUID()}@x.example` } })).body;

  const scenarios: Record<string, () => Promise<Answer>> = {
    'POST /oauth/token 200': async () =>
      client.call('POST', '/oauth/token', { token: null, form: { grant_type: 'refresh_token', refresh_token: (await clm.issueTokens()).refresh_token } }),
    'POST /oauth/token 400': () => client.call('POST', '/oauth/token', { token: null, form: { grant_type: 'refresh_token', refresh_token: 'rt_dead' } }),
    'GET /folders/{folderId} 200': () => client.call('GET', '/folders/{folderId}', { params: { folderId: clm.rootFolderId } }),
    'GET /folders/{folderId} 404': () => client.call('GET', '/folders/{folderId}', { params: { folderId: 'fld_nope' } }),
    'GET /templates 200': () => client.call('GET', '/templates'),
    'GET /templates/{templateId} 200': () => client.call('GET', '/templates/{templateId}', { params: { templateId: 'tpl_nda' } }),
    'GET /templates/{templateId} 404': () => client.call('GET', '/templates/{templateId}', { params: { templateId: 'tpl_nope' } }),
    'POST /contracts 201': () => client.call('POST', '/contracts', { headers: idem(), json: contractBody(clm.rootFolderId) }),
    'POST /contracts 200': async () => {
      const headers = idem();
      await client.call('POST', '/contracts', { headers, json: contractBody(clm.rootFolderId) });
      return client.call('POST', '/contracts', { headers, json: contractBody(clm.rootFolderId) });
    },
    'POST /contracts 404': () => client.call('POST', '/contracts', { headers: idem(), json: contractBody(clm.rootFolderId, { templateId: 'tpl_nope' }) }),
    'POST /contracts 422': () => client.call('POST', '/contracts', { headers: idem(), json: contractBody(clm.rootFolderId, { fields: {} }) }),
    'GET /contracts/{contractId} 200': async () => client.call('GET', '/contracts/{contractId}', { params: { contractId: (await contract()).id } }),
    'GET /contracts/{contractId} 404': () => client.call('GET', '/contracts/{contractId}', { params: { contractId: 'ctr_nope' } }),
    'GET /contracts/{contractId}/validation-flows 200': async () =>
      client.call('GET', '/contracts/{contractId}/validation-flows', { params: { contractId: (await contract()).id } }),
    'POST /contracts/{contractId}/validations 202': async () =>
      client.call('POST', '/contracts/{contractId}/validations', { params: { contractId: (await contract()).id } }),
    'POST /contracts/{contractId}/validations 409': async () =>
      client.call('POST', '/contracts/{contractId}/validations', { params: { contractId: (await signedContract()).id } }),
    'POST /contracts/{contractId}/validations 422': async () =>
      client.call('POST', '/contracts/{contractId}/validations', { params: { contractId: (await contract()).id }, json: { flowId: 'flw_nope' } }),
    'POST /contracts/{contractId}/signature 202': async () =>
      client.call('POST', '/contracts/{contractId}/signature', { params: { contractId: (await contract()).id } }),
    'POST /contracts/{contractId}/signature 409': async () =>
      client.call('POST', '/contracts/{contractId}/signature', { params: { contractId: (await signedContract()).id } }),
    'POST /contracts/{contractId}/signature 422': async () => {
      const c = await createContract(client, clm.rootFolderId, { signatories: [] });
      return client.call('POST', '/contracts/{contractId}/signature', { params: { contractId: c.id } });
    },
    'GET /contracts/{contractId}/documents/{documentId}/content 200': async () => {
      const c = await signedContract();
      return client.call('GET', '/contracts/{contractId}/documents/{documentId}/content', { params: { contractId: c.id, documentId: c.documents[1].id } });
    },
    'GET /contracts/{contractId}/documents/{documentId}/content 404': async () =>
      client.call('GET', '/contracts/{contractId}/documents/{documentId}/content', { params: { contractId: (await contract()).id, documentId: 'doc_nope' } }),
    'GET /webhook 200': () => client.call('GET', '/webhook'),
    'PUT /webhook 200': () => client.call('PUT', '/webhook', { json: { webhook_url: 'https://connector.example.com/api/webhooks/clm', secret: newSecret() } }),
    'PUT /webhook 422': () => client.call('PUT', '/webhook', { json: { webhook_url: 'https://connector.example.com/api/webhooks/clm', secret: 'plain' } }),
    'GET /contacts 200': () => client.call('GET', '/contacts'),
    'POST /contacts 201': () =>
      client.call('POST', '/contacts', { headers: idem(), json: { firstName: 'A', lastName: 'B', email: `${randomUUID()}@x.example` } }),
    'POST /contacts 200': async () => {
      const headers = idem();
      const json = { firstName: 'A', lastName: 'B', email: `${randomUUID()}@x.example` };
      await client.call('POST', '/contacts', { headers, json });
      return client.call('POST', '/contacts', { headers, json });
    },
    'POST /contacts 409': async () => {
      const c = await contact();
      return client.call('POST', '/contacts', { headers: idem(), json: { firstName: 'A', lastName: 'B', email: c.email } });
    },
    'GET /contacts/{contactId} 200': async () => client.call('GET', '/contacts/{contactId}', { params: { contactId: (await contact()).id } }),
    'GET /contacts/{contactId} 404': () => client.call('GET', '/contacts/{contactId}', { params: { contactId: 'con_nope' } }),
    'PATCH /contacts/{contactId} 200': async () =>
      client.call('PATCH', '/contacts/{contactId}', { params: { contactId: (await contact()).id }, headers: { 'If-Match': '1' }, json: { firstName: 'Z' } }),
    'PATCH /contacts/{contactId} 412': async () =>
      client.call('PATCH', '/contacts/{contactId}', { params: { contactId: (await contact()).id }, headers: { 'If-Match': '7' }, json: { firstName: 'Z' } }),
  };

  test('a scenario exists for every documented answer, and none for an answer the spec lacks', () => {
    expect(Object.keys(scenarios).sort()).toEqual(
      documentedAnswers()
        .map((a) => `${a.method} ${a.path} ${a.status}`)
        .sort(),
    );
  });

  test.each(documentedAnswers().map((a) => [`${a.method} ${a.path} ${a.status}`, Number(a.status)] as const))('%s', async (key, status) => {
    const scenario = scenarios[key];
    expect(scenario).toBeDefined();
    const answer = await scenario();
    expect(answer.status).toBe(status);
  });

  const secured = Object.entries(spec.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([, op]) => !(Array.isArray(op.security) && op.security.length === 0))
      .map(([method]) => [method.toUpperCase(), path] as const),
  );

  test.each(secured)('%s %s without a token is 401 with a Bearer challenge', async (method, path) => {
    const params = Object.fromEntries([...path.matchAll(/\{([^}]+)\}/g)].map((m) => [m[1], 'x']));
    const answer = await client.call(method, path, { token: null, params });
    expect(answer.status).toBe(401);
    expect(answer.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(answer.body.error).toBe('invalid_token');
  });

  test('a path the spec lacks is 404 not_found; a method it lacks is 405 with Allow', async () => {
    const unknown = await fetch(`${clm.apiBase}/agreements`, { headers: { authorization: `Bearer ${client.token}` } });
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error).toBe('not_found');
    const wrongMethod = await fetch(`${clm.apiBase}/templates`, { method: 'DELETE', headers: { authorization: `Bearer ${client.token}` } });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('GET');
  });

  test('a body that is not JSON is 400 invalid_request', async () => {
    const answer = await client.call('POST', '/contracts', { headers: { ...idem(), 'content-type': 'application/json' }, rawBody: '{"templateId":' });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toBe('invalid_request');
    const wrongType = await client.call('POST', '/contracts', {
      headers: { ...idem(), 'content-type': 'text/plain' },
      rawBody: JSON.stringify(contractBody(clm.rootFolderId)),
    });
    expect(wrongType.status).toBe(400);
  });

  test('no answer of the sandbox broke the spec', async () => {
    expect((await client.control('GET', '/stats')).body.specViolations).toEqual([]);
  });
});
