/**
 * Reads as learn.microsoft.com documents them ("Query data using the Web API", "Retrieve a table
 * row", "Formatted values"): the JSON shape, annotations, query options, paging and their errors.
 */
import { demoUser } from '../../../sandbox/seed/identities';
import { startHarness, type Harness } from './fixtures/harness';
import { ids } from './fixtures/world';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h.close());

const FORMATTED = '@OData.Community.Display.V1.FormattedValue';
const names = (body: { value: { name: string }[] }) => body.value.map((r) => r.name).sort();

describe('shape of an answer', () => {
  test('a collection has @odata.context, value, ETags as W/"version", lookups as _x_value, OData-Version 4.0', async () => {
    const r = await h.api(`opportunities?$select=name,_customerid_value`);
    expect(r.status).toBe(200);
    expect(r.headers.get('odata-version')).toBe('4.0');
    expect(r.headers.get('content-type')).toMatch(/^application\/json/);
    expect(r.body['@odata.context']).toBe(`${h.dv.apiUrl}$metadata#opportunities(name,_customerid_value)`);
    const rollout = r.body.value.find((o: { name: string }) => o.name === '4G Enterprise Rollout');
    expect(rollout['@odata.etag']).toMatch(/^W\/"\d+"$/);
    expect(rollout._customerid_value).toBe(ids.contoso);
    expect(rollout.opportunityid).toBe(ids.rollout); // the primary key comes with every row
    expect(Object.keys(rollout)).not.toContain('closeprobability');
  });

  test('a row by key has an $entity context and an ETag header', async () => {
    const r = await h.api(`opportunities(${ids.rollout})?$select=name`);
    expect(r.status).toBe(200);
    expect(r.body['@odata.context']).toBe(`${h.dv.apiUrl}$metadata#opportunities(name)/$entity`);
    expect(r.headers.get('etag')).toBe(r.body['@odata.etag']);
  });

  test('without annotations asked for, none are sent', async () => {
    const r = await h.api(`opportunities(${ids.rollout})?$select=name,_customerid_value,estimatedvalue`);
    expect(Object.keys(r.body).filter((k) => k.includes('@') && !k.startsWith('@'))).toEqual([]);
  });

  test('Prefer odata.include-annotations="*" adds formatted values and lookup annotations, and is acknowledged', async () => {
    const r = await h.api(`opportunities(${ids.rollout})?$select=name,_customerid_value,estimatedvalue,isrevenuesystemcalculated`, { annotations: true });
    expect(r.headers.get('preference-applied')).toBe('odata.include-annotations="*"');
    expect(r.body[`_customerid_value${FORMATTED}`]).toBe('Contoso Ltd');
    expect(r.body['_customerid_value@Microsoft.Dynamics.CRM.lookuplogicalname']).toBe('account');
    expect(r.body['_customerid_value@Microsoft.Dynamics.CRM.associatednavigationproperty']).toBe('customerid_account');
    expect(r.body[`isrevenuesystemcalculated${FORMATTED}`]).toBe('User Provided');
    expect(r.body[`name${FORMATTED}`]).toBeUndefined(); // strings have no formatted value
  });

  test('include-annotations can ask for formatted values only', async () => {
    const r = await h.api(`opportunities(${ids.rollout})?$select=_customerid_value`, {
      headers: { Prefer: 'odata.include-annotations="OData.Community.Display.V1.FormattedValue"' },
    });
    expect(r.body[`_customerid_value${FORMATTED}`]).toBe('Contoso Ltd');
    expect(r.body['_customerid_value@Microsoft.Dynamics.CRM.lookuplogicalname']).toBeUndefined();
  });

  test('a quoted list of annotations next to other preferences is understood', async () => {
    const r = await h.api(`opportunities?$select=_customerid_value&$top=1&$orderby=name asc`, {
      headers: {
        Prefer: 'odata.maxpagesize=10,odata.include-annotations="OData.Community.Display.V1.FormattedValue,Microsoft.Dynamics.CRM.lookuplogicalname"',
      },
    });
    const row = r.body.value[0];
    expect(row[`_customerid_value${FORMATTED}`]).toBe('Contoso Ltd');
    expect(row['_customerid_value@Microsoft.Dynamics.CRM.lookuplogicalname']).toBe('account');
    expect(row['_customerid_value@Microsoft.Dynamics.CRM.associatednavigationproperty']).toBeUndefined();
  });

  test('an alternate key reads the row like its id', async () => {
    const r = await h.api(`dtclm_templates(dtclm_clmtemplateid='tpl-nda')?$select=dtclm_name`);
    expect(r.status).toBe(200);
    expect(r.body.dtclm_name).toBe('NDA');
    expect(r.body.dtclm_templateid).toBe(ids.template);
  });

  test('a single property reads as { value }', async () => {
    const r = await h.api(`opportunities(${ids.rollout})/name`);
    expect(r.body.value).toBe('4G Enterprise Rollout');
  });
});

