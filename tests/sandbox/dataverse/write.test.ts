/**
 * Writes as learn.microsoft.com documents them: create (POST, @odata.bind, OData-EntityId,
 * return=representation), update and upsert (PATCH with If-Match / If-None-Match), optimistic
 * concurrency (412), delete with cascades, system columns, validation errors, and $batch.
 */
import { startHarness, type Harness } from './fixtures/harness';
import { ids } from './fixtures/world';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h.close());

const idFrom = (entityId: string | null) => /\(([0-9a-f-]{36})\)$/.exec(entityId ?? '')?.[1];

describe('create', () => {
  test('POST answers 204 with OData-EntityId, and binds lookups with @odata.bind', async () => {
    const r = await h.api('dtclm_contracts', {
      method: 'POST',
      body: {
        dtclm_name: 'NDA - 4G',
        dtclm_clmcontractid: 'clm-1',
        dtclm_status: 718900000,
        'dtclm_OpportunityId@odata.bind': `/opportunities(${ids.rollout})`,
        'dtclm_TemplateId@odata.bind': "dtclm_templates(dtclm_clmtemplateid='tpl-nda')",
      },
    });
    expect(r.status).toBe(204);
    const id = idFrom(r.headers.get('odata-entityid'));
    expect(r.headers.get('odata-entityid')).toBe(`${h.dv.apiUrl}dtclm_contracts(${id})`);
    const row = await h.api(`dtclm_contracts(${id})?$select=_dtclm_opportunityid_value,_dtclm_templateid_value,statecode,statuscode,createdon`, {
      annotations: true,
    });
    expect(row.body._dtclm_opportunityid_value).toBe(ids.rollout);
    expect(row.body._dtclm_templateid_value).toBe(ids.template);
    expect(row.body['_dtclm_opportunityid_value@Microsoft.Dynamics.CRM.associatednavigationproperty']).toBe('dtclm_OpportunityId');
    expect(row.body.statecode).toBe(0);
    expect(row.body.statuscode).toBe(1);
    expect(row.body.createdon).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
  });

  test('Prefer return=representation answers 201 with the row', async () => {
    const r = await h.api('accounts?$select=name,accountnumber', {
      method: 'POST',
      headers: { Prefer: 'return=representation' },
      body: { name: 'Northwind', accountnumber: 'N-1' },
    });
    expect(r.status).toBe(201);
    expect(r.headers.get('preference-applied')).toContain('return=representation');
    expect(r.body.name).toBe('Northwind');
    expect(r.body['@odata.etag']).toMatch(/^W\/"\d+"$/);
    expect(r.body['@odata.context']).toBe(`${h.dv.apiUrl}$metadata#accounts(name,accountnumber)/$entity`);
  });

  test('money columns get their _base value', async () => {
    const r = await h.api('opportunities?$select=estimatedvalue,estimatedvalue_base', {
      method: 'POST',
      headers: { Prefer: 'return=representation' },
      body: { name: 'Money', estimatedvalue: 99.5 },
    });
    expect(r.body.estimatedvalue_base).toBe(99.5);
  });

  test.each([
    [{ name: 'x', nosuch: 1 }, 400, '0x80060888'],
    [{ name: 'x', 'nosuchnav@odata.bind': `/accounts(${ids.contoso})` }, 400, '0x80060888'],
    [{ name: 'x', _parentaccountid_value: ids.contoso }, 400, '0x80060888'],
    [{ name: 'x', 'parentaccountid@odata.bind': '/accounts(00000000-0000-4000-8000-0000000000ff)' }, 404, '0x80040217'],
    [{ name: 'x', closeprobability: 'high' }, 400, '0x80040203'],
    [{ name: 'x'.repeat(201) }, 400, '0x80044331'],
  ])('invalid body %j -> %i %s', async (body, status, code) => {
    const r = await h.api('opportunities', { method: 'POST', body });
    expect(r.status).toBe(status);
    expect(r.body.error.code).toBe(code);
  });

  test('a picklist value outside its options is refused', async () => {
    const r = await h.api('dtclm_contracts', { method: 'POST', body: { dtclm_name: 'x', dtclm_status: 5 } });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('0x8004431a');
  });

  test('a duplicate alternate key is 412 0x80040237', async () => {
    await h.api('dtclm_contracts', { method: 'POST', body: { dtclm_name: 'a', dtclm_clmcontractid: 'dup-1' } });
    const r = await h.api('dtclm_contracts', { method: 'POST', body: { dtclm_name: 'b', dtclm_clmcontractid: 'dup-1' } });
    expect(r.status).toBe(412);
    expect(r.body.error.code).toBe('0x80040237');
  });
});

