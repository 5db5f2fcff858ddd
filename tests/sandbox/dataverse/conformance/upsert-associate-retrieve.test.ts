/**
 * Conformance with Microsoft's "Use Upsert to Create or Update a record"
 * (powerapps-docs/developer/data-platform/use-upsert-insert-update-record.md): the article's four
 * requests replayed on an alternate key, `OData-EntityId` in key form, key values in the body dropped
 * on update and kept on create; "Associate and disassociate tables using the Web API"
 * (webapi/associate-disassociate-entities-using-web-api.md), Disassociate tables on update; and
 * "Retrieve a table row using the Web API" (webapi/retrieve-entity-using-web-api.md): "If you
 * request a money value, the _transactioncurrencyid_value lookup property is returned".
 */
import { startHarness, type Harness } from '../fixtures/harness';
import { admin, create } from './data';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ world: false });
});
afterAll(async () => h.close());

const byKey = (value: string) => `dtclm_templates(dtclm_clmtemplateid='${value}')`;
const row = async (value: string) =>
  (await h.api(`dtclm_templates?$select=dtclm_name,dtclm_clmtemplateid&$filter=${encodeURIComponent(`dtclm_clmtemplateid eq '${value}'`)}`)).body.value;

describe('use-upsert-insert-update-record.md', () => {
  test('"Create with upsert" then "Update with upsert": 204 both times, OData-EntityId names the row by its key', async () => {
    const created = await h.api(byKey('upsert-2-2'), {
      method: 'PATCH',
      headers: { 'If-None-Match': 'null' },
      body: { dtclm_name: '2:2', dtclm_clmversion: 1 },
    });
    expect(created.status).toBe(204);
    expect(created.headers.get('odata-entityid')).toBe(`${h.dv.apiUrl}${byKey('upsert-2-2')}`);
    const updated = await h.api(byKey('upsert-2-2'), { method: 'PATCH', headers: { 'If-None-Match': 'null' }, body: { dtclm_name: '2:2 Updated' } });
    expect(updated.status).toBe(204);
    expect(updated.headers.get('odata-entityid')).toBe(`${h.dv.apiUrl}${byKey('upsert-2-2')}`);
    expect((await row('upsert-2-2')).map((r: { dtclm_name: string }) => r.dtclm_name)).toEqual(['2:2 Updated']);
  });

  test('with return=representation and $select of the id: 201 Created, then 200 OK', async () => {
    const init = { method: 'PATCH', headers: { Prefer: 'return=representation' } };
    const created = await h.api(`${byKey('upsert-3-3')}?$select=dtclm_templateid`, { ...init, body: { dtclm_name: '3:3', dtclm_clmversion: 1 } });
    expect(created.status).toBe(201);
    expect(created.headers.get('preference-applied')).toBe('return=representation');
    expect(Object.keys(created.body).sort()).toEqual(['@odata.context', '@odata.etag', 'dtclm_templateid']);
    const updated = await h.api(`${byKey('upsert-3-3')}?$select=dtclm_templateid`, { ...init, body: { dtclm_name: '3:3 Updated' } });
    expect(updated.status).toBe(200);
    expect(updated.body.dtclm_templateid).toBe(created.body.dtclm_templateid);
  });

  test('"If the record exists: The server removes the data set in the body of the request for those alternate key values in the URL"', async () => {
    await h.api(byKey('upsert-keep'), { method: 'PATCH', body: { dtclm_name: 'Keep', dtclm_clmversion: 1 } });
    const r = await h.api(byKey('upsert-keep'), { method: 'PATCH', body: { dtclm_clmtemplateid: 'upsert-moved', dtclm_name: 'Kept key' } });
    expect(r.status).toBe(204);
    expect(await row('upsert-keep')).toEqual([expect.objectContaining({ dtclm_name: 'Kept key', dtclm_clmtemplateid: 'upsert-keep' })]);
    expect(await row('upsert-moved')).toEqual([]);
  });

  test('"If the record doesn\'t exist: The server uses any alternate key values set in the body ... even if the data is different"', async () => {
    const r = await h.api(byKey('upsert-url'), { method: 'PATCH', body: { dtclm_clmtemplateid: 'upsert-body', dtclm_name: 'Body key', dtclm_clmversion: 1 } });
    expect(r.status).toBe(204);
    expect(await row('upsert-body')).toEqual([expect.objectContaining({ dtclm_name: 'Body key' })]);
    expect(await row('upsert-url')).toEqual([]);
  });

  test('a PATCH by primary key keeps the GUID form of OData-EntityId', async () => {
    const [made] = await row('upsert-2-2');
    const r = await h.api(`dtclm_templates(${made.dtclm_templateid})`, { method: 'PATCH', body: { dtclm_name: 'By id' } });
    expect(r.headers.get('odata-entityid')).toBe(`${h.dv.apiUrl}dtclm_templates(${made.dtclm_templateid})`);
  });
});

