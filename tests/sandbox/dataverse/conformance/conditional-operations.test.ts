/**
 * Conformance with Microsoft's "Perform conditional operations using the Web API"
 * (powerapps-docs/developer/data-platform/webapi/perform-conditional-operations-using-web-api.md):
 * 304 for an unchanged row, but "If the query includes $expand it will never return 304 Not
 * Modified", nor "When the Prefer: odata.include-annotations header is included"; If-Match: * on a
 * missing row is 404 "... Does Not Exist"; a stale ETag is 412 with the article's message.
 */
import { startHarness, type Harness } from '../fixtures/harness';
import { makeAccountWithContacts } from './data';

let h: Harness;
let accountId: string;
beforeAll(async () => {
  h = await startHarness({ world: false });
  accountId = (await makeAccountWithContacts(h, 'Conditional sample', 1)).accountId;
});
afterAll(async () => h.close());

describe('perform-conditional-operations-using-web-api.md', () => {
  test('"Conditional retrievals": 304 when unchanged, never with $expand or annotations', async () => {
    const first = await h.api(`accounts(${accountId})?$select=name`);
    const etag = first.body['@odata.etag'] as string;
    expect((await h.api(`accounts(${accountId})?$select=name`, { headers: { 'If-None-Match': etag } })).status).toBe(304);
    expect((await h.api(`accounts(${accountId})?$select=name&$expand=primarycontactid($select=fullname)`, { headers: { 'If-None-Match': etag } })).status).toBe(
      200,
    );
    expect((await h.api(`accounts(${accountId})?$select=name`, { headers: { 'If-None-Match': etag }, annotations: true })).status).toBe(200);
  });

  test('"Prevent create in upsert": If-Match: * on a missing row is 404 "<table> With Id = <id> Does Not Exist"', async () => {
    const missing = '00000000-0000-0000-0000-000000000001';
    const r = await h.api(`accounts(${missing})`, { method: 'PATCH', body: { name: 'x' }, headers: { 'If-Match': '*' } });
    expect([r.status, r.body.error.message]).toEqual([404, `account With Id = ${missing} Does Not Exist`]);
  });

  test('"Apply optimistic concurrency": a stale ETag is 412 with the article\'s message, on update and on delete', async () => {
    const message = "The version of the existing record doesn't match the RowVersion property provided.";
    const upd = await h.api(`accounts(${accountId})`, { method: 'PATCH', body: { name: 'y' }, headers: { 'If-Match': 'W/"470867"' } });
    expect([upd.status, upd.body.error.message]).toEqual([412, message]);
    const del = await h.api(`accounts(${accountId})`, { method: 'DELETE', headers: { 'If-Match': 'W/"470867"' } });
    expect([del.status, del.body.error.message]).toEqual([412, message]);
  });
});
