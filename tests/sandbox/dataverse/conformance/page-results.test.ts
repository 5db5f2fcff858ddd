/**
 * Conformance with Microsoft's "Page results using OData"
 * (powerapps-docs/developer/data-platform/webapi/query/page-results.md): the article's request
 * `contacts?$select=fullname` with `Prefer: odata.maxpagesize=2` replayed, its next link followed
 * unchanged; and "If you include both, $top is ignored".
 */
import { startHarness, type Harness } from '../fixtures/harness';
import { makeAccountWithContacts } from './data';

let h: Harness;
let contactIds: string[];
beforeAll(async () => {
  h = await startHarness({ world: false });
  contactIds = (await makeAccountWithContacts(h, 'Paging sample', 5)).contacts.map((c) => c.id);
});
afterAll(async () => h.close());

const prefer = (n: number) => ({ headers: { Prefer: `odata.maxpagesize=${n}` } });

describe('page-results.md', () => {
  test('"returns just the first two contact records" with a next link; following it unchanged returns the rest, each row once', async () => {
    const first = await h.api('contacts?$select=fullname', prefer(2));
    expect(first.status).toBe(200);
    expect(first.headers.get('preference-applied')).toBe('odata.maxpagesize=2');
    expect(first.body['@odata.context']).toBe(`${h.dv.apiUrl}$metadata#contacts(fullname)`);
    expect(first.body.value).toHaveLength(2);
    for (const row of first.body.value) expect(Object.keys(row).sort()).toEqual(['@odata.etag', 'contactid', 'fullname']);
    expect(first.body['@odata.nextLink']).toMatch(new RegExp(`^${h.dv.apiUrl.replace(/[.?]/g, '\\$&')}contacts\\?\\$select=fullname&\\$skiptoken=`));
    const ids: string[] = first.body.value.map((c: { contactid: string }) => c.contactid);
    let next: string | undefined = first.body['@odata.nextLink'];
    while (next) {
      const page = await h.api(next, prefer(2));
      expect(page.body.value.length).toBeLessThanOrEqual(2);
      ids.push(...page.body.value.map((c: { contactid: string }) => c.contactid));
      next = page.body['@odata.nextLink'];
    }
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of contactIds) expect(ids).toContain(id);
  });

  test('"Don\'t use $top with the Prefer: odata.maxpagesize request header. If you include both, $top is ignored."', async () => {
    const both = await h.api('contacts?$select=fullname&$top=1', prefer(3));
    expect(both.body.value).toHaveLength(3);
    expect(both.body['@odata.nextLink']).toBeDefined();
    const top = await h.api('contacts?$select=fullname&$top=1');
    expect(top.body.value).toHaveLength(1);
  });

  test('"Dataverse doesn\'t support the $skip query option"', async () => {
    expect((await h.api('contacts?$select=fullname&$skip=1')).status).toBe(400);
  });
});