describe("formatted values follow the caller's usersettings", () => {
  test('rep (fr-FR, Paris) and signer (en-US, New York) see the same row differently', async () => {
    const path = `opportunities(${ids.rollout})?$select=createdon,estimatedvalue,closeprobability,estimatedclosedate`;
    const rep = await h.api(path, { annotations: true, callerObjectId: demoUser('rep').objectId });
    const signer = await h.api(path, { annotations: true, callerObjectId: demoUser('signer').objectId });
    // Created 2026-01-15 23:30 UTC: already the 16th in Paris, still the 15th in New York.
    expect(rep.body.createdon).toBe('2026-01-15T23:30:00Z');
    expect(rep.body[`createdon${FORMATTED}`]).toBe('16/01/2026 00:30');
    expect(signer.body[`createdon${FORMATTED}`]).toBe('1/15/2026 6:30 PM');
    expect(rep.body[`estimatedvalue${FORMATTED}`]).toBe('1\u00a0234\u00a0567,50\u00a0€');
    expect(signer.body[`estimatedvalue${FORMATTED}`]).toBe('€1,234,567.50');
    // Date-only columns are not shifted by time zone.
    expect(rep.body[`estimatedclosedate${FORMATTED}`]).toBe('31/03/2026');
    expect(signer.body[`estimatedclosedate${FORMATTED}`]).toBe('3/31/2026');
    expect(signer.body[`closeprobability${FORMATTED}`]).toBe('60');
  });
});

describe('$select and errors', () => {
  test("an unknown column is 400 with Dataverse's message", async () => {
    const r = await h.api(`quotes?$select=name,nosuchcolumn`);
    expect(r.status).toBe(400);
    expect(r.body).toEqual({
      error: { code: '0x80060888', message: "Could not find a property named 'nosuchcolumn' on type 'Microsoft.Dynamics.CRM.quote'." },
    });
  });

  test('a lookup is selected as _x_value; its logical name is a navigation property, not a column', async () => {
    const r = await h.api(`opportunities(${ids.rollout})?$select=parentaccountid`);
    expect(r.status).toBe(400);
    expect(r.body.error.message).toBe("Could not find a property named 'parentaccountid' on type 'Microsoft.Dynamics.CRM.opportunity'.");
  });

  test('an unknown entity set is 404', async () => {
    const r = await h.api('nosuchthings');
    expect(r.status).toBe(404);
    expect(r.body.error.code).toBe('0x8006088a');
    expect(r.body.error.message).toBe("Resource not found for the segment 'nosuchthings'.");
  });

  test('an absent row is 404 0x80040217', async () => {
    const r = await h.api('opportunities(00000000-0000-4000-8000-0000000000ff)');
    expect(r.status).toBe(404);
    expect(r.body.error.code).toBe('0x80040217');
  });

  test('a filter that does not parse is 400', async () => {
    const r = await h.api(`opportunities?$filter=${encodeURIComponent('name eq')}`);
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('0x80060888');
  });

  test.each([
    [`_customerid_value eq '${ids.contoso}'`, "Found operand types 'Edm.Guid' and 'Edm.String' for operator kind 'Equal'."],
    ["closeprobability gt '5'", "Found operand types 'Edm.Int32' and 'Edm.String' for operator kind 'GreaterThan'."],
  ])('a literal of the wrong type is 400: %s', async (f, message) => {
    const r = await h.api(`opportunities?$filter=${encodeURIComponent(f)}`);
    expect(r.status).toBe(400);
    expect(r.body.error.message).toBe(`A binary operator with incompatible types was detected. ${message}`);
  });

  test('an unknown column in $filter is 400 even when nothing would match', async () => {
    const r = await h.api(`opportunities?$filter=${encodeURIComponent("nope eq 'x'")}`);
    expect(r.status).toBe(400);
    expect(r.body.error.message).toBe("Could not find a property named 'nope' on type 'Microsoft.Dynamics.CRM.opportunity'.");
  });
});

