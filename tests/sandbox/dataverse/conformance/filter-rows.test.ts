/**
 * Conformance with Microsoft's "Filter rows using OData"
 * (powerapps-docs/developer/data-platform/webapi/query/filter-rows.md) — wildcard characters in
 * string filters and the lambda operators `any`/`all` with the article's own requests — and with
 * "Use OData to query data" (query/overview.md), "Use parameter aliases with query options".
 * Expectations are the articles': which of the rows made here each query must return.
 */
import { startHarness, type Harness } from '../fixtures/harness';
import { create } from './data';

let h: Harness;
const ids: Record<string, string> = {};
beforeAll(async () => {
  h = await startHarness({ world: false });
  for (const name of ['Pct %27 literal', 'Pct %2F%25 both', 'Wild 100% Co', 'Wild Alpha', 'Wild Beta', 'Wild Bxta', 'Wild_under Co', 'Wild Gamma Inc.'])
    ids[name] = await create(h, 'accounts', { name, revenue: name.length * 1000 });
  // The nested lambda example: contacts with a job title, some with opportunities.
  ids.lambdaInc = await create(h, 'accounts', { name: 'Lambda One Inc.' });
  ids.lambdaOther = await create(h, 'accounts', { name: 'Lambda Two Inc.' });
  ids.lambdaEmpty = await create(h, 'accounts', { name: 'Lambda Empty Inc.' });
  const c1 = await create(h, 'contacts', { lastname: 'Lc1', jobtitle: 'jobtitle', 'parentcustomerid_account@odata.bind': `/accounts(${ids.lambdaInc})` });
  await create(h, 'contacts', { lastname: 'Lc2', jobtitle: 'other', 'parentcustomerid_account@odata.bind': `/accounts(${ids.lambdaInc})` });
  await create(h, 'opportunities', { name: 'Lo1', description: 'Real deal', 'customerid_contact@odata.bind': `/contacts(${c1})` });
  const c3 = await create(h, 'contacts', { lastname: 'Lc3', jobtitle: 'jobtitle', 'parentcustomerid_account@odata.bind': `/accounts(${ids.lambdaOther})` });
  await create(h, 'opportunities', { name: 'Lo3', description: 'N/A', 'customerid_contact@odata.bind': `/contacts(${c3})` });
});
afterAll(async () => h.close());

async function names(filter: string, extra = ''): Promise<string[]> {
  const r = await h.api(`accounts?$select=name&$filter=${encodeURIComponent(filter)}${extra}`);
  if (r.status !== 200) throw new Error(`${filter}: ${r.status} ${r.text}`);
  return r.body.value.map((a: { name: string }) => a.name).sort();
}

describe('a literal holding a percent escape (the URL is decoded once, RFC 3986 2.4; the rest is data)', () => {
  test("'%27' in a literal is the three characters %27, not a quote: eq finds the row, and only it", async () => {
    expect(await names("name eq 'Pct %27 literal'")).toEqual(['Pct %27 literal']);
    expect(await names("name eq 'Pct %2F%25 both'")).toEqual(['Pct %2F%25 both']);
    expect(await names("name eq 'Pct '' literal'")).toEqual([]);
  });
});

describe('filter-rows.md, Use wildcard characters', () => {
  test('"%" matches any string of zero or more characters', async () => {
    expect(await names("startswith(name,'Wild%Co')")).toEqual(['Wild 100% Co', 'Wild_under Co']);
  });

  test('"_" matches any single character', async () => {
    expect(await names("startswith(name,'Wild B_ta')")).toEqual(['Wild Beta', 'Wild Bxta']);
    // So a literal underscore is matched by any character too.
    expect(await names("contains(name,'d_u')")).toEqual(['Wild_under Co']);
    expect(await names("startswith(name,'Wild_')")).toHaveLength(6);
  });

  test('"[]" matches any single character within the range or set; "[^]" any character not in it', async () => {
    expect(await names("startswith(name,'Wild [A-B]')")).toEqual(['Wild Alpha', 'Wild Beta', 'Wild Bxta']);
    expect(await names("startswith(name,'Wild B[e]ta')")).toEqual(['Wild Beta']);
    expect(await names("startswith(name,'Wild B[^e]ta')")).toEqual(['Wild Bxta']);
    // "[%]" is how a literal percent sign is matched.
    expect(await names("contains(name,'0[%]')")).toEqual(['Wild 100% Co']);
  });

  test('string filters stay "case insensitive" with wildcards; endswith and contains take them too', async () => {
    expect(await names("endswith(name,'G_MMA INC.')")).toEqual(['Wild Gamma Inc.']);
    expect(await names("contains(name,'ALP%A')")).toEqual(['Wild Alpha']);
  });
});