describe('update, upsert and concurrency', () => {
  test('PATCH updates, bumps the version and answers 204', async () => {
    const before = await h.api(`accounts(${ids.contoso})?$select=name`);
    const r = await h.api(`accounts(${ids.contoso})`, { method: 'PATCH', body: { telephone1: undefined, name: 'Contoso Ltd' } });
    expect(r.status).toBe(204);
    const after = await h.api(`accounts(${ids.contoso})?$select=name`);
    expect(after.body['@odata.etag']).not.toBe(before.body['@odata.etag']);
  });

  test('If-Match with a stale ETag is 412 0x80060882; with the current one it succeeds', async () => {
    const current = await h.api(`accounts(${ids.fabrikam})?$select=name`);
    const etag = current.body['@odata.etag'];
    const ok = await h.api(`accounts(${ids.fabrikam})`, { method: 'PATCH', headers: { 'If-Match': etag }, body: { name: 'Fabrikam 2' } });
    expect(ok.status).toBe(204);
    const stale = await h.api(`accounts(${ids.fabrikam})`, { method: 'PATCH', headers: { 'If-Match': etag }, body: { name: 'Fabrikam 3' } });
    expect(stale.status).toBe(412);
    expect(stale.body.error.code).toBe('0x80060882');
    const del = await h.api(`accounts(${ids.fabrikam})`, { method: 'DELETE', headers: { 'If-Match': etag } });
    expect(del.status).toBe(412);
  });

  test('If-None-Match with the current ETag on GET is 304', async () => {
    const current = await h.api(`dtclm_templates(${ids.template})`);
    const r = await h.api(`dtclm_templates(${ids.template})`, { headers: { 'If-None-Match': current.body['@odata.etag'] } });
    expect(r.status).toBe(304);
  });

  test('upsert by alternate key creates, then updates the same row', async () => {
    const key = "dtclm_templates(dtclm_clmtemplateid='tpl-new')";
    const created = await h.api(key, { method: 'PATCH', body: { dtclm_name: 'New', dtclm_clmversion: 1 } });
    expect(created.status).toBe(204);
    expect(created.headers.get('odata-entityid')).toBe(`${h.dv.apiUrl}${key}`);
    const id = (await h.api(`${key}?$select=dtclm_name`)).body.dtclm_templateid;
    const updated = await h.api(`${key}?$select=dtclm_name,dtclm_clmtemplateid`, {
      method: 'PATCH',
      headers: { Prefer: 'return=representation' },
      body: { dtclm_name: 'Renamed' },
    });
    expect(updated.status).toBe(200);
    expect(updated.body.dtclm_templateid).toBe(id);
    expect(updated.body.dtclm_clmtemplateid).toBe('tpl-new');
    expect(updated.body.dtclm_name).toBe('Renamed');
  });

  test('If-Match: * makes PATCH update-only (404 when absent); If-None-Match: * create-only (412 when present)', async () => {
    const absent = await h.api("dtclm_templates(dtclm_clmtemplateid='nope')", { method: 'PATCH', headers: { 'If-Match': '*' }, body: { dtclm_name: 'x' } });
    expect(absent.status).toBe(404);
    expect(absent.body.error.code).toBe('0x80040217');
    const present = await h.api("dtclm_templates(dtclm_clmtemplateid='tpl-nda')", {
      method: 'PATCH',
      headers: { 'If-None-Match': '*' },
      body: { dtclm_name: 'x' },
    });
    expect(present.status).toBe(412);
    expect(present.body.error.code).toBe('0x80040237');
  });

  test('upsert by primary key creates a row with that id', async () => {
    const id = '12345678-1234-4234-8234-123456789abc';
    const r = await h.api(`accounts(${id})`, { method: 'PATCH', body: { name: 'By id' } });
    expect(r.status).toBe(204);
    expect((await h.api(`accounts(${id})?$select=name`)).body.name).toBe('By id');
  });

  test("statecode alone moves statuscode to that state's default; a mismatched pair is refused", async () => {
    const created = await h.api('opportunities', { method: 'POST', body: { name: 'State' } });
    const id = idFrom(created.headers.get('odata-entityid'));
    await h.api(`opportunities(${id})`, { method: 'PATCH', body: { statecode: 1 } });
    expect((await h.api(`opportunities(${id})?$select=statuscode`)).body.statuscode).toBe(2);
    const bad = await h.api(`opportunities(${id})`, { method: 'PATCH', body: { statecode: 0, statuscode: 2 } });
    expect(bad.status).toBe(400);
  });
});

