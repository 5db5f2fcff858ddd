/**
 * Change tracking as "Use change tracking to synchronize data with external systems" documents it,
 * through a real third-party client (DynamicsWebApi v2: `trackChanges`, and the deltaLink passed
 * back as the next link) and raw HTTP where the client hides the answer:
 * - the initial read pages and its deltaLink (on the last page) names where the read started, so a
 *   row changed while the pages were read comes again in the next delta;
 * - a delta lists changed rows, then `$deletedEntity` entries;
 * - a token older than Organization.ExpireChangeTrackingInDays (7 by default) is refused with
 *   ExpiredVersionStamp 0x80044352;
 * - a caller without organization-level read on the table gets the privilege error.
 */
import { DynamicsWebApi } from 'dynamics-web-api';
import { setUpDynamicsAsAdmin } from '../../../sandbox/admin-setup';
import { startDataverse, type DataverseSandbox } from '../../../sandbox/dataverse';
import { connectorAppToken, demoUserToken, startIdentity, type IdentitySandbox } from '../../../sandbox/identity';
import { demoUser } from '../../../sandbox/seed/identities';

let identity: IdentitySandbox;
let dv: DataverseSandbox;
let token: string;
let client: DynamicsWebApi;

beforeAll(async () => {
  identity = await startIdentity({ resources: [] });
  dv = await startDataverse({ issuer: identity.issuer, jwksUri: identity.jwksUri, maxPageSize: 5000 });
  identity.addResource(dv.url);
  await setUpDynamicsAsAdmin({ tokenEndpoint: identity.tokenEndpoint, dataverse: dv });
  token = (await connectorAppToken(identity.tokenEndpoint, dv.url)).accessToken;
  client = new DynamicsWebApi({ serverUrl: dv.url, dataApi: { version: '9.2' }, onTokenRefresh: async () => token });
});
afterAll(async () => {
  await dv?.close();
  await identity?.close();
});