describe('filter-rows.md, Filter using values of related collections', () => {
  const lambdaAccounts = (list: string[]) => list.filter((n) => n.startsWith('Lambda'));

  test('"any": true if the expression is true for any member of the collection', async () => {
    expect(lambdaAccounts(await names("contact_customer_accounts/any(c:c/jobtitle eq 'jobtitle')"))).toEqual(['Lambda One Inc.', 'Lambda Two Inc.']);
    expect(lambdaAccounts(await names("contact_customer_accounts/any(c:contains(c/lastname,'c2'))"))).toEqual(['Lambda One Inc.']);
  });

  test('"The any operator without an argument returns true if the collection isn\'t empty"', async () => {
    expect(lambdaAccounts(await names('contact_customer_accounts/any()'))).toEqual(['Lambda One Inc.', 'Lambda Two Inc.']);
  });

  test('"all": true if the expression is true for all members (so for an empty collection too)', async () => {
    expect(lambdaAccounts(await names("contact_customer_accounts/all(c:c/jobtitle eq 'jobtitle')"))).toEqual(['Lambda Empty Inc.', 'Lambda Two Inc.']);
  });

  test('the article\'s nested example: contacts with job title "jobtitle" having an opportunity whose description is not "N/A"', async () => {
    const filter =
      "(contact_customer_accounts/any(c:c/jobtitle eq 'jobtitle' and c/opportunity_customer_contacts/any(o:o/description ne 'N/A'))) and endswith(name,'Inc.')";
    expect(await names(filter)).toEqual(['Lambda One Inc.']);
  });

  test("a lambda combines with not, and with the row's own columns", async () => {
    expect(lambdaAccounts(await names("not contact_customer_accounts/any() and startswith(name,'Lambda')"))).toEqual(['Lambda Empty Inc.']);
  });

  test('"You can\'t include conditions on collection-valued navigation properties that are nested in a lookup navigation property": 400', async () => {
    // The article gives no code or wording for the refusal: only that it is one.
    const r = await h.api(`accounts?$select=name&$filter=${encodeURIComponent("primarycontactid/contact_customer_accounts/any(a:a/name eq 'x')")}`);
    expect(r.status).toBe(400);
  });
});

describe('overview.md, Use parameter aliases with query options', () => {
  test("the article's aliased request returns what its unaliased form returns: revenue not null, by revenue then name desc", async () => {
    const query = "$select=name,revenue&$orderby=@p1 asc,@p2 desc&$filter=startswith(name,'Wild') and @p1 ne @p3&@p1=revenue&@p2=name";
    const r = await h.api(`accounts?${query.replace(/ /g, '%20')}`);
    expect(r.status).toBe(200);
    // Revenues are name.length * 1000: 'Wild Beta' and 'Wild Bxta' tie, so name desc puts Bxta first.
    const expected = ['Wild Beta', 'Wild Bxta', 'Wild Alpha', 'Wild 100% Co', 'Wild_under Co', 'Wild Gamma Inc.']
      .map((name) => ({ name, revenue: name.length * 1000 }))
      .sort((a, b) => a.revenue - b.revenue || (a.name < b.name ? 1 : -1));
    expect(r.body.value.map((a: { name: string }) => a.name)).toEqual(expected.map((a) => a.name));
  });

  test('"If the alias isn\'t assigned a value, it\'s assumed to be null"', async () => {
    const r = await h.api(`accounts?$select=name&$filter=${encodeURIComponent("startswith(name,'Wild') and revenue eq @unset")}`);
    expect(r.status).toBe(200);
    expect(r.body.value).toEqual([]);
  });

  test("filter-rows.md's In example with aliases: In(PropertyName=@p1,PropertyValues=@p2)", async () => {
    for (const lastname of ['OBrian', "O'Brian", 'Other']) await create(h, 'contacts', { lastname });
    const query = `contacts?$select=lastname&$filter=${encodeURIComponent('Microsoft.Dynamics.CRM.In(PropertyName=@p1,PropertyValues=@p2)')}&@p1=${encodeURIComponent("'lastname'")}&@p2=${encodeURIComponent('["OBrian","OBryan","O\'Brian","O\'Bryan"]')}`;
    const r = await h.api(query);
    expect(r.status).toBe(200);
    expect(r.body.value.map((c: { lastname: string }) => c.lastname).sort()).toEqual(["O'Brian", 'OBrian']);
  });

  // The refusal's code is the OData library's "0x0" (MicrosoftDocs/powerapps-docs#2285, where the article's sentence was added).
  test('aliases are usable in $filter and $orderby "but not inside the $expand option": 400 there', async () => {
    const expand = encodeURIComponent('contact_customer_accounts($select=lastname;$filter=lastname eq @p1)');
    const r = await h.api(`accounts?$select=name&$expand=${expand}&@p1=${encodeURIComponent("'Lc1'")}`);
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('0x0');
  });

  test('an alias inside a string literal is text, not an alias', async () => {
    await create(h, 'accounts', { name: 'Mail @p1 desk' });
    expect(await names("name eq 'Mail @p1 desk'", '&@p1=name')).toEqual(['Mail @p1 desk']);
  });
});
