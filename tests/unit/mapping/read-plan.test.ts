import {
  assembleGraph,
  compileReadPlan,
  orderRows,
  expandCount,
  MAX_EXPANDS_PER_QUERY,
  MAX_URL_LENGTH,
  ReadPlanCache,
  renderQuery,
  type RecordRequest,
} from '../../../functions/src/domain/mapping';
import { FULL_MAPPING, FULL_TEMPLATE, GUIDE_MAPPING, GUIDE_TEMPLATE, LEGAL_REP_ID, METADATA } from './fixtures';
import { mustParse } from './helpers';

const plan = (m: unknown, opts = { metadata: METADATA, templateFields: FULL_TEMPLATE }) => compileReadPlan(mustParse(m), opts);
const records = (p: ReturnType<typeof plan>) => p.requests.filter((r): r is RecordRequest => r.kind === 'record');

describe('read plan (mapping.md "How it is read: few round trips")', () => {
  it('reads the full example in one request for the quote and one for the fixed record', () => {
    const p = plan(FULL_MAPPING);
    expect(p.requests).toHaveLength(2);
    const [quote, fixed] = records(p);
    expect(quote.entity).toBe('quote');
    expect(quote.id).toEqual({ kind: 'trigger' });
    expect(renderQuery(quote)).toBe(
      '$select=createdon,description,dtx_language,name,statuscode,totalamount' +
        '&$expand=customerid_account($select=accountnumber,name;$expand=primarycontactid($select=fullname)),' +
        'customerid_contact($select=emailaddress1,firstname,lastname,telephone1),' +
        'owninguser($select=firstname,internalemailaddress,lastname),' +
        // The query nests (customerid_account/primarycontactid), so Dataverse takes only $select and
        // $filter in the lines' expansion ("Join tables using OData"): the connector orders and cuts them.
        'quote_details($select=lineitemnumber,priceperunit,productname,quantity,quotedetailid),' +
        'transactioncurrencyid($select=isocurrencycode)',
    );
    expect(quote.expand.find((n) => n.navigation === 'quote_details')?.collection).toEqual({
      local: { property: 'lineitemnumber', descending: false, top: 200, idProperty: 'quotedetailid' },
    });
    expect(fixed).toMatchObject({ purpose: 'fixed', entity: 'systemuser', id: { kind: 'literal', value: LEGAL_REP_ID }, select: ['fullname'] });
  });

  it('is one request without fixed mappings', () => {
    const { fixedFieldMappings: _, ...withoutFixed } = FULL_MAPPING;
    expect(plan(withoutFixed).requests).toHaveLength(1);
  });

  it('reads the ownerid_systemuser alias through owninguser, and says so', () => {
    const p = plan(FULL_MAPPING);
    expect(p.notes.join('\n')).toMatch(/ownerid_systemuser.*owninguser/);
    expect(renderQuery(records(p)[0])).not.toContain('ownerid_systemuser');
  });

  it('reads all fixed mappings in one more request, whatever their number', () => {
    const ids = ['11111111-1111-1111-1111-111111111111', '22222222-2222-2222-2222-222222222222'];
    const fixed = Object.fromEntries(
      Array.from({ length: 6 }, (_, i) => [`f${i}`, { entity: i < 3 ? 'systemuser' : 'account', id: ids[i % 2], attribute: i < 3 ? 'fullname' : 'name' }]),
    );
    const p = plan({ trigger_entity: 'quote', fields: { a: 'name' }, fixedFieldMappings: fixed });
    expect(p.requests).toHaveLength(2);
    const batch = p.requests[1];
    expect(batch.kind).toBe('batch');
    if (batch.kind !== 'batch') return;
    expect(batch.parts.map((r) => `${r.entity}:${(r.id as { value: string }).value}:${r.select.join(',')}`).sort()).toEqual(
      [`account:${ids[0]}:name`, `account:${ids[1]}:name`, `systemuser:${ids[0]}:fullname`, `systemuser:${ids[1]}:fullname`].sort(),
    );
  });

  it('merges fixed mappings of the same record into one GET', () => {
    const p = plan({
      trigger_entity: 'quote',
      fixedFieldMappings: {
        a: { entity: 'systemuser', id: LEGAL_REP_ID, attribute: 'fullname' },
        b: { entity: 'systemuser', id: LEGAL_REP_ID.toUpperCase(), attribute: 'title' },
      },
    });
    expect(p.requests).toHaveLength(2);
    expect(records(p)[1].select).toEqual(['fullname', 'title']);
  });

  it('selects lookups as _x_value, and the record currency for money', () => {
    const p = plan(
      { trigger_entity: 'quote', fields: { a: 'customerid', b: { attribute: 'opportunityid', as: 'id' }, c: 'totalamount' } },
      { metadata: METADATA, templateFields: [] },
    );
    expect(renderQuery(records(p)[0])).toBe(
      '$select=_customerid_value,_opportunityid_value,name,totalamount&$expand=transactioncurrencyid($select=isocurrencycode)',
    );
  });

  it('follows paths and related blocks to any depth, merging what they share', () => {
    const p = plan(
      {
        trigger_entity: 'opportunity',
        fields: { a: 'parentaccountid.parentaccountid.primarycontactid.fullname', b: 'parentaccountid.name' },
        relatedEntities: { parentaccountid: { entity: 'account', fields: { c: 'accountnumber' } } },
      },
      { metadata: METADATA, templateFields: [] },
    );
    expect(renderQuery(records(p)[0])).toBe(
      '$select=name&$expand=parentaccountid($select=accountnumber,name;$expand=parentaccountid($select=accountid;$expand=primarycontactid($select=fullname)))',
    );
  });

  it("reads the primary name for the default contract name, and the signatories' columns", () => {
    const p = plan(
      { trigger_entity: 'opportunity', signatories: [{ from: 'this', firstName: 'name', lastName: 'name', email: 'name' }] },
      { metadata: METADATA, templateFields: [] },
    );
    expect(renderQuery(records(p)[0])).toBe('$select=name');
  });

  it(`splits into the fewest requests when more than ${MAX_EXPANDS_PER_QUERY} $expand options are needed, and says so`, () => {
    // 20 related blocks on the trigger record: 20 joins do not fit in one query.
    const relatedEntities = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`nav${i}`, { entity: 'account', fields: { [`f${i}`]: 'name' } }]));
    const p = compileReadPlan(mustParse({ trigger_entity: 'quote', fields: { t: 'name' }, relatedEntities }), {});
    expect(p.requests).toHaveLength(2);
    const counts = records(p).map((r) => expandCount(r.expand));
    expect(counts.every((c) => c <= MAX_EXPANDS_PER_QUERY)).toBe(true);
    expect(counts.reduce((a, b) => a + b)).toBe(20);
    expect(records(p).every((r) => r.id.kind === 'trigger')).toBe(true);
    expect(records(p)[0].select).toEqual(['name']);
    expect(p.notes.join('\n')).toMatch(/split into 2 requests/);
  });

  it('reads a branch deeper than the limit from its own record by id', () => {
    // A chain of 17 lookups: no single query can hold it.
    const chain = Array.from({ length: 17 }, () => 'parentaccountid').join('.');
    const p = compileReadPlan(mustParse({ trigger_entity: 'opportunity', fields: { a: `${chain}.name` } }), { metadata: METADATA });
    expect(p.requests.length).toBe(2);
    const [first, second] = records(p);
    expect(expandCount(first.expand)).toBeLessThanOrEqual(MAX_EXPANDS_PER_QUERY);
    expect(expandCount(first.expand)).toBe(15);
    const fifteen = Array.from({ length: 15 }, () => 'parentaccountid');
    expect(second.id).toMatchObject({ kind: 'fromGraph', path: fifteen, attribute: 'accountid' });
    expect(second.entity).toBe('account');
    expect(second.attachAt).toEqual(fifteen);
    expect(expandCount(second.expand)).toBe(2);
    expect(p.notes.some((n) => /by id/.test(n))).toBe(true);
  });

  it('keeps every request URL under the documented maximum', () => {
    const fields = Object.fromEntries(Array.from({ length: 4000 }, (_, i) => [`f${i}`, `nav${i % 10}.attribute_with_a_rather_long_name_${i}`]));
    const p = compileReadPlan(mustParse({ trigger_entity: 'quote', fields }), {});
    expect(p.requests.length).toBeGreaterThan(1);
    for (const r of records(p)) expect(encodeURI(renderQuery(r)).length).toBeLessThan(MAX_URL_LENGTH);
  });

  it('is compiled once and reused until the mapping changes', () => {
    const cache = new ReadPlanCache();
    const opts = { metadata: METADATA, templateFields: GUIDE_TEMPLATE };
    const m = mustParse(GUIDE_MAPPING);
    const first = cache.get(m, opts);
    // Same mapping, keys in another order: same plan object.
    const reordered = mustParse({ fixedFieldMappings: GUIDE_MAPPING.fixedFieldMappings, fields: GUIDE_MAPPING.fields, trigger_entity: 'opportunity' });
    expect(cache.get(reordered, opts)).toBe(first);
    expect(cache.compilations).toBe(1);
    const changed = mustParse({ ...GUIDE_MAPPING, fields: { dt0_date_de_signature: 'modifiedon' } });
    expect(cache.get(changed, opts)).not.toBe(first);
    expect(cache.compilations).toBe(2);
    // New metadata (another version) compiles again.
    cache.get(m, { ...opts, metadata: { ...METADATA, version: 'fixture-2' } });
    expect(cache.compilations).toBe(3);
  });
});