describe('$filter', () => {
  const filter = async (f: string) => {
    const r = await h.api(`opportunities?$select=name&$filter=${encodeURIComponent(f)}`);
    expect(r.status).toBe(200);
    return names(r.body);
  };
  const all = ['4G Enterprise Rollout', 'Other unit deal', 'Small deal'];

  test.each([
    ["name eq '4G Enterprise Rollout'", ['4G Enterprise Rollout']],
    ["name eq '4g enterprise rollout'", ['4G Enterprise Rollout']], // SQL collation ignores case
    ["name ne 'Small deal'", ['4G Enterprise Rollout', 'Other unit deal']],
    ['closeprobability lt 60', ['Small deal']],
    ['closeprobability le 60', ['4G Enterprise Rollout', 'Small deal']],
    ['closeprobability gt 10', ['4G Enterprise Rollout']],
    ['closeprobability ge 10', ['4G Enterprise Rollout', 'Small deal']],
    ['closeprobability eq null', ['Other unit deal']],
    ['closeprobability ne null', ['4G Enterprise Rollout', 'Small deal']],
    ["closeprobability gt 5 and contains(name,'deal')", ['Small deal']],
    ["closeprobability eq 60 or startswith(name,'other')", ['4G Enterprise Rollout', 'Other unit deal']],
    ["not contains(name,'deal')", ['4G Enterprise Rollout']],
    ["endswith(name,'Rollout')", ['4G Enterprise Rollout']],
    [`_customerid_value eq ${ids.contoso.toUpperCase()}`, ['4G Enterprise Rollout']],
    ['createdon ge 2026-01-01T00:00:00Z', ['4G Enterprise Rollout', 'Small deal']],
    ['createdon lt 2026-01-01', ['Other unit deal']],
    ['estimatedclosedate eq 2026-03-31', ['4G Enterprise Rollout']],
    ['statecode eq 0', all],
    ['isrevenuesystemcalculated eq false', ['4G Enterprise Rollout']],
    ["customerid_account/name eq 'Contoso Ltd'", ['4G Enterprise Rollout']],
  ])('%s', async (f, expected) => {
    expect(await filter(f)).toEqual(expected);
  });
});

describe('Dataverse query functions in $filter', () => {
  const names2 = async (f: string, callerObjectId?: string) => {
    const r = await h.api(`opportunities?$select=name&$filter=${encodeURIComponent(f)}`, { callerObjectId });
    expect(r.status).toBe(200);
    return names(r.body);
  };

  test('In, NotIn, Between', async () => {
    expect(await names2('Microsoft.Dynamics.CRM.In(PropertyName=\'name\',PropertyValues=["Small deal","Other unit deal"])')).toEqual([
      'Other unit deal',
      'Small deal',
    ]);
    expect(await names2('Microsoft.Dynamics.CRM.NotIn(PropertyName=\'closeprobability\',PropertyValues=["60"])')).toEqual(['Small deal']);
    expect(await names2('Microsoft.Dynamics.CRM.Between(PropertyName=\'closeprobability\',PropertyValues=["5","59"])')).toEqual(['Small deal']);
  });

  test('EqualUserId and EqualBusinessId follow the caller', async () => {
    const rep = demoUser('rep').objectId;
    expect(await names2("Microsoft.Dynamics.CRM.EqualUserId(PropertyName='ownerid')", rep)).toEqual(['4G Enterprise Rollout']);
    expect(await names2("Microsoft.Dynamics.CRM.EqualBusinessId(PropertyName='owningbusinessunit')", rep)).toEqual(['4G Enterprise Rollout', 'Small deal']);
  });

  test("date functions read the day in the caller's time zone", async () => {
    const on = (day: string) => `Microsoft.Dynamics.CRM.On(PropertyName='createdon',PropertyValue='${day}')`;
    expect(await names2(on('2026-01-16'), demoUser('rep').objectId)).toEqual(['4G Enterprise Rollout']); // Paris: past midnight
    expect(await names2(on('2026-01-15'), demoUser('signer').objectId)).toEqual(['4G Enterprise Rollout']); // New York: same evening
    expect(await names2(on('2026-01-15'), demoUser('rep').objectId)).toEqual([]);
  });

  test('an unknown query function is 400', async () => {
    const r = await h.api(`opportunities?$filter=${encodeURIComponent("Microsoft.Dynamics.CRM.Nope(PropertyName='name')")}`);
    expect(r.status).toBe(400);
  });
});

