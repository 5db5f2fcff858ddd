import { startHarness, type Harness } from './fixtures/harness';
let h: Harness;
beforeAll(async () => { h = await startHarness(); });
afterAll(async () => { await h.close(); });
test('smoke', async () => {
  const r = await h.api(`opportunities?$select=name,_customerid_value,estimatedvalue,createdon&$expand=customerid_account($select=name;$expand=primarycontactid($select=fullname))`, { annotations: true });
  console.log(r.status, JSON.stringify(r.body, null, 1));
  const q = await h.api(`quotes?$expand=quote_details($select=productdescription;$orderby=lineitemnumber asc;$top=3)&$select=name`, {});
  console.log(q.status, JSON.stringify(q.body, null, 1));
});