const control = async (method: string, path: string, body?: unknown) => {
  const res = await fetch(`${dv.url}/_sandbox${path}`, {
    method,
    headers: { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

const raw = async (url: string, headers: Record<string, string> = {}) => {
  const res = await fetch(url, { headers: { Authorization: `Bearer ${token}`, Accept: 'application/json', ...headers } });
  return { status: res.status, body: (await res.json()) as any };
};

async function newContact(lastname: string): Promise<string> {
  return String(await client.create({ collection: 'contacts', data: { lastname, emailaddress1: `${lastname.toLowerCase()}@ct.example` } }));
}

test('DynamicsWebApi: trackChanges gives a deltaLink; following it gives changed rows then $deletedEntity', async () => {
  for (const name of ['Pager1', 'Pager2', 'Pager3']) await newContact(name);
  const first = await client.retrieveAll<Record<string, any>>({
    collection: 'contacts',
    select: ['lastname', 'emailaddress1'],
    trackChanges: true,
    maxPageSize: 2,
  });
  expect(first.value.length).toBeGreaterThan(2); // paged by 2, all pages read
  expect(first.oDataDeltaLink).toContain('$deltatoken=');

  const a = await newContact('Alpha');
  const b = await newContact('Beta');
  await client.update({ collection: 'contacts', key: a, data: { lastname: 'Alpha2' } });
  // The connector's app user may not delete contacts: a System Administrator does.
  const adminToken = await demoUserToken(identity.tokenEndpoint, 'admin', `${dv.url}/.default`);
  const removed = await fetch(`${dv.apiUrl}contacts(${b})`, { method: 'DELETE', headers: { Authorization: `Bearer ${adminToken}` } });
  expect(removed.status).toBe(204);

  const delta = await client.retrieveMultiple<Record<string, any>>({ collection: 'contacts' }, first.oDataDeltaLink);
  const changed = delta.value.filter((v) => !('reason' in v));
  const deleted = delta.value.filter((v) => v.reason === 'deleted');
  expect(changed).toEqual([expect.objectContaining({ contactid: a, lastname: 'Alpha2' })]);
  expect(deleted).toEqual([expect.objectContaining({ id: b, reason: 'deleted' })]);
  // The changed rows come before the deleted ones, as documented.
  expect(delta.value.indexOf(deleted[0])).toBeGreaterThan(delta.value.indexOf(changed[0]));
  expect(delta.oDataDeltaLink).toContain('$deltatoken=');

  const none = await client.retrieveMultiple({ collection: 'contacts' }, delta.oDataDeltaLink);
  expect(none.value).toEqual([]);
});

test('a row changed while the initial pages are read comes again in the next delta', async () => {
  const page1 = await raw(`${dv.apiUrl}contacts?$select=lastname`, { Prefer: 'odata.track-changes,odata.maxpagesize=1' });
  const firstRow = page1.body.value[0].contactid as string;
  await client.update({ collection: 'contacts', key: firstRow, data: { lastname: 'Changed mid-read' } });
  let next: string | undefined = page1.body['@odata.nextLink'];
  let deltaLink: string | undefined;
  while (next) {
    const page = await raw(next, { Prefer: 'odata.track-changes,odata.maxpagesize=1' });
    next = page.body['@odata.nextLink'];
    deltaLink = page.body['@odata.deltaLink'];
  }
  expect(deltaLink).toBeDefined();
  const delta = await raw(deltaLink!);
  expect(delta.body.value.map((v: { contactid: string }) => v.contactid)).toContain(firstRow);
});

test('a token older than 7 days answers ExpiredVersionStamp; a new initial read works again', async () => {
  const first = await client.retrieveAll({ collection: 'contacts', select: ['lastname'], trackChanges: true });
  expect((await control('GET', '/change-tracking')).body).toEqual({ offsetDays: 0, expireChangeTrackingInDays: 7 });
  // Six days old: still served.
  await control('POST', '/change-tracking/age', { days: 6 });
  expect((await raw(first.oDataDeltaLink!)).status).toBe(200);
  // Eight days old: expired, with Dataverse's code and words.
  await control('POST', '/change-tracking/age', { days: 2 });
  const expired = await raw(first.oDataDeltaLink!);
  expect(expired.status).toBe(400);
  expect(expired.body.error).toEqual({ code: '0x80044352', message: 'Version stamp associated with the client has expired. Please perform a full sync.' });
  // DynamicsWebApi surfaces the code, so a client can tell "expired" from other failures.
  await expect(client.retrieveMultiple({ collection: 'contacts' }, first.oDataDeltaLink)).rejects.toMatchObject({ status: 400, code: '0x80044352' });
  const fresh = await client.retrieveAll({ collection: 'contacts', select: ['lastname'], trackChanges: true });
  expect((await raw(fresh.oDataDeltaLink!)).status).toBe(200);
  expect((await control('POST', '/change-tracking/age', { days: -1 })).status).toBe(400);
});

test('without organization-level read on the table, change tracking is a privilege error (plain reads still work)', async () => {
  const restricted = demoUser('restricted').objectId; // Salesperson (own records): opportunity read at user depth
  const plain = await raw(`${dv.apiUrl}opportunities?$select=name`, { CallerObjectId: restricted });
  expect(plain.status).toBe(200);
  const tracked = await raw(`${dv.apiUrl}opportunities?$select=name`, { CallerObjectId: restricted, Prefer: 'odata.track-changes' });
  expect(tracked.status).toBe(403);
  expect(tracked.body.error.code).toBe('0x80040220');
  expect(tracked.body.error.message).toContain('organization level');
  const link = (await client.retrieveAll({ collection: 'opportunities', select: ['name'], trackChanges: true })).oDataDeltaLink!;
  expect((await raw(link, { CallerObjectId: restricted })).status).toBe(403);
});

test('only $select goes with track-changes', async () => {
  const res = await raw(`${dv.apiUrl}contacts?$select=lastname&$filter=statecode eq 0`, { Prefer: 'odata.track-changes' });
  expect(res.status).toBe(400);
});