describe('$orderby, $top, $count, paging', () => {
  test('orderby desc with top', async () => {
    const r = await h.api('opportunities?$select=name&$orderby=createdon desc&$top=2');
    expect(r.body.value.map((o: { name: string }) => o.name)).toEqual(['Small deal', '4G Enterprise Rollout']);
  });

  test('nulls sort first ascending, then by value', async () => {
    const r = await h.api('opportunities?$select=name&$orderby=closeprobability asc');
    expect(r.body.value.map((o: { name: string }) => o.name)).toEqual(['Other unit deal', 'Small deal', '4G Enterprise Rollout']);
  });

  test('$count=true gives @odata.count of all matches', async () => {
    const r = await h.api('quotedetails?$select=productdescription&$count=true&$top=2');
    expect(r.body['@odata.count']).toBe(5);
    expect(r.body.value).toHaveLength(2);
  });

  test('odata.maxpagesize pages with @odata.nextLink until the last page', async () => {
    const seen: string[] = [];
    let url: string | undefined = `${h.dv.apiUrl}quotedetails?$select=productdescription&$orderby=lineitemnumber asc`;
    let pages = 0;
    while (url) {
      const r = await h.api(url, { headers: { Prefer: 'odata.maxpagesize=2' } });
      expect(r.status).toBe(200);
      expect(r.headers.get('preference-applied')).toBe('odata.maxpagesize=2');
      seen.push(...r.body.value.map((d: { productdescription: string }) => d.productdescription));
      url = r.body['@odata.nextLink'];
      if (url) expect(url).toContain('$skiptoken=');
      pages += 1;
    }
    expect(pages).toBe(3);
    expect(seen).toEqual(['Line 5', 'Line 4', 'Line 3', 'Line 2', 'Line 1']);
  });
});

describe('$expand', () => {
  test('single-valued navigation nested to any depth, each with its own $select', async () => {
    const r = await h.api(
      `opportunities(${ids.rollout})?$select=name&$expand=parentaccountid($select=name;$expand=primarycontactid($select=fullname;$expand=parentcustomerid_account($select=accountnumber)))`,
    );
    expect(r.status).toBe(200);
    expect(r.body.parentaccountid.name).toBe('Contoso Ltd');
    expect(r.body.parentaccountid.primarycontactid.fullname).toBe('Alice Martin');
    expect(r.body.parentaccountid.primarycontactid.parentcustomerid_account.accountnumber).toBe('C-001');
  });

  test('a polymorphic lookup expands only on the matching navigation property', async () => {
    const r = await h.api(`opportunities(${ids.smallDeal})?$select=name&$expand=customerid_account($select=name),customerid_contact($select=fullname)`);
    expect(r.body.customerid_account).toBeNull();
    expect(r.body.customerid_contact.fullname).toBe('Alice Martin');
  });

  test('collection-valued navigation with $select, $filter, $orderby, $top', async () => {
    const r = await h.api(
      `quotes(${ids.quote})?$select=name&$expand=quote_details($select=productdescription,quantity;$filter=quantity gt 1;$orderby=lineitemnumber asc;$top=3)`,
    );
    expect(r.status).toBe(200);
    expect(r.body.quote_details.map((d: { productdescription: string }) => d.productdescription)).toEqual(['Line 5', 'Line 4', 'Line 3']);
  });

  test('collection-valued navigation below the first level is read (Join tables using OData: 1:N nested ✓)', async () => {
    const r = await h.api(`opportunities(${ids.rollout})?$expand=parentaccountid($select=name;$expand=contact_customer_accounts($select=fullname))`);
    expect(r.status).toBe(200);
    expect(Array.isArray(r.body.parentaccountid.contact_customer_accounts)).toBe(true);
  });

  test('an unknown navigation property is 400', async () => {
    const r = await h.api(`opportunities(${ids.rollout})?$expand=nosuchnav`);
    expect(r.status).toBe(400);
    expect(r.body.error.message).toContain("Could not find a property named 'nosuchnav'");
  });
});

describe('query options Dataverse does not support', () => {
  test('$skip is refused as Dataverse refuses it', async () => {
    const r = await h.api('opportunities?$skip=1');
    expect(r.status).toBe(400);
    expect(r.body.error.message).toBe('The query parameter $skip is not supported');
  });
});
