/**
 * A real third-party client, DynamicsWebApi v2, pointed at the emulator: where the two disagree,
 * the emulator is wrong. Create, retrieve with nested expand, retrieveAll paging, upsert by
 * alternate key, batch (and a change set that rolls back), 412 on a stale ETag, an injected 429
 * with its Retry-After, file upload and download.
 */
import { DynamicsWebApi } from 'dynamics-web-api';
import { demoUser } from '../../../sandbox/seed/identities';
import { startHarness, type Harness } from './fixtures/harness';
import { ids } from './fixtures/world';

let h: Harness;
let client: DynamicsWebApi;
beforeAll(async () => {
  h = await startHarness({ maxPageSize: 5000 });
  client = new DynamicsWebApi({ serverUrl: h.dv.url, dataApi: { version: '9.2' }, onTokenRefresh: async () => h.appToken });
});
afterAll(async () => h.close());

interface ClientError {
  status: number;
  code?: string;
  message: string;
  headers: Record<string, string>;
}

test('create returns the new id; retrieve with nested expand and annotations', async () => {
  const id = String(
    await client.create({
      collection: 'dtclm_contracts',
      data: { dtclm_name: 'From DWA', dtclm_clmcontractid: 'dwa-1', 'dtclm_OpportunityId@odata.bind': `opportunities(${ids.rollout})` },
    }),
  );
  expect(id).toMatch(/^[0-9a-f-]{36}$/);

  const contract = await client.retrieve<Record<string, any>>({
    collection: 'dtclm_contracts',
    key: id,
    select: ['dtclm_name', '_dtclm_opportunityid_value'],
    expand: [
      {
        property: 'dtclm_OpportunityId',
        select: ['name'],
        expand: [{ property: 'parentaccountid', select: ['name'], expand: [{ property: 'primarycontactid', select: ['fullname'] }] }],
      },
    ],
    includeAnnotations: 'OData.Community.Display.V1.FormattedValue',
  } as Parameters<typeof client.retrieve>[0]);
  expect(contract.dtclm_name).toBe('From DWA');
  expect(contract._dtclm_opportunityid_value_Formatted).toBe('4G Enterprise Rollout');
  expect(contract.dtclm_OpportunityId.parentaccountid.primarycontactid.fullname).toBe('Alice Martin');
});

test('create with returnRepresentation gives the row', async () => {
  const row = await client.create<Record<string, any>>({ collection: 'accounts', data: { name: 'DWA account' }, returnRepresentation: true, select: ['name'] });
  expect(row.name).toBe('DWA account');
  expect(row.accountid).toMatch(/^[0-9a-f-]{36}$/);
});

test('retrieveAll follows @odata.nextLink across pages', async () => {
  for (let i = 0; i < 7; i++)
    await client.create({ collection: 'quotedetails', data: { productdescription: `Extra ${i}`, 'quoteid@odata.bind': `quotes(${ids.quote})` } });
  const all = await client.retrieveAll<Record<string, any>>({ collection: 'quotedetails', select: ['productdescription'], maxPageSize: 3 });
  expect(all.value).toHaveLength(12);
  expect(new Set(all.value.map((r) => r.quotedetailid)).size).toBe(12);
});

test('retrieveMultiple with filter, orderBy, count and impersonation by object id', async () => {
  const asRestricted = await client.retrieveMultiple<Record<string, any>>({
    collection: 'opportunities',
    select: ['name'],
    impersonateAAD: demoUser('restricted').objectId,
  });
  expect(asRestricted.value.map((o) => o.name)).not.toContain('4G Enterprise Rollout');
  const filtered = await client.retrieveMultiple<Record<string, any>>({
    collection: 'opportunities',
    select: ['name'],
    filter: "contains(name,'deal')",
    orderBy: ['name desc'],
    count: true,
  });
  expect(filtered.value.map((o) => o.name)).toEqual(['Small deal', 'Other unit deal']);
  expect(filtered.oDataCount).toBe(2);
});

test('count: /$count read as a plain number, or $count=true with a filter (Count rows using OData)', async () => {
  const all = await client.retrieveAll<Record<string, any>>({ collection: 'opportunities', select: ['name'] });
  expect(await client.count({ collection: 'opportunities' })).toBe(all.value.length);
  expect(await client.count({ collection: 'opportunities', filter: "contains(name,'deal')" })).toBe(2);
});

test('upsert by alternate key creates then updates; ifnonematch "*" refuses a second create', async () => {
  const key = "dtclm_clmtemplateid='dwa-tpl'";
  // Dataverse names an upserted row by its key in OData-EntityId ("Use Upsert to Create or Update a
  // record"), where DynamicsWebApi finds no GUID to return.
  const id = await client.upsert({ collection: 'dtclm_templates', key, data: { dtclm_name: 'DWA template' } });
  expect(id).toBeUndefined();
  const first = await client.retrieve<Record<string, any>>({ collection: 'dtclm_templates', key, select: ['dtclm_name'] });
  await client.upsert({ collection: 'dtclm_templates', key, data: { dtclm_name: 'DWA template v2' } });
  const row = await client.retrieve<Record<string, any>>({ collection: 'dtclm_templates', key, select: ['dtclm_name'] });
  expect(row.dtclm_name).toBe('DWA template v2');
  expect(row.dtclm_templateid).toBe(first.dtclm_templateid);
  // DynamicsWebApi turns the 412 of If-None-Match into "nothing done" (null).
  const again = await client.upsert({ collection: 'dtclm_templates', key, data: { dtclm_name: 'x' }, ifnonematch: '*' });
  expect(again).toBeNull();
});