describe('related rows', () => {
  test('POST to a collection-valued navigation property creates a linked row', async () => {
    const r = await h.api(`quotes(${ids.quote})/quote_details`, { method: 'POST', body: { productdescription: 'Via nav', lineitemnumber: 99 } });
    expect(r.status).toBe(204);
    const id = idFrom(r.headers.get('odata-entityid'));
    expect((await h.api(`quotedetails(${id})?$select=_quoteid_value`)).body._quoteid_value).toBe(ids.quote);
  });

  test('deep insert creates the row with its related rows in one POST, or nothing', async () => {
    const r = await h.api('quotes?$select=name&$expand=customerid_account($select=name),quote_details($select=productdescription)', {
      method: 'POST',
      headers: { Prefer: 'return=representation' },
      body: { name: 'Deep', customerid_account: { name: 'Deep customer' }, quote_details: [{ productdescription: 'D1' }, { productdescription: 'D2' }] },
    });
    expect(r.status).toBe(201);
    expect(r.body.customerid_account.name).toBe('Deep customer');
    expect(r.body.quote_details.map((d: { productdescription: string }) => d.productdescription).sort()).toEqual(['D1', 'D2']);
    const bad = await h.api('quotes', { method: 'POST', body: { name: 'Deep bad', quote_details: [{ productdescription: 'ok' }, { nosuch: 1 }] } });
    expect(bad.status).toBe(400);
    const left = await h.api(`quotes?$select=name&$filter=${encodeURIComponent("name eq 'Deep bad'")}`);
    expect(left.body.value).toEqual([]);
  });

  test('$ref associates and disassociates', async () => {
    const created = await h.api('contacts', { method: 'POST', body: { firstname: 'Bob', lastname: 'Ref' } });
    const contactId = idFrom(created.headers.get('odata-entityid'));
    const put = await h.api(`accounts(${ids.fabrikam})/primarycontactid/$ref`, {
      method: 'PUT',
      body: { '@odata.id': `${h.dv.apiUrl}contacts(${contactId})` },
    });
    expect(put.status).toBe(204);
    expect((await h.api(`accounts(${ids.fabrikam})?$select=_primarycontactid_value`)).body._primarycontactid_value).toBe(contactId);
    const post = await h.api(`accounts(${ids.fabrikam})/contact_customer_accounts/$ref`, {
      method: 'POST',
      body: { '@odata.id': `${h.dv.apiUrl}contacts(${contactId})` },
    });
    expect(post.status).toBe(204);
    const related = await h.api(`accounts(${ids.fabrikam})/contact_customer_accounts?$select=fullname`);
    expect(related.body.value.map((c: { fullname: string }) => c.fullname)).toEqual(['Bob Ref']);
    const del = await h.api(`accounts(${ids.fabrikam})/contact_customer_accounts(${contactId})/$ref`, { method: 'DELETE' });
    expect(del.status).toBe(204);
    expect((await h.api(`accounts(${ids.fabrikam})/contact_customer_accounts?$select=fullname`)).body.value).toEqual([]);
  });

  test('an alternate key that matches nothing is 404 worded as Dataverse words it', async () => {
    const r = await h.api("dtclm_templates(dtclm_clmtemplateid='nothing')");
    expect(r.status).toBe(404);
    expect(r.body.error.message).toBe('A record with the specified key values does not exist in dtclm_template entity');
  });
});

