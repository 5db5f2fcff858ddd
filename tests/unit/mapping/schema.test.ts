import { parseMapping, jsonPath } from '../../../functions/src/domain/mapping';
import { FULL_MAPPING, GUIDE_MAPPING } from './fixtures';

const pathsOf = (input: unknown) => {
  const r = parseMapping(input);
  return r.ok ? [] : r.problems.map((p) => p.path);
};

describe('mapping schema (mapping.md "The format")', () => {
  it("accepts the product guide's example unchanged", () => {
    expect(parseMapping(GUIDE_MAPPING).ok).toBe(true);
    expect(parseMapping(JSON.stringify(GUIDE_MAPPING)).ok).toBe(true);
  });

  it('accepts the full format example as written', () => {
    const r = parseMapping(FULL_MAPPING);
    expect(r.ok).toBe(true);
  });

  it('needs trigger_entity and nothing else', () => {
    expect(parseMapping({ trigger_entity: 'quote' }).ok).toBe(true);
    expect(pathsOf({})).toEqual(['$.trigger_entity']);
  });

  it('rejects unknown keys at every level, each with the JSON path of the key', () => {
    const bad = {
      ...FULL_MAPPING,
      feilds: {},
      fields: { ...FULL_MAPPING.fields, dt0_x: { attribute: 'name', defualt: 'x' } },
      relatedEntities: {
        customerid_account: {
          ...FULL_MAPPING.relatedEntities.customerid_account,
          relatedEntities: { primarycontactid: { entity: 'contact', field: {} } },
        },
      },
      collections: { dt0_lignes: { ...FULL_MAPPING.collections.dt0_lignes, order: 'x' } },
      fixedFieldMappings: { dt0_representant_legal: { entity: 'systemuser', id: 'x', attribute: 'fullname', attr: 1 } },
      signatories: [{ ...FULL_MAPPING.signatories[0], mail: 'x' }],
    };
    expect(pathsOf(bad).sort()).toEqual(
      [
        '$.feilds',
        '$.fields.dt0_x.defualt',
        '$.relatedEntities.customerid_account.relatedEntities.primarycontactid.field',
        '$.collections.dt0_lignes.order',
        '$.fixedFieldMappings.dt0_representant_legal.attr',
        '$.signatories[0].mail',
      ].sort(),
    );
  });

  it('reports a wrong value with its path and all problems at once', () => {
    const r = parseMapping({
      trigger_entity: 'quote',
      fields: { a: 'bad path!', b: { attribute: 'name', as: 'text' } },
      collections: { t: { relationship: 'quote_details', entity: 'quotedetail', top: 501, orderBy: 'x up', columns: {} } },
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => p.path).sort()).toEqual(['$.collections.t.orderBy', '$.collections.t.top', '$.fields.a', '$.fields.b.as'].sort());
    expect(r.problems.every((p) => p.kind === 'shape' && p.message.length > 0)).toBe(true);
  });

  it('accepts orderBy with asc or desc and top up to 500', () => {
    for (const orderBy of ['lineitemnumber', 'lineitemnumber asc', 'lineitemnumber desc']) {
      expect(parseMapping({ trigger_entity: 'quote', collections: { t: { relationship: 'r', entity: 'e', orderBy, top: 500, columns: {} } } }).ok).toBe(true);
    }
  });

  it('reports text that is not JSON', () => {
    const r = parseMapping('{ "trigger_entity": ');
    expect(r.ok).toBe(false);
  });

  it('writes JSON paths the way the admin page shows them', () => {
    expect(jsonPath(['relatedEntities', 'customerid_account', 'fields', 'dt0_client_nom'])).toBe('$.relatedEntities.customerid_account.fields.dt0_client_nom');
    expect(jsonPath(['signatories', 0, 'email'])).toBe('$.signatories[0].email');
    expect(jsonPath(['fields', 'a key'])).toBe('$.fields["a key"]');
  });
});