describe('associate-disassociate-entities-using-web-api.md, Disassociate tables on update', () => {
  async function linkedAccount(): Promise<string> {
    const parent = await create(h, 'accounts', { name: 'Parent' });
    const contact = await create(h, 'contacts', { lastname: 'Primary' });
    return create(h, 'accounts', {
      name: 'Child',
      'parentaccountid@odata.bind': `/accounts(${parent})`,
      'primarycontactid@odata.bind': `/contacts(${contact})`,
    });
  }
  const lookups = async (id: string) => (await h.api(`accounts(${id})?$select=_parentaccountid_value,_primarycontactid_value`, { token: await admin(h) })).body;

  // The article's requests carry no Content-Type; "Compose HTTP requests" requires it with a JSON body, so it is sent.
  test('"just use the name of the single-valued navigation property": { "parentaccountid": null, "primarycontactid": null }', async () => {
    const id = await linkedAccount();
    expect((await lookups(id))._parentaccountid_value).not.toBeNull();
    const r = await h.api(`accounts(${id})`, { method: 'PATCH', token: await admin(h), body: { parentaccountid: null, primarycontactid: null } });
    expect(r.status).toBe(204);
    expect(await lookups(id)).toMatchObject({ _parentaccountid_value: null, _primarycontactid_value: null });
  });

  test('"set the value to null using the @odata.bind annotation"', async () => {
    const id = await linkedAccount();
    const r = await h.api(`accounts(${id})`, {
      method: 'PATCH',
      token: await admin(h),
      body: { 'parentaccountid@odata.bind': null, 'primarycontactid@odata.bind': null },
    });
    expect(r.status).toBe(204);
    expect(await lookups(id)).toMatchObject({ _parentaccountid_value: null, _primarycontactid_value: null });
  });

  test("the article's $ref requests: PUT opportunities(id)/customerid_account/$ref, then DELETE it, 204 each", async () => {
    const account = await create(h, 'accounts', { name: 'Ref account' });
    const other = await create(h, 'accounts', { name: 'Ref other' });
    const opportunity = await create(h, 'opportunities', { name: 'Ref deal', 'customerid_account@odata.bind': `/accounts(${other})` });
    const customer = async () => (await h.api(`opportunities(${opportunity})?$select=_customerid_value`, { token: await admin(h) })).body._customerid_value;
    const put = await h.api(`opportunities(${opportunity})/customerid_account/$ref`, {
      method: 'PUT',
      token: await admin(h),
      body: { '@odata.id': `accounts(${account})` },
    });
    expect(put.status).toBe(204);
    expect(await customer()).toBe(account);
    const del = await h.api(`opportunities(${opportunity})/customerid_account/$ref`, { method: 'DELETE', token: await admin(h) });
    expect(del.status).toBe(204);
    expect(await customer()).toBeNull();
  });

  test('a single-valued navigation property set to anything but null this way is still refused (400)', async () => {
    const id = await linkedAccount();
    const r = await h.api(`accounts(${id})`, { method: 'PATCH', token: await admin(h), body: { parentaccountid: id } });
    expect(r.status).toBe(400);
  });
});

describe('retrieve-entity-using-web-api.md, Retrieve specific properties', () => {
  test("the article's `accounts(id)?$select=name,revenue` answers name, revenue, accountid and _transactioncurrencyid_value", async () => {
    const currency = (await h.api('transactioncurrencies?$select=currencyname&$top=1')).body.value[0].transactioncurrencyid;
    const id = await create(h, 'accounts', {
      name: 'A. Datum Corporation (sample)',
      revenue: 10000,
      'transactioncurrencyid@odata.bind': `/transactioncurrencies(${currency})`,
    });
    const r = await h.api(`accounts(${id})?$select=name,revenue`);
    expect(r.status).toBe(200);
    expect(r.body['@odata.context']).toBe(`${h.dv.apiUrl}$metadata#accounts(name,revenue)/$entity`);
    expect(Object.keys(r.body).sort()).toEqual(['@odata.context', '@odata.etag', '_transactioncurrencyid_value', 'accountid', 'name', 'revenue']);
    expect(r.body).toMatchObject({ name: 'A. Datum Corporation (sample)', revenue: 10000, accountid: id, _transactioncurrencyid_value: currency });
    // In a collection too, and only when a money column is asked for.
    const list = await h.api(`accounts?$select=revenue&$filter=${encodeURIComponent(`accountid eq ${id}`)}`);
    expect(list.body.value[0]._transactioncurrencyid_value).toBe(currency);
    expect((await h.api(`accounts(${id})?$select=name`)).body._transactioncurrencyid_value).toBeUndefined();
  });
});
