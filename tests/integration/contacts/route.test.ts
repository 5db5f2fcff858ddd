/**
 * `POST /api/admin/contacts/sync` through the functions host with real user tokens
 * (connector-api.md): one contact on demand for an Admin or a User who can read it (the contact
 * form's Sync to CLM button), a full sync for an Admin only, bodies checked.
 */
import { randomUUID } from 'node:crypto';
import { demoUserToken } from '../../../sandbox/identity';
import { startWorld, type World } from '../../../sandbox/world';
import { callApi, userToken } from '../contracts/helpers';

jest.setTimeout(120_000);

let world: World;
beforeAll(async () => {
  world = await startWorld({ functionsLogHandler: () => undefined });
});
afterAll(async () => world?.close());

async function newContact(): Promise<{ id: string; email: string }> {
  const email = `route.${randomUUID().slice(0, 8)}@sync.example`;
  const token = await demoUserToken(world.identity.tokenEndpoint, 'admin', `${world.dataverse.url}/.default`);
  const res = await fetch(`${world.dataverse.apiUrl}contacts?$select=contactid`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', Prefer: 'return=representation' },
    body: JSON.stringify({ firstname: 'Route', lastname: 'Test', emailaddress1: email }),
  });
  return { id: ((await res.json()) as { contactid: string }).contactid, email };
}

test('a User syncs a contact they can read: 200, and the contact is in the CLM, linked', async () => {
  const c = await newContact();
  const res = await callApi(world, 'POST', 'admin/contacts/sync', { token: await userToken(world, 'rep'), body: { contactId: c.id } });
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ contactId: c.id, state: 'inSync', clmContactId: expect.any(String), counts: { createdInClm: 1 } });
  const clm = world.clm!;
  const tokens = await clm.issueTokens();
  const inClm = await fetch(`${clm.apiBase}/contacts/${encodeURIComponent(res.body.clmContactId)}`, {
    headers: { Authorization: `Bearer ${tokens.access_token}` },
  });
  expect(await inClm.json()).toMatchObject({ externalId: c.id, email: c.email, firstName: 'Route', lastName: 'Test' });
  // Again: nothing to do, same link.
  const again = await callApi(world, 'POST', 'admin/contacts/sync', { token: await userToken(world, 'rep'), body: { contactId: c.id } });
  expect(again.body).toMatchObject({ state: 'inSync', clmContactId: res.body.clmContactId, counts: { createdInClm: 0, updatedInClm: 0 } });
});

test('a contact that does not exist (or that the caller cannot read) is 404', async () => {
  const res = await callApi(world, 'POST', 'admin/contacts/sync', { token: await userToken(world, 'rep'), body: { contactId: randomUUID() } });
  expect(res.status).toBe(404);
});

test('no connector role is 403; a full sync needs Admin', async () => {
  const c = await newContact();
  expect((await callApi(world, 'POST', 'admin/contacts/sync', { token: await userToken(world, 'norole'), body: { contactId: c.id } })).status).toBe(403);
  const asUser = await callApi(world, 'POST', 'admin/contacts/sync', { token: await userToken(world, 'rep'), body: {} });
  expect(asUser.status).toBe(403);
  expect(asUser.body.detail).toContain('Dilitrust CLM Admin');
});

test('a body that is not { contactId: GUID } is 400 with errors', async () => {
  const res = await callApi(world, 'POST', 'admin/contacts/sync', { token: await userToken(world, 'admin'), body: { contactId: 'nope' } });
  expect(res.status).toBe(400);
  expect(res.body.errors[0].field).toBe('contactId');
});

test('an Admin starts a full sync as a long run: 202 with Location; the run shows counts, conflicts and errors', async () => {
  // A contact known on both sides with another phone: the first match settles it and says so.
  const c = await newContact();
  const clm = world.clm!;
  await fetch(`${clm.apiBase}/_sandbox/contacts`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ firstName: 'Route', lastName: 'Other', email: c.email }),
  });
  const res = await callApi(world, 'POST', 'admin/contacts/sync', { token: await userToken(world, 'admin') });
  expect(res.status).toBe(202);
  expect(res.body).toMatchObject({ kind: 'contacts', runId: expect.stringMatching(/^contacts-/) });
  const location = res.headers.get('location')!;
  expect(location).toContain(`/api/admin/runs/${res.body.runId}`);
  let run: any;
  for (let i = 0; i < 200; i++) {
    run = (await callApi(world, 'GET', `admin/runs/${res.body.runId}`, { token: await userToken(world, 'admin') })).body;
    if (run.state === 'succeeded' || run.state === 'failed') break;
    await new Promise((r) => setTimeout(r, 250));
  }
  expect(run).toMatchObject({ state: 'succeeded', counts: expect.objectContaining({ failed: 0, conflicts: 1 }) });
  expect(run.errors).toContainEqual({
    item: `Conflict: lastName of contact ${c.id}`,
    message: expect.stringMatching(/Dynamics had "Test", the CLM had "Other"; the CLM's \(the later change\) was kept/),
  });
  const list = await callApi(world, 'GET', 'admin/runs?kind=contacts', { token: await userToken(world, 'admin') });
  expect(list.body.runs[0].runId).toBe(res.body.runId);
});
