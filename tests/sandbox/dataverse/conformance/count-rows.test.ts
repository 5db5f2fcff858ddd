/**
 * Conformance with Microsoft's "Count rows using OData"
 * (powerapps-docs/developer/data-platform/webapi/query/count-rows.md): `$count=true` ("up to 5,000,
 * that matches the filter criteria irrespective of the page size requested"), the
 * `Microsoft.Dynamics.CRM.totalrecordcount` / `totalrecordcountlimitexceeded` annotations, and
 * `accounts/$count` answered as `text/plain`. The article's requests are replayed; every expectation
 * is the article's (the counts are of the rows this test made, never read back from the emulator).
 */
import { startHarness, type Harness } from '../fixtures/harness';
import { admin, create } from './data';

let h: Harness;
const SAMPLES = 10;
beforeAll(async () => {
  h = await startHarness({ world: false });
  for (let i = 1; i <= SAMPLES; i++) await create(h, 'accounts', { name: `Count ${i} (sample)` });
});
afterAll(async () => h.close());

const annotations = 'odata.include-annotations="Microsoft.Dynamics.CRM.totalrecordcount,Microsoft.Dynamics.CRM.totalrecordcountlimitexceeded"';
const sampleFilter = `$filter=${encodeURIComponent("contains(name,'(sample)')")}`;

/** Rows made in $batch requests of up to 1,000 (the batch limit), as the admin. */
async function createMany(set: string, count: number, name: (i: number) => string): Promise<void> {
  for (let start = 0; start < count; start += 1000) {
    const parts: string[] = [];
    for (let i = start; i < Math.min(count, start + 1000); i++) {
      parts.push(
        `--batch_many\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\nPOST /api/data/v9.2/${set} HTTP/1.1\r\nContent-Type: application/json\r\n\r\n${JSON.stringify({ name: name(i) })}\r\n`,
      );
    }
    const r = await h.api('$batch', {
      method: 'POST',
      token: await admin(h),
      headers: { 'Content-Type': 'multipart/mixed; boundary=batch_many' },
      body: Buffer.from(`${parts.join('')}--batch_many--\r\n`),
    });
    if (r.status !== 200) throw new Error(`$batch: ${r.status}`);
  }
}

describe('count-rows.md', () => {
  test('"$count=true" adds @odata.count, the number of rows matching the filter, beside the rows', async () => {
    const r = await h.api(`accounts?$select=accountid&$count=true&${sampleFilter}`);
    expect(r.status).toBe(200);
    expect(r.body['@odata.context']).toBe(`${h.dv.apiUrl}$metadata#accounts(accountid)`);
    expect(r.body['@odata.count']).toBe(SAMPLES);
    expect(r.body.value).toHaveLength(SAMPLES);
  });

  test('the article\'s paged example: 10 match, the first page holds 3, @odata.count is 10 "irrespective of the page size"', async () => {
    const r = await h.api(`accounts?$select=name&${sampleFilter}&$count=true`, {
      headers: { Prefer: 'odata.maxpagesize=3,odata.include-annotations="Microsoft.Dynamics.CRM.*"' },
    });
    expect(r.status).toBe(200);
    expect(r.body['@odata.count']).toBe(SAMPLES);
    expect(r.body.value).toHaveLength(3);
    expect(r.body['@odata.nextLink']).toContain('$skiptoken=');
    // "If there are fewer than 5000 records, the actual count is returned."
    expect(r.body['@Microsoft.Dynamics.CRM.totalrecordcount']).toBe(SAMPLES);
    expect(r.body['@Microsoft.Dynamics.CRM.totalrecordcountlimitexceeded']).toBe(false);
  });

  test('"If you don\'t include the $count=true query option, the total @Microsoft.Dynamics.CRM.totalrecordcount value is -1"', async () => {
    const r = await h.api(`accounts?$select=name&${sampleFilter}`, { headers: { Prefer: annotations } });
    expect(r.body['@Microsoft.Dynamics.CRM.totalrecordcount']).toBe(-1);
    expect(r.body['@odata.count']).toBeUndefined();
  });

  test('without the Prefer annotations, neither annotation is written', async () => {
    const r = await h.api(`accounts?$select=name&$count=true&${sampleFilter}`);
    expect(r.body['@Microsoft.Dynamics.CRM.totalrecordcount']).toBeUndefined();
    expect(r.body['@Microsoft.Dynamics.CRM.totalrecordcountlimitexceeded']).toBeUndefined();
  });

  test('"To get just a number that represents the count of a collection, append /$count": 200, text/plain', async () => {
    const all = await h.api('accounts/$count');
    expect(all.status).toBe(200);
    expect(all.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(all.headers.get('odata-version')).toBe('4.0');
    expect(all.text.trim()).toMatch(/^\d+$/);
    expect(Number(all.text)).toBeGreaterThanOrEqual(SAMPLES);
    const samples = await h.api(`accounts/$count?${sampleFilter}`);
    expect(samples.text.trim()).toBe(String(SAMPLES));
  });

  test("/$count of a collection-valued navigation property counts that row's related rows", async () => {
    const accountId = await create(h, 'accounts', { name: 'Parent of two' });
    for (const lastname of ['One', 'Two']) await create(h, 'contacts', { lastname, 'parentcustomerid_account@odata.bind': `/accounts(${accountId})` });
    const r = await h.api(`accounts(${accountId})/contact_customer_accounts/$count`);
    expect(r.status).toBe(200);
    expect(r.text.trim()).toBe('2');
  });

  test('more than 5,000 rows: "@odata.count": 5000, totalrecordcount 5000, totalrecordcountlimitexceeded true', async () => {
    await createMany('accounts', 5001, (i) => `Bulk ${i} (bulk)`);
    const r = await h.api(`accounts?$select=name&$count=true&$filter=${encodeURIComponent("endswith(name,'(bulk)')")}`, {
      headers: { Prefer: `odata.maxpagesize=10,${annotations}` },
    });
    expect(r.status).toBe(200);
    expect(r.body['@odata.count']).toBe(5000);
    expect(r.body['@Microsoft.Dynamics.CRM.totalrecordcount']).toBe(5000);
    expect(r.body['@Microsoft.Dynamics.CRM.totalrecordcountlimitexceeded']).toBe(true);
    expect(r.body.value).toHaveLength(10);
  }, 60_000);
});
