import { randomUUID } from 'node:crypto';
import type { ClmSandbox } from '../../../sandbox/clm';
import { CONNECTOR_CLIENT_ID } from '../../../sandbox/clm';
import type { ClmTestClient } from './helpers/client';
import { startWithClient } from './helpers/sandbox';

/** clm-api.yaml /contacts and /contacts/{contactId}. */
describe('CLM sandbox: contacts', () => {
  let clm: ClmSandbox;
  let client: ClmTestClient;

  beforeAll(async () => {
    ({ clm, client } = await startWithClient());
  });
  afterAll(() => clm.close());

  let n = 0;
  const person = (overrides: Record<string, unknown> = {}) => {
    n += 1;
    return { firstName: 'Ada', lastName: `Lovelace ${n}`, email: `ada.${n}@fabrikam.example`, ...overrides };
  };
  const create = (json: unknown, key: string = randomUUID()) => client.call('POST', '/contacts', { headers: { 'Idempotency-Key': key }, json });
  const patch = (contactId: string, json: unknown, ifMatch?: string) =>
    client.call('PATCH', '/contacts/{contactId}', { params: { contactId }, json, headers: ifMatch === undefined ? {} : { 'If-Match': ifMatch } });

  test('POST creates an active contact at version 1, updatedBy the API client', async () => {
    const answer = await create(person({ externalId: randomUUID(), phone: '+33 1 00 00 00 00' }));
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ active: true, version: 1, updatedBy: CONNECTOR_CLIENT_ID });
    const read = await client.call('GET', '/contacts/{contactId}', { params: { contactId: answer.body.id } });
    expect(read.body).toEqual(answer.body);
  });

  test('phone and externalId are null when not given', async () => {
    const answer = await create(person());
    expect(answer.body.phone).toBeNull();
    expect(answer.body.externalId).toBeNull();
  });

  test('the same Idempotency-Key answers 200 with the first contact and creates nothing', async () => {
    const key = randomUUID();
    const body = person();
    const first = await create(body, key);
    const again = await create(body, key);
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    const list = await client.call('GET', '/contacts', { query: { email: body.email } });
    expect(list.body.data).toHaveLength(1);
  });

  test('an active contact with the same email (any case) is 409 conflict; an inactive one may share it', async () => {
    const body = person();
    await create(body);
    const dup = await create({ ...body, email: body.email.toUpperCase() });
    expect(dup.status).toBe(409);
    expect(dup.body.error).toBe('conflict');
    expect((await create({ ...body, active: false })).status).toBe(201);
  });

  test('a body that breaks the schema is 400 with details (the operation documents no 422)', async () => {
    const answer = await create({ firstName: 'A', email: 'nope' });
    expect(answer.status).toBe(400);
    expect(answer.body.details.map((d: any) => d.field)).toEqual(expect.arrayContaining(['lastName', 'email']));
    expect((await client.call('POST', '/contacts', { json: person() })).status).toBe(400);
  });

  test('GET /contacts pages oldest change first, filters by updatedSince, email and externalId', async () => {
    const externalId = randomUUID();
    const made = (await create(person({ externalId }))).body;
    const all: any[] = [];
    let cursor: string | null = null;
    do {
      const answer: any = await client.call('GET', '/contacts', { query: { limit: 2, ...(cursor ? { cursor } : {}) } });
      all.push(...answer.body.data);
      cursor = answer.body.nextCursor;
    } while (cursor);
    const times = all.map((c) => c.updatedAt);
    expect([...times].sort()).toEqual(times);
    expect(new Set(all.map((c) => c.id)).size).toBe(all.length);
    expect((await client.call('GET', '/contacts', { query: { externalId } })).body.data.map((c: any) => c.id)).toEqual([made.id]);
    const since = await client.call('GET', '/contacts', { query: { updatedSince: made.updatedAt } });
    expect(since.body.data.map((c: any) => c.id)).toContain(made.id);
    expect(since.body.data.every((c: any) => c.updatedAt >= made.updatedAt)).toBe(true);
  });

  test('GET /contacts/{contactId} is 404 for an unknown id', async () => {
    expect((await client.call('GET', '/contacts/{contactId}', { params: { contactId: 'con_nope' } })).status).toBe(404);
  });

  test('PATCH with the current version in If-Match changes the contact and bumps its version', async () => {
    const made = (await create(person())).body;
    const answer = await patch(made.id, { phone: '+44 20 0000 0000', externalId: null }, String(made.version));
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ phone: '+44 20 0000 0000', version: 2 });
    expect(answer.body.updatedAt > made.updatedAt).toBe(true);
    // An entity-tag form of the version is understood too.
    expect((await patch(made.id, { firstName: 'Augusta' }, '"2"')).body.version).toBe(3);
  });

  test('PATCH based on an old version is 412; without If-Match it is 400', async () => {
    const made = (await create(person())).body;
    await patch(made.id, { firstName: 'B' }, '1');
    const stale = await patch(made.id, { firstName: 'C' }, '1');
    expect(stale.status).toBe(412);
    expect((await patch(made.id, { firstName: 'C' })).status).toBe(400);
  });

  test('PATCH to an email an active contact has is 409', async () => {
    const a = (await create(person())).body;
    const b = (await create(person())).body;
    expect((await patch(b.id, { email: a.email }, '1')).status).toBe(409);
  });

  test('PATCH of an unknown contact is 404', async () => {
    expect((await patch('con_nope', { firstName: 'x' }, '1')).status).toBe(404);
  });

  test('a change made in the CLM (test control) bumps the version under a CLM user id', async () => {
    const made = (await create(person())).body;
    const changed = (await client.control('PATCH', `/contacts/${made.id}`, { lastName: 'Byron' })).body;
    expect(changed.version).toBe(2);
    expect(changed.updatedBy).not.toBe(CONNECTOR_CLIENT_ID);
  });

  test('POST with the e-mail of an active contact is 409, whatever its case; a deactivated contact frees it', async () => {
    const a = (await create(person())).body;
    const dup = await create(person({ email: a.email.toUpperCase() }));
    expect(dup.status).toBe(409);
    expect(dup.body.error).toBe('conflict');
    const gone = (await client.control('POST', `/contacts/${a.id}/deactivate`)).body;
    expect(gone).toMatchObject({ active: false, version: 2 });
    expect(gone.updatedBy).not.toBe(CONNECTOR_CLIENT_ID);
    const b = await create(person({ email: a.email }));
    expect(b.status).toBe(201);
    // Reactivating the first one would make two active contacts with one e-mail.
    expect((await patch(a.id, { active: true }, '2')).status).toBe(409);
  });

  test('the email filter ignores case; updatedSince is inclusive, so an overlap re-reads, never skips', async () => {
    const a = (await create(person({ email: `Mixed.${randomUUID()}@Case.example` }))).body;
    const found = await client.call('GET', '/contacts', { query: { email: a.email.toLowerCase() } });
    expect(found.body.data.map((c: any) => c.id)).toEqual([a.id]);
    const since = await client.call('GET', '/contacts', { query: { updatedSince: a.updatedAt } });
    expect(since.body.data[0].id).toBe(a.id);
  });

  test('a CLM user creates a contact through the control: updatedBy is not the API client', async () => {
    const made = (await client.control('POST', '/contacts', person())).body;
    expect(made).toMatchObject({ version: 1, active: true });
    expect(made.updatedBy).not.toBe(CONNECTOR_CLIENT_ID);
  });

  test('429 with Retry-After and 500 on demand, on the contact paths only', async () => {
    await client.control('POST', '/faults', { status: 429, count: 1, retryAfter: 3, pathPrefix: '/contacts' });
    await client.control('POST', '/faults', { status: 500, count: 1, pathPrefix: '/contacts' });
    const throttled = await client.call('GET', '/contacts', { query: { limit: 1 } });
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('3');
    expect((await client.call('GET', '/contacts', { query: { limit: 1 } })).status).toBe(500);
    expect((await client.call('GET', '/contacts', { query: { limit: 1 } })).status).toBe(200);
  });

  test('no answer of the sandbox broke the spec', async () => {
    expect((await client.control('GET', '/stats')).body.specViolations).toEqual([]);
  });
});
