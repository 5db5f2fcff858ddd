/**
 * mapping.md "Back into Dynamics: what the CLM decided (`returns`)": the check (columns exist on the
 * trigger entity and are writable, CLM keys exist, types convert) and the conversion read backwards.
 */
import { convertReturns, parseMapping, validateMapping, type Mapping } from '../../../functions/src/domain/mapping';
import { FULL_MAPPING, FULL_TEMPLATE, METADATA } from './fixtures';

const TEMPLATE = [...FULL_TEMPLATE, { key: 'dt0_date_fin', label: 'Date de fin', type: 'date' as const, required: false }];

const withReturns = (returns: unknown) => ({ ...FULL_MAPPING, returns });
const problems = (m: unknown) =>
  validateMapping(m, TEMPLATE, METADATA)
    .problems.map((p) => `${p.code} ${p.path}`)
    .sort();

describe('returns: checked like the rest of the mapping', () => {
  it('accepts the spec example (amount into a money column, end date and renewal notice)', () => {
    expect(problems(withReturns({ when: 'signed', fields: { totalamount: 'dt0_montant' }, endDate: 'dt0_date_fin', renewalNoticeDays: 90 }))).toEqual([]);
  });

  it('flags a column the trigger entity does not have, with its path', () => {
    expect(problems(withReturns({ fields: { dtx_nosuchcolumn: 'dt0_montant' } }))).toEqual(['unknown_attribute $.returns.fields.dtx_nosuchcolumn']);
  });

  it('flags a CLM key the template does not have, and an unknown key in the block', () => {
    expect(problems(withReturns({ fields: { totalamount: 'dt0_nope' }, whenn: 'signed' }))).toEqual(['unknown_key $.returns.whenn']);
    expect(problems(withReturns({ fields: { totalamount: 'dt0_nope' } }))).toEqual(['unknown_template_field $.returns.fields.totalamount']);
  });

  it('flags a column that cannot be written (IsValidForUpdate false) and types that do not convert', () => {
    const metadata = structuredClone(METADATA);
    metadata.entities.quote.attributes.quotenumber.validForUpdate = false;
    const r = validateMapping(withReturns({ fields: { quotenumber: 'dt0_titre', effectivefrom: 'dt0_montant', customerid: 'dt0_titre' } }), TEMPLATE, metadata);
    expect(r.problems.map((p) => `${p.code} ${p.path}`).sort()).toEqual([
      'incompatible_type $.returns.fields.customerid',
      'incompatible_type $.returns.fields.effectivefrom',
      'incompatible_type $.returns.fields.quotenumber',
    ]);
    expect(r.problems.find((p) => p.path.endsWith('quotenumber'))?.message).toMatch(/cannot be written/);
  });

  it('refuses a status that is not a CLM status, an end date that is not a date, and a renewal without an end date', () => {
    expect(problems(withReturns({ when: 'won' }))).toEqual(['invalid_shape $.returns.when']);
    expect(problems(withReturns({ endDate: 'dt0_titre' }))).toEqual(['incompatible_type $.returns.endDate']);
    expect(problems(withReturns({ renewalNoticeDays: 90 }))).toEqual(['invalid_shape $.returns.renewalNoticeDays']);
  });

  it('does not count a returned key as filled twice (a field both sent and brought back is fine)', () => {
    expect(problems(withReturns({ fields: { name: 'dt0_titre' } }))).toEqual([]);
  });
});

describe('convertReturns: the CLM value, by the column type', () => {
  const mapping = (returns: unknown): Mapping => {
    const parsed = parseMapping(withReturns(returns));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    return parsed.mapping;
  };
  const attrs = METADATA.entities.quote.attributes;

  it('money amount into a money column of the record currency; a date into a date-only column; the end date', () => {
    const r = convertReturns(
      mapping({ fields: { totalamount: 'dt0_montant', effectivefrom: 'dt0_date_de_signature', name: 'dt0_titre' }, endDate: 'dt0_date_fin' }),
      { dt0_montant: { amount: 12500.5, currency: 'EUR' }, dt0_date_de_signature: '2026-01-15', dt0_titre: 'Final title', dt0_date_fin: '2027-03-17' },
      TEMPLATE,
      attrs,
      { currency: 'EUR' },
    );
    expect(r).toEqual({ data: { totalamount: 12500.5, effectivefrom: '2026-01-15', name: 'Final title' }, problems: [], endDate: '2027-03-17' });
  });

  it('an amount in another currency is a problem, not a silent write; the other columns are still written', () => {
    const r = convertReturns(
      mapping({ fields: { totalamount: 'dt0_montant', name: 'dt0_titre' } }),
      { dt0_montant: { amount: 10, currency: 'USD' }, dt0_titre: 'T' },
      TEMPLATE,
      attrs,
      { currency: 'EUR' },
    );
    expect(r.data).toEqual({ name: 'T' });
    expect(r.problems).toEqual([{ column: 'totalamount', fieldKey: 'dt0_montant', message: expect.stringMatching(/USD.*EUR/) }]);
  });

  it('a choice goes back through `values` reversed, else by label', () => {
    const m = mapping({ fields: { dtx_language: 'dt0_langue' } });
    expect(convertReturns(m, { dt0_langue: 'en' }, TEMPLATE, attrs, {}).data).toEqual({ dtx_language: 2 });
    const byLabel = { ...m, fields: { ...m.fields, dt0_langue: 'dtx_language' } };
    expect(convertReturns(byLabel, { dt0_langue: 'en' }, TEMPLATE, attrs, { choiceLabels: { dtx_language: { english: 7 } } }).data).toEqual({
      dtx_language: 7,
    });
    expect(convertReturns(byLabel, { dt0_langue: 'en' }, TEMPLATE, attrs, {}).problems).toHaveLength(1);
  });

  it('a text longer than the column is a problem', () => {
    const r = convertReturns(mapping({ fields: { name: 'dt0_titre' } }), { dt0_titre: 'x'.repeat(301) }, TEMPLATE, attrs, {});
    expect(r.problems[0].message).toMatch(/at most 300/);
  });
});
