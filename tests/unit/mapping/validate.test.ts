import { validateMapping } from '../../../functions/src/domain/mapping';
import { FULL_MAPPING, FULL_TEMPLATE, GUIDE_MAPPING, GUIDE_TEMPLATE, LEGAL_REP_ID, METADATA } from './fixtures';
import { field } from './helpers';

const problems = (m: unknown, template = FULL_TEMPLATE, metadata = METADATA) =>
  validateMapping(m, template, metadata)
    .problems.map((p) => `${p.code} ${p.path}`)
    .sort();

describe('validateMapping (mapping.md "Checking a mapping")', () => {
  it('accepts the full example against its template and Dataverse metadata', () => {
    const r = validateMapping(FULL_MAPPING, FULL_TEMPLATE, METADATA);
    expect(r.problems).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.mapping).toBeDefined();
  });

  it("accepts the guide's example once its id is a real GUID, and says what is wrong with <guid>", () => {
    const real = {
      ...GUIDE_MAPPING,
      fixedFieldMappings: { dt0_representant_legal: { ...GUIDE_MAPPING.fixedFieldMappings.dt0_representant_legal, id: LEGAL_REP_ID } },
    };
    expect(problems(real, GUIDE_TEMPLATE)).toEqual([]);
    expect(problems(GUIDE_MAPPING, GUIDE_TEMPLATE)).toEqual(['invalid_id $.fixedFieldMappings.dt0_representant_legal.id']);
  });

  it('reports every problem at once, each with its path, even when one section is malformed', () => {
    const bad = {
      trigger_entity: 'lead',
      fields: { dt0_titre: 'nmae', dt0_inconnu: 'name' },
      relatedEntities: { customerid_account: { entity: 'account', fields: { dt0_client_nom: 'name', dt0_client_siren: 'sirenn' } } },
      collections: { dt0_lignes: { relationship: 'quote_details', entity: 'quotedetail', columns: { produit: 'productname' } }, x: 1 },
      signatories: [{ from: 'customerid_contact', firstName: 'firstname', lastName: 'lastname', email: 'email' }],
    };
    expect(problems(bad)).toEqual(
      [
        'invalid_shape $.collections.x',
        'unsupported_trigger $.trigger_entity',
        'unknown_entity $.fields.dt0_titre',
        'unknown_template_field $.fields.dt0_inconnu',
        'unknown_attribute $.relatedEntities.customerid_account.fields.dt0_client_siren',
        'required_unmapped $.fields.dt0_montant',
      ].sort(),
    );
  });

  it('reports CLM keys the template lacks and required fields left unmapped', () => {
    expect(problems({ trigger_entity: 'quote', fields: { nope: 'name' } }, [field('req', 'text', { required: true })])).toEqual([
      'required_unmapped $.fields.req',
      'unknown_template_field $.fields.nope',
    ]);
    // A constant fills a required field too.
    expect(problems({ trigger_entity: 'quote', constants: { req: 'x' } }, [field('req', 'text', { required: true })])).toEqual([]);
  });

  it('reports attributes and navigation properties Dataverse does not have', () => {
    expect(
      problems(
        {
          trigger_entity: 'quote',
          fields: { a: 'customerid_acount.name', b: 'customerid_account.nam' },
          relatedEntities: { parentaccountid: { entity: 'account' }, customerid_contact: { entity: 'account' } },
          collections: { t: { relationship: 'quote_detail', entity: 'quotedetail', columns: {} } },
          signatories: [{ from: 'quote_details', firstName: 'a', lastName: 'b', email: 'c' }],
        },
        [field('a', 'text'), field('b', 'text'), field('t', 'table', { columns: [] })],
      ),
    ).toEqual(
      [
        'unknown_navigation $.fields.a',
        'unknown_attribute $.fields.b',
        'unknown_navigation $.relatedEntities.parentaccountid',
        'unknown_navigation $.relatedEntities.customerid_contact.entity',
        'unknown_relationship $.collections.t.relationship',
        'unknown_navigation $.signatories[0].from',
      ].sort(),
    );
  });

  it('accepts ownerid_systemuser as the owning user', () => {
    expect(problems({ trigger_entity: 'quote', signatories: [FULL_MAPPING.signatories[1]] }, [])).toEqual([]);
  });

  it('reports types that cannot become the CLM type', () => {
    const template = [
      field('n', 'number'),
      field('m', 'money'),
      field('d', 'datetime'),
      field('b', 'boolean'),
      field('c', 'choice', { options: [{ value: 'x', label: 'X' }] }),
      field('t', 'table', { columns: [] }),
      field('i', 'text'),
      field('f', 'number'),
    ];
    expect(
      problems(
        {
          trigger_entity: 'quote',
          fields: {
            n: 'name',
            m: 'revisionnumber',
            d: 'effectivefrom',
            b: 'statuscode',
            c: { attribute: 'dtx_language', values: { '1': 'y' } },
            t: 'name',
            i: { attribute: 'name', as: 'id' },
            f: { attribute: 'totalamount', format: 'money' },
          },
        },
        template,
      ),
    ).toEqual(
      [
        'incompatible_type $.fields.n',
        'incompatible_type $.fields.m',
        'incompatible_type $.fields.d',
        'incompatible_type $.fields.b',
        'invalid_literal $.fields.c.values["1"]',
        'incompatible_type $.fields.t',
        'incompatible_type $.fields.i',
        'incompatible_type $.fields.f',
      ].sort(),
    );
  });

  it('accepts what the conversion table allows', () => {
    const template = [
      field('n', 'number'),
      field('m', 'money'),
      field('d', 'date'),
      field('dt', 'datetime'),
      field('b', 'boolean'),
      field('c', 'choice', { options: [] }),
      field('s', 'text'),
    ];
    expect(
      problems(
        {
          trigger_entity: 'quote',
          fields: { n: 'revisionnumber', m: 'totalamount', d: 'effectivefrom', dt: 'createdon', b: 'dtx_isframework', c: 'statuscode', s: 'customerid' },
        },
        template,
      ),
    ).toEqual([]);
  });

  it('checks defaults and constants against the field type', () => {
    expect(
      problems({ trigger_entity: 'quote', fields: { n: { attribute: 'revisionnumber', default: 'zero' } }, constants: { d: '31/12/2026', c: 'nope' } }, [
        field('n', 'number'),
        field('d', 'date'),
        field('c', 'choice', { options: [{ value: 'ok', label: 'OK' }] }),
      ]),
    ).toEqual(['invalid_literal $.constants.c', 'invalid_literal $.constants.d', 'invalid_literal $.fields.n.default']);
  });

  it('reports a CLM field filled twice', () => {
    expect(problems({ trigger_entity: 'quote', fields: { a: 'name' }, constants: { a: 'x' } }, [field('a', 'text')])).toEqual(['invalid_shape $.constants.a']);
  });

  it('refuses row columns read through a further lookup (Dataverse cannot order such rows)', () => {
    expect(
      problems({ trigger_entity: 'quote', collections: { t: { relationship: 'quote_details', entity: 'quotedetail', columns: { p: 'productid.name' } } } }, [
        field('t', 'table', { columns: [field('p', 'text')] }),
      ]),
    ).toEqual(['unsupported_path $.collections.t.columns.p']);
  });

  it('checks the shape alone when no metadata is given', () => {
    expect(validateMapping({ trigger_entity: 'quote', fields: { a: 'whatever.path' } }, [field('a', 'text')]).ok).toBe(true);
  });
});