test('update with a stale ETag fails with 412', async () => {
  const row = await client.retrieve<Record<string, any>>({ collection: 'accounts', key: ids.contoso, select: ['name'] });
  const etag = row['@odata.etag'];
  await client.update({ collection: 'accounts', key: ids.contoso, data: { name: 'Contoso Ltd' }, ifmatch: etag });
  // DynamicsWebApi answers a 412 on If-Match as "not updated" (false); the raw status is 412.
  const result = await client.update({ collection: 'accounts', key: ids.contoso, data: { name: 'Late' }, ifmatch: etag });
  expect(result).toBe(false);
  const raw = await h.api(`accounts(${ids.contoso})`, { method: 'PATCH', headers: { 'If-Match': etag }, body: { name: 'Late' } });
  expect(raw.status).toBe(412);
  await expect(client.deleteRecord({ collection: 'accounts', key: ids.contoso, ifmatch: etag })).resolves.toBe(false);
});

test('executeBatch: reads and a change set with a contentId reference', async () => {
  client.startBatch();
  void client.retrieveMultiple({ collection: 'dtclm_templates', select: ['dtclm_name'], filter: "dtclm_clmtemplateid eq 'tpl-nda'" });
  void client.create({ collection: 'accounts', data: { name: 'Batch parent (DWA)' }, contentId: '1' });
  void client.create({ collection: 'accounts', data: { name: 'Batch child (DWA)', 'parentaccountid@odata.bind': '$1' } });
  const results = (await client.executeBatch()) as unknown[];
  expect(results).toHaveLength(3);
  const [read, parentId, childId] = results as [{ value: { dtclm_name: string }[] }, string, string];
  expect(read.value[0].dtclm_name).toBe('NDA');
  expect(parentId).toMatch(/^[0-9a-f-]{36}$/);
  const child = await client.retrieve<Record<string, any>>({ collection: 'accounts', key: childId, select: ['_parentaccountid_value'] });
  expect(child._parentaccountid_value).toBe(parentId);
});

test('executeBatch: a failing change set rolls back and the client sees the error', async () => {
  client.startBatch();
  void client.create({ collection: 'accounts', data: { name: 'Never kept (DWA)' } });
  void client.create({ collection: 'accounts', data: { name: 'Bad', nosuchcolumn: 1 } });
  let caught: unknown;
  try {
    await client.executeBatch();
  } catch (e) {
    caught = e;
  }
  const errors = (Array.isArray(caught) ? caught : [caught]) as ClientError[];
  expect(errors.some((e) => e.status === 400)).toBe(true);
  const kept = await client.retrieveMultiple({ collection: 'accounts', select: ['name'], filter: "name eq 'Never kept (DWA)'" });
  expect(kept.value).toEqual([]);
});

test('an injected 429 reaches the client with status 429 and the Retry-After Dataverse sends', async () => {
  await fetch(`${h.dv.url}/_sandbox/faults`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ status: 429, count: 1, retryAfter: 3 }),
  });
  let caught: ClientError | undefined;
  try {
    await client.retrieve({ collection: 'accounts', key: ids.contoso, select: ['name'] });
  } catch (e) {
    caught = e as ClientError;
  }
  expect(caught?.status).toBe(429);
  expect(caught?.code).toBe('0x80072322');
  expect(caught?.headers['retry-after']).toBe('3');
});

test('uploadFile and downloadFile round-trip through the chunked protocol', async () => {
  const id = String(await client.create({ collection: 'dtclm_contracts', data: { dtclm_name: 'DWA file' } }));
  const data = Buffer.from('%PDF-1.7 '.repeat(1000));
  await client.uploadFile({ collection: 'dtclm_contracts', key: id, property: 'dtclm_signeddocument', fileName: 'dwa.pdf', data });
  const file = await client.downloadFile({ collection: 'dtclm_contracts', key: id, property: 'dtclm_signeddocument' });
  expect(file.fileName).toBe('dwa.pdf');
  expect(file.fileSize).toBe(data.length);
  expect(Buffer.from(file.data as Uint8Array).equals(data)).toBe(true);
});

describe('the calls the connector makes since the emulator is strict', () => {
  const ALL = `'")?/%,#<>*&:\\+`;

  test('a $filter literal holding every character a URL or a key refuses finds its row; a second POST with the same key rejects 412 0x80040237', async () => {
    const value = `dwa${ALL}${Math.random().toString(36).slice(2, 6)}`;
    const literal = `'${value.replace(/'/g, "''")}'`;
    await client.create({ collection: 'dtclm_contracts', data: { dtclm_name: 'Key chars', dtclm_clmcontractid: value } });
    const page = await client.retrieveMultiple<Record<string, string>>({
      collection: 'dtclm_contracts',
      select: ['dtclm_clmcontractid'],
      filter: `dtclm_clmcontractid eq ${literal}`,
      top: 1,
    });
    expect(page.value.map((r) => r.dtclm_clmcontractid)).toEqual([value]);
    const twin = await client.create({ collection: 'dtclm_contracts', data: { dtclm_name: 'Twin', dtclm_clmcontractid: value } }).catch((e: ClientError) => e);
    expect((twin as ClientError).status).toBe(412);
    expect((twin as ClientError).code).toBe('0x80040237');
  });

  test("a row out of the impersonated caller's depth rejects with status 403 and code 0x80048306", async () => {
    const e = (await client
      .retrieve({ collection: 'opportunities', key: ids.rollout, select: ['name'], impersonateAAD: demoUser('restricted').objectId })
      .catch((x: ClientError) => x)) as ClientError;
    expect([e.status, e.code]).toEqual([403, '0x80048306']);
  });
});