describe('delete', () => {
  test('DELETE answers 204; parental relationships cascade', async () => {
    const quote = await h.api('quotes', { method: 'POST', body: { name: 'Q-del' } });
    const quoteId = idFrom(quote.headers.get('odata-entityid'));
    const line = await h.api('quotedetails', { method: 'POST', body: { productdescription: 'L', 'quoteid@odata.bind': `/quotes(${quoteId})` } });
    const lineId = idFrom(line.headers.get('odata-entityid'));
    expect((await h.api(`quotes(${quoteId})`, { method: 'DELETE' })).status).toBe(204);
    expect((await h.api(`quotes(${quoteId})`)).status).toBe(404);
    expect((await h.api(`quotedetails(${lineId})`)).status).toBe(404);
  });
});

describe('$batch', () => {
  const boundary = 'batch_test';
  const part = (lines: string[]) => lines.join('\r\n');

  test('a GET and a change set with a $1 reference; the answer uses batchresponse_/changesetresponse_', async () => {
    const body = part([
      `--${boundary}`,
      'Content-Type: application/http',
      'Content-Transfer-Encoding: binary',
      '',
      `GET ${h.dv.apiUrl}dtclm_templates(${ids.template})?$select=dtclm_name HTTP/1.1`,
      'Accept: application/json',
      '',
      `--${boundary}`,
      'Content-Type: multipart/mixed;boundary=changeset_1',
      '',
      '--changeset_1',
      'Content-Type: application/http',
      'Content-Transfer-Encoding: binary',
      'Content-ID: 1',
      '',
      'POST /api/data/v9.2/accounts HTTP/1.1',
      'Content-Type: application/json',
      '',
      '{"name":"Batch parent"}',
      '--changeset_1',
      'Content-Type: application/http',
      'Content-Transfer-Encoding: binary',
      'Content-ID: 2',
      '',
      'POST accounts HTTP/1.1',
      'Content-Type: application/json',
      '',
      '{"name":"Batch child","parentaccountid@odata.bind":"$1"}',
      '--changeset_1--',
      `--${boundary}--`,
      '',
    ]);
    const r = await h.api('$batch', { method: 'POST', headers: { 'Content-Type': `multipart/mixed;boundary=${boundary}` }, body: Buffer.from(body) });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^multipart\/mixed; boundary=batchresponse_/);
    expect(r.text).toContain('--changesetresponse_');
    expect(r.text).toMatch(/HTTP\/1\.1 200 OK[\s\S]*"dtclm_name":"NDA"/);
    expect(r.text.match(/HTTP\/1\.1 204 No Content/g)).toHaveLength(2);
    const child = await h.api(`accounts?$select=name&$filter=${encodeURIComponent("name eq 'Batch child'")}&$expand=parentaccountid($select=name)`);
    expect(child.body.value[0].parentaccountid.name).toBe('Batch parent');
  });

  test('a change set that fails is rolled back whole, and the batch stops with 400', async () => {
    const body = part([
      `--${boundary}`,
      'Content-Type: multipart/mixed;boundary=changeset_2',
      '',
      '--changeset_2',
      'Content-Type: application/http',
      'Content-Transfer-Encoding: binary',
      'Content-ID: 1',
      '',
      'POST accounts HTTP/1.1',
      'Content-Type: application/json',
      '',
      '{"name":"Rolled back"}',
      '--changeset_2',
      'Content-Type: application/http',
      'Content-Transfer-Encoding: binary',
      'Content-ID: 2',
      '',
      'POST accounts HTTP/1.1',
      'Content-Type: application/json',
      '',
      '{"name":"Bad","nosuch":1}',
      '--changeset_2--',
      `--${boundary}`,
      'Content-Type: application/http',
      'Content-Transfer-Encoding: binary',
      '',
      'GET WhoAmI HTTP/1.1',
      '',
      `--${boundary}--`,
      '',
    ]);
    const r = await h.api('$batch', { method: 'POST', headers: { 'Content-Type': `multipart/mixed;boundary=${boundary}` }, body: Buffer.from(body) });
    expect(r.status).toBe(400);
    expect(r.text).toContain('HTTP/1.1 400 Bad Request');
    expect(r.text).toContain('0x80060888');
    expect(r.text).not.toContain('WhoAmIResponse'); // stopped at the failure
    const rolled = await h.api(`accounts?$select=name&$filter=${encodeURIComponent("name eq 'Rolled back'")}`);
    expect(rolled.body.value).toEqual([]);
  });

  test('Prefer odata.continue-on-error runs every request and answers 200; $1/navigation creates under the new row', async () => {
    const body = part([
      `--${boundary}`,
      'Content-Type: multipart/mixed;boundary=changeset_3',
      '',
      '--changeset_3',
      'Content-Type: application/http',
      'Content-Transfer-Encoding: binary',
      'Content-ID: 1',
      '',
      'POST quotes HTTP/1.1',
      'Content-Type: application/json',
      '',
      '{"name":"Q-batch"}',
      '--changeset_3',
      'Content-Type: application/http',
      'Content-Transfer-Encoding: binary',
      'Content-ID: 2',
      '',
      'POST $1/quote_details HTTP/1.1',
      'Content-Type: application/json',
      '',
      '{"productdescription":"Under Q-batch"}',
      '--changeset_3--',
      `--${boundary}`,
      'Content-Type: application/http',
      'Content-Transfer-Encoding: binary',
      '',
      'GET nosuchset HTTP/1.1',
      '',
      `--${boundary}`,
      'Content-Type: application/http',
      'Content-Transfer-Encoding: binary',
      '',
      'GET WhoAmI HTTP/1.1',
      '',
      `--${boundary}--`,
      '',
    ]);
    const r = await h.api('$batch', {
      method: 'POST',
      headers: { 'Content-Type': `multipart/mixed;boundary=${boundary}`, Prefer: 'odata.continue-on-error' },
      body: Buffer.from(body),
    });
    expect(r.status).toBe(200);
    expect(r.headers.get('preference-applied')).toBe('odata.continue-on-error');
    expect(r.text).toContain('HTTP/1.1 404 Not Found');
    expect(r.text).toContain('WhoAmIResponse');
    const quote = await h.api(`quotes?$select=name&$filter=${encodeURIComponent("name eq 'Q-batch'")}&$expand=quote_details($select=productdescription)`);
    expect(quote.body.value[0].quote_details.map((d: { productdescription: string }) => d.productdescription)).toEqual(['Under Q-batch']);
  });

  test('more than 1000 requests is refused', async () => {
    const parts: string[] = [];
    for (let i = 0; i < 1001; i++)
      parts.push(`--${boundary}`, 'Content-Type: application/http', 'Content-Transfer-Encoding: binary', '', 'GET WhoAmI HTTP/1.1', '');
    parts.push(`--${boundary}--`, '');
    const r = await h.api('$batch', { method: 'POST', headers: { 'Content-Type': `multipart/mixed;boundary=${boundary}` }, body: Buffer.from(part(parts)) });
    expect(r.status).toBe(400);
  });
});