describe('collections when the query nests (Join tables using OData: "Nested $expand on collection-valued navigation properties")', () => {
  const lines = { relationship: 'quote_details', entity: 'quotedetail', orderBy: 'lineitemnumber desc', top: 2, columns: { p: 'productname' } };

  it('asks Dataverse to order and cut when nothing nests', () => {
    const p = plan({
      trigger_entity: 'quote',
      fields: { t: 'name' },
      relatedEntities: { customerid_account: { entity: 'account', fields: { a: 'name' } } },
      collections: { l: lines },
    });
    expect(renderQuery(records(p)[0])).toContain('quote_details($select=productname;$orderby=lineitemnumber desc;$top=2)');
  });

  it('orders and cuts the rows itself once every page is read, when anything nests', () => {
    const p = plan({
      trigger_entity: 'quote',
      fields: { t: 'name' },
      relatedEntities: {
        customerid_account: {
          entity: 'account',
          fields: { a: 'name' },
          relatedEntities: { primarycontactid: { entity: 'contact', fields: { c: 'fullname' } } },
        },
      },
      collections: { l: lines },
    });
    const [quote] = records(p);
    expect(renderQuery(quote)).not.toMatch(/\$orderby|\$top/);
    const row = (id: string, n: number | null, name: string) => ({ quotedetailid: id, lineitemnumber: n, productname: name });
    const answer = {
      quoteid: 'q',
      name: 'Q',
      customerid_account: { name: 'A', primarycontactid: { fullname: 'C' } },
      quote_details: [row('b', 1, 'one'), row('a', 3, 'three'), row('c', null, 'none'), row('d', 2, 'two')],
    };
    const graph = assembleGraph(p, [answer]);
    expect((graph.trigger.quote_details as { productname: string }[]).map((r) => r.productname)).toEqual(['three', 'two']);
  });
});

describe('orderRows: the order Dataverse gives', () => {
  it('puts nulls first ascending, ignores case, breaks ties by id, and cuts to top', () => {
    const rows = [
      { id: '3', v: 'b' },
      { id: '1', v: null },
      { id: '2', v: 'B' },
      { id: '0', v: 'a' },
    ];
    expect(orderRows(rows, { property: 'v', descending: false, idProperty: 'id' }).map((r) => r.id)).toEqual(['1', '0', '2', '3']);
    expect(orderRows(rows, { property: 'v', descending: true, top: 3, idProperty: 'id' }).map((r) => r.id)).toEqual(['2', '3', '0']);
    expect(
      orderRows(
        [
          { id: 'b', n: 10 },
          { id: 'a', n: 9 },
        ],
        { property: 'n', descending: false, idProperty: 'id' },
      ).map((r) => r.id),
    ).toEqual(['a', 'b']);
  });
});
