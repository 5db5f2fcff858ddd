/**
 * Conformance with Microsoft's "Join tables using OData"
 * (powerapps-docs/developer/data-platform/webapi/query/join-tables.md). The article's own requests are
 * replayed on rows made to match its data (an account with three related rows, a primary contact);
 * every expectation is the article's: its response shapes, status codes, error codes and messages.
 */
import { startHarness, type Harness } from '../fixtures/harness';
import { makeAccountWithContacts, type AccountWithContacts } from './data';

let h: Harness;
let litware: AccountWithContacts;
beforeAll(async () => {
  h = await startHarness({ world: false });
  litware = await makeAccountWithContacts(h, 'Litware, Inc. (sample)', 3);
});
afterAll(async () => h.close());

const maxPageSize = (n: number) => ({ headers: { Prefer: `odata.maxpagesize=${n}` } });
const only = (id: string) => `&$filter=${encodeURIComponent(`accountid eq ${id}`)}`;

describe('join-tables.md', () => {
  test('"Limit columns with $select": the expanded N:1 row carries its id, the collection its rows and a next link', async () => {
    const r = await h.api(
      `accounts?$select=name&$expand=primarycontactid($select=fullname),contact_customer_accounts($select=fullname)${only(litware.accountId)}`,
      maxPageSize(1),
    );
    expect(r.status).toBe(200);
    expect(r.headers.get('preference-applied')).toBe('odata.maxpagesize=1');
    const [account] = r.body.value;
    expect(account.primarycontactid).toEqual({ fullname: litware.contacts[0].fullname, contactid: litware.contacts[0].id });
    expect(account.contact_customer_accounts).toHaveLength(3);
    expect(account['contact_customer_accounts@odata.nextLink']).toBe(`${h.dv.apiUrl}accounts(${litware.accountId})/contact_customer_accounts?$select=fullname`);
  });

  test('"Single $expand on collection-valued navigation properties": no paging on the expanded rows, the next link has no paging information', async () => {
    const r = await h.api(
      `accounts?$select=name,accountid&$expand=contact_customer_accounts($select=fullname),opportunity_parent_account($select=name)${only(litware.accountId)}`,
      maxPageSize(1),
    );
    const [account] = r.body.value;
    expect(account.contact_customer_accounts).toHaveLength(3);
    expect(account['contact_customer_accounts@odata.nextLink']).not.toContain('$skiptoken');
    expect(account['opportunity_parent_account@odata.nextLink']).toBe(`${h.dv.apiUrl}accounts(${litware.accountId})/opportunity_parent_account?$select=name`);
    // "You can use that URL to send a separate GET request and it returns the same rows".
    const again = await h.api(account['contact_customer_accounts@odata.nextLink']);
    expect(again.body.value.map((c: { contactid: string }) => c.contactid).sort()).toEqual(
      account.contact_customer_accounts.map((c: { contactid: string }) => c.contactid).sort(),
    );
    // "You can use $top, $filter, and $orderby options to control the total number of records returned."
    const cut = await h.api(`accounts(${litware.accountId})?$select=name&$expand=contact_customer_accounts($select=fullname;$orderby=fullname desc;$top=2)`);
    expect(cut.status).toBe(200);
    expect(cut.body.contact_customer_accounts.map((c: { fullname: string }) => c.fullname)).toEqual(
      [...litware.contacts.map((c) => c.fullname)].sort().reverse().slice(0, 2),
    );
  });

  test('"Nested $expand on collection-valued navigation properties": each expanded collection is paged, its next link returns the next rows', async () => {
    const r = await h.api(
      `accounts?$select=name,accountid&$expand=contact_customer_accounts($select=fullname;$expand=owninguser($select=fullname))${only(litware.accountId)}`,
      maxPageSize(1),
    );
    expect(r.status).toBe(200);
    const [account] = r.body.value;
    expect(account.contact_customer_accounts).toHaveLength(1);
    expect(account.contact_customer_accounts[0].owninguser).toEqual(expect.objectContaining({ systemuserid: expect.any(String) }));
    const link: string = account['contact_customer_accounts@odata.nextLink'];
    expect(link).toMatch(new RegExp(`^${h.dv.apiUrl.replace(/[.?]/g, '\\$&')}accounts\\(${litware.accountId}\\)/contact_customer_accounts\\?.*\\$skiptoken=`));
    // "You can use that URL to send a separate GET request and it will return the next set of records".
    const seen = [account.contact_customer_accounts[0].contactid];
    let next: string | undefined = link;
    while (next) {
      const page = await h.api(next, maxPageSize(1));
      expect(page.status).toBe(200);
      seen.push(...page.body.value.map((c: { contactid: string }) => c.contactid));
      next = page.body['@odata.nextLink'];
    }
    expect(seen.sort()).toEqual(litware.contacts.map((c) => c.id).sort());
  });

  test("$top or $orderby in a collection expansion when the query nests: 400 0x80060888 with the article's message", async () => {
    const message = 'Only $select and $filter clause can be provided while doing $expand on many-to-one relationship or nested one-to-many relationship.';
    for (const option of ['$top=1', '$orderby=fullname']) {
      const r = await h.api(
        `accounts(${litware.accountId})?$select=name&$expand=primarycontactid($select=fullname;$expand=owninguser($select=fullname)),contact_customer_accounts($select=fullname;${option})`,
      );
      expect([r.status, r.body.error]).toEqual([400, { code: '0x80060888', message }]);
    }
    // And on a many-to-one relationship, whether or not the query nests.
    const single = await h.api(`accounts(${litware.accountId})?$select=name&$expand=primarycontactid($select=fullname;$top=1)`);
    expect([single.status, single.body.error]).toEqual([400, { code: '0x80060888', message }]);
  });

  test('"You can include up to 15 $expand options in a query": the 16th is refused', async () => {
    const chain = (n: number): string => (n === 1 ? 'parentaccountid($select=name)' : `parentaccountid($select=name;$expand=${chain(n - 1)})`);
    expect((await h.api(`accounts(${litware.accountId})?$select=name&$expand=${chain(15)}`)).status).toBe(200);
    const r = await h.api(`accounts(${litware.accountId})?$select=name&$expand=${chain(16)}`);
    // The code and message FetchXML's link-entity article gives for the same limit on joins.
    expect([r.status, r.body.error]).toEqual([400, { code: '0x8004430D', message: 'Number of link entities in query exceeded maximum limit.' }]);
  });

  test('"Return references": nav/$ref gives @odata.id; on a collection it is refused with the article\'s error', async () => {
    const r = await h.api(`accounts(${litware.accountId})?$select=name&$expand=primarycontactid/$ref`);
    expect(r.status).toBe(200);
    expect(r.body.primarycontactid).toEqual({ '@odata.id': `${h.dv.apiUrl}contacts(${litware.contacts[0].id})` });
    const bad = await h.api(`accounts(${litware.accountId})?$select=name&$expand=contact_customer_accounts/$ref`);
    expect([bad.status, bad.body.error]).toEqual([
      400,
      { code: '0x80060888', message: 'Expand with $ref is only supported on lookup type navigation property.' },
    ]);
  });

  test('"Supported Relationship types for $expand": N:N multiple ✓, N:N nested ✘, N:N combined ✘; 1:N nested ✓', async () => {
    const user = `systemusers(${litware.ownerId})`;
    expect((await h.api(`${user}?$select=fullname&$expand=systemuserroles_association($select=name),teammembership_association($select=name)`)).status).toBe(
      200,
    );
    expect((await h.api(`${user}?$select=fullname&$expand=systemuserroles_association($select=name),businessunitid($select=name)`)).status).toBe(400);
    expect((await h.api(`${user}?$select=fullname&$expand=teammembership_association($select=name;$expand=teamroles_association($select=name))`)).status).toBe(
      400,
    );
    const nested = await h.api(
      `contacts(${litware.contacts[0].id})?$select=fullname&$expand=parentcustomerid_account($select=name;$expand=contact_customer_accounts($select=fullname))`,
    );
    expect(nested.status).toBe(200);
    expect(nested.body.parentcustomerid_account.contact_customer_accounts).toHaveLength(3);
  });
});
