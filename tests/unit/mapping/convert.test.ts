/** mapping.md, "From a Dataverse value to a CLM value": one test per rule of the table. */
import { compileReadPlan, type ReadPlan, type RecordRequest } from '../../../functions/src/domain/mapping';
import { FULL_MAPPING, FULL_TEMPLATE, FV, LEGAL_REP_ID, METADATA, NEW_YORK, PARIS, quoteAnswer } from './fixtures';
import { field, mustParse, run } from './helpers';

const quote = (extra: Record<string, unknown> = {}) => ({ ...quoteAnswer(), ...extra });

describe('conversion of the full example', () => {
  it('produces what a lawyer expects to read', () => {
    const r = run(FULL_MAPPING, FULL_TEMPLATE, [quote(), { systemuserid: LEGAL_REP_ID, fullname: 'Jeanne Légale' }]);
    expect(r.errors).toEqual([]);
    expect(r.name).toBe('Q-1001 Contoso rollout - Contoso Ltd');
    expect(r.fields).toEqual({
      dt0_titre: 'Q-1001 Contoso rollout',
      dt0_montant: { amount: 12500.5, currency: 'EUR' },
      dt0_date_de_signature: '2026-03-10',
      dt0_statut: 'In Progress',
      dt0_langue: 'fr',
      dt0_commentaire: '-',
      dt0_client_nom: 'Contoso Ltd',
      dt0_client_siren: 'FR-552100554',
      dt0_client_contact: 'Ada Lovelace',
      dt0_lignes: [
        { produit: 'Licences', quantite: 50, prix: { amount: 200, currency: 'EUR' } },
        { produit: 'Onboarding', quantite: 1, prix: { amount: 1500, currency: 'EUR' } },
        { produit: 'Support', quantite: 12, prix: { amount: 80.25, currency: 'EUR' } },
      ],
      dt0_representant_legal: 'Jeanne Légale',
      dt0_juridiction: 'Tribunal de commerce de Paris',
    });
    expect(r.signatories).toEqual([
      { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@contoso.example', phone: '+33 1 23 45 67 89', order: 1 },
      { firstName: 'Rémi', lastName: 'Durand', email: 'rep@contoso.example', order: 2 },
    ]);
  });
});

describe('text and multiline', () => {
  const t = [field('f', 'text', { label: 'F' })];
  const one = (source: unknown, values: Record<string, unknown>, template = t, ctx = PARIS) =>
    run({ trigger_entity: 'quote', fields: { f: source } }, template, [{ name: 'n', ...values }], ctx);

  it('keeps strings as they are', () => {
    expect(one('description', { description: '  Clause 4.2 — «verbatim»  ' }).fields.f).toBe('  Clause 4.2 — «verbatim»  ');
  });
  it('gives the label of choices, lookups and two-options', () => {
    expect(one('statuscode', { statuscode: 2, [`statuscode${FV}`]: 'Won' }).fields.f).toBe('Won');
    expect(one('customerid', { _customerid_value: 'acc-1', [`_customerid_value${FV}`]: 'Contoso Ltd' }).fields.f).toBe('Contoso Ltd');
    expect(one('dtx_isframework', { dtx_isframework: true, [`dtx_isframework${FV}`]: 'Oui' }).fields.f).toBe('Oui');
  });
  it('gives numbers, money and dates as Dynamics formats them for the user', () => {
    expect(one('totalamount', { totalamount: 1234.5, [`totalamount${FV}`]: '1 234,50 €' }).fields.f).toBe('1 234,50 €');
    expect(one('createdon', { createdon: '2026-03-09T23:30:00Z', [`createdon${FV}`]: '10/03/2026 00:30' }).fields.f).toBe('10/03/2026 00:30');
  });
  it('formats in the user language and zone when Dataverse gave no formatted value', () => {
    expect(one('createdon', { createdon: '2026-03-09T23:30:00Z' }).fields.f).toBe('10/03/2026 00:30');
    expect(one('createdon', { createdon: '2026-03-09T23:30:00Z' }, t, NEW_YORK).fields.f).toBe('3/9/26, 7:30 PM');
  });
  it('honours "format" (date, datetime, number, money) in the user language and zone', () => {
    const v = { createdon: '2026-03-09T23:30:00Z', totalamount: 1234.5, revisionnumber: 1234567 };
    const withCurrency = { ...v, transactioncurrencyid: { isocurrencycode: 'EUR' } };
    expect(one({ attribute: 'createdon', format: 'date' }, v).fields.f).toBe('10/03/2026');
    expect(one({ attribute: 'createdon', format: 'date' }, v, t, NEW_YORK).fields.f).toBe('3/9/26');
    expect(one({ attribute: 'createdon', format: 'datetime' }, v).fields.f).toBe('10/03/2026 00:30');
    expect(one({ attribute: 'revisionnumber', format: 'number' }, v).fields.f).toBe('1\u202f234\u202f567');
    expect(one({ attribute: 'totalamount', format: 'money' }, withCurrency).fields.f).toBe('1\u202f234,50\u00a0€');
  });
  it('gives a lookup GUID with "as": "id" and the raw value with "as": "value"', () => {
    expect(one({ attribute: 'opportunityid', as: 'id' }, { _opportunityid_value: 'o-1', [`_opportunityid_value${FV}`]: 'Deal' }).fields.f).toBe('o-1');
    expect(one({ attribute: 'statuscode', as: 'value' }, { statuscode: 2, [`statuscode${FV}`]: 'Won' }).fields.f).toBe('2');
  });
  it('reports text longer than maxLength as an error, never a silent cut', () => {
    const r = one('description', { description: 'x'.repeat(11) }, [field('f', 'text', { label: 'Objet', maxLength: 10 })]);
    expect(r.fields.f).toBeUndefined();
    expect(r.errors).toEqual([expect.objectContaining({ kind: 'data', code: 'too_long', path: '$.fields.f', fieldKey: 'f' })]);
    expect(r.errors[0].message).toMatch(/Objet.*11.*10/);
  });
});

describe('number, money, boolean', () => {
  const go = (type: 'number' | 'money' | 'boolean', source: string, values: Record<string, unknown>) =>
    run({ trigger_entity: 'quote', fields: { f: source } }, [field('f', type)], [{ name: 'n', ...values }]);
  it('gives whole numbers, decimals, floats and money as the number', () => {
    expect(go('number', 'revisionnumber', { revisionnumber: 3 }).fields.f).toBe(3);
    expect(go('number', 'totalamount', { totalamount: 10.25, transactioncurrencyid: { isocurrencycode: 'USD' } }).fields.f).toBe(10.25);
  });
  it("gives money with the ISO code of the record's transaction currency", () => {
    const r = go('money', 'totalamount', { totalamount: 99.9, transactioncurrencyid: { isocurrencycode: 'CHF' } });
    expect(r.fields.f).toEqual({ amount: 99.9, currency: 'CHF' });
  });
  it('gives true / false for two options', () => {
    expect(go('boolean', 'dtx_isframework', { dtx_isframework: false, [`dtx_isframework${FV}`]: 'No' }).fields.f).toBe(false);
    expect(go('boolean', 'dtx_isframework', { dtx_isframework: true }).fields.f).toBe(true);
  });
});

describe('date and datetime', () => {
  const go = (type: 'date' | 'datetime', source: string, values: Record<string, unknown>, ctx = PARIS) =>
    run({ trigger_entity: 'quote', fields: { f: source } }, [field('f', type)], [{ name: 'n', ...values }], ctx).fields.f;

  it('gives a date-only column as stored', () => {
    expect(go('date', 'effectivefrom', { effectivefrom: '2026-12-31' })).toBe('2026-12-31');
    expect(go('date', 'effectivefrom', { effectivefrom: '2026-12-31' }, NEW_YORK)).toBe('2026-12-31');
  });
  it("gives a date-and-time column's calendar date in the requesting user's zone", () => {
    // Created at 23:30 UTC: already the next day in Paris, still the same day in New York.
    expect(go('date', 'createdon', { createdon: '2026-11-21T23:30:00Z' }, PARIS)).toBe('2026-11-22');
    expect(go('date', 'createdon', { createdon: '2026-11-21T23:30:00Z' }, NEW_YORK)).toBe('2026-11-21');
    // New York at 03:30 UTC is still the day before.
    expect(go('date', 'createdon', { createdon: '2026-07-01T03:30:00Z' }, NEW_YORK)).toBe('2026-06-30');
  });
  it('gives a time-zone-independent column the date as entered, whoever asks', () => {
    expect(go('date', 'dtx_signedon', { dtx_signedon: '2026-11-21T23:30:00Z' }, PARIS)).toBe('2026-11-21');
  });
  it('gives a datetime field RFC 3339 in UTC', () => {
    expect(go('datetime', 'createdon', { createdon: '2026-11-21T23:30:00Z' })).toBe('2026-11-21T23:30:00Z');
    expect(go('datetime', 'createdon', { createdon: '2026-11-22T00:30:00+01:00' })).toBe('2026-11-21T23:30:00Z');
  });
});

describe('choice', () => {
  const choiceField = field('f', 'choice', {
    label: 'Langue',
    options: [
      { value: 'fr', label: 'Français' },
      { value: 'en', label: 'English' },
      { value: 'de', label: 'Deutsch' },
    ],
  });
  const go = (source: unknown, values: Record<string, unknown>) =>
    run({ trigger_entity: 'quote', fields: { f: source } }, [choiceField], [{ name: 'n', ...values }]);

  it('goes through "values" when given', () => {
    expect(go({ attribute: 'dtx_language', values: { '1': 'fr', '2': 'en' } }, { dtx_language: 2, [`dtx_language${FV}`]: 'Anglais' }).fields.f).toBe('en');
  });
  it('is an error naming the field and the value when "values" has no entry', () => {
    const r = go({ attribute: 'dtx_language', values: { '1': 'fr' } }, { dtx_language: 3, [`dtx_language${FV}`]: 'Allemand' });
    expect(r.errors).toEqual([expect.objectContaining({ code: 'no_choice_match', kind: 'data', path: '$.fields.f' })]);
    expect(r.errors[0].message).toMatch(/Langue.*Allemand/);
  });
  it('matches the option label case- and accent-insensitively otherwise', () => {
    expect(go('dtx_language', { dtx_language: 1, [`dtx_language${FV}`]: 'FRANCAIS' }).fields.f).toBe('fr');
    expect(go('dtx_language', { dtx_language: 1, [`dtx_language${FV}`]: ' français ' }).fields.f).toBe('fr');
    expect(go('description', { description: 'deutsch' }).fields.f).toBe('de');
  });
  it('is an error naming the field and the value when no label matches', () => {
    const r = go('dtx_language', { dtx_language: 9, [`dtx_language${FV}`]: 'Italiano' });
    expect(r.errors[0]).toMatchObject({ code: 'no_choice_match', fieldKey: 'f' });
    expect(r.errors[0].message).toBe('Langue: no option matches "Italiano"');
  });
});

describe('table', () => {
  it('gives an array of rows keyed by column key, converted column by column', () => {
    const r = run(FULL_MAPPING, FULL_TEMPLATE, [quote(), { fullname: 'X' }]);
    expect(r.fields.dt0_lignes).toHaveLength(3);
  });
  it('names the table, row and column of a row error', () => {
    const rows = quoteAnswer().quote_details as Record<string, unknown>[];
    rows[1].productname = null;
    const r = run(FULL_MAPPING, FULL_TEMPLATE, [quote({ quote_details: rows }), { fullname: 'X' }]);
    expect(r.errors).toEqual([expect.objectContaining({ code: 'required_empty', path: '$.collections.dt0_lignes.columns.produit' })]);
    expect(r.errors[0].message).toBe('Produit: Lignes > row 2 > Write-In Product is empty');
  });
  it('gives an empty array when there are no rows', () => {
    expect(run(FULL_MAPPING, FULL_TEMPLATE, [quote({ quote_details: [] }), { fullname: 'X' }]).fields.dt0_lignes).toEqual([]);
  });
});

describe('empty values, default and constants', () => {
  it('gives null for an empty source without default, and the default otherwise', () => {
    const r = run(
      { trigger_entity: 'quote', fields: { a: 'description', b: { attribute: 'description', default: '-' }, c: 'customerid_account.name' } },
      [field('a', 'text'), field('b', 'text'), field('c', 'text')],
      [{ name: 'n', description: null, customerid_account: null }],
    );
    expect(r.fields).toEqual({ a: null, b: '-', c: null });
    expect(r.errors).toEqual([]);
  });
  it('sends constants as written', () => {
    const r = run({ trigger_entity: 'quote', constants: { j: 'Paris', n: 3 } }, [field('j', 'text'), field('n', 'number')], [{ name: 'n' }]);
    expect(r.fields).toEqual({ j: 'Paris', n: 3 });
  });
});

describe('required fields that come out empty', () => {
  it('names the CLM field label and the Dynamics path that was empty', () => {
    const answer = quoteAnswer();
    (answer.customerid_account as Record<string, unknown>).accountnumber = null;
    const r = run(FULL_MAPPING, FULL_TEMPLATE, [answer, { fullname: 'X' }]);
    expect(r.errors).toEqual([
      {
        kind: 'data',
        code: 'required_empty',
        path: '$.relatedEntities.customerid_account.fields.dt0_client_siren',
        fieldKey: 'dt0_client_siren',
        message: 'Client SIREN: Customer > Account Number is empty',
      },
    ]);
  });
  it('names the lookup when the related record itself is missing', () => {
    const r = run(FULL_MAPPING, FULL_TEMPLATE, [quote({ customerid_account: null }), { fullname: 'X' }]);
    expect(r.errors.map((e) => e.message).sort()).toEqual(['Client SIREN: Customer is empty', 'Client: Customer is empty']);
  });
  it('reports a fixed record that cannot be read', () => {
    const r = run(FULL_MAPPING, FULL_TEMPLATE, [quote(), null]);
    expect(r.errors).toEqual([expect.objectContaining({ code: 'record_not_found', path: '$.fixedFieldMappings.dt0_representant_legal' })]);
  });
});

describe('contract name', () => {
  const name = (contractName: string | undefined, answer: Record<string, unknown>) =>
    run({ trigger_entity: 'quote', ...(contractName ? { contractName } : {}) }, [], [answer]).name;
  it('fills {path} like a text field', () => {
    expect(
      name('{name} ({statuscode}) - {customerid_account.name}', {
        name: 'Q-1',
        statuscode: 1,
        [`statuscode${FV}`]: 'Active',
        customerid_account: { name: 'Contoso' },
      }),
    ).toBe('Q-1 (Active) - Contoso');
  });
  it('drops separators left dangling by an empty value', () => {
    expect(name('{name} - {customerid_account.name}', { name: 'Q-1', customerid_account: null })).toBe('Q-1');
  });
  it('defaults to "<template name> - <record primary name>"', () => {
    expect(name(undefined, { name: 'Q-1001 Contoso rollout' })).toBe('Contrat cadre - Q-1001 Contoso rollout');
  });
});

describe('a plan split across requests', () => {
  it('puts the answers back together before converting', () => {
    const chain = Array.from({ length: 17 }, () => 'parentaccountid');
    const mapping = mustParse({ trigger_entity: 'opportunity', fields: { a: `${chain.join('.')}.name` } });
    const plan: ReadPlan = compileReadPlan(mapping, { metadata: METADATA });
    // First answer: 15 levels, the 15th with its id; second: that account, with its 2 levels.
    let first: Record<string, unknown> = { accountid: 'id-15' };
    for (let i = 0; i < 15; i++) first = { parentaccountid: first };
    const second = { accountid: 'id-15', parentaccountid: { parentaccountid: { name: 'Deepest Ltd' } } };
    const r = run({ trigger_entity: 'opportunity', fields: { a: `${chain.join('.')}.name` } }, [field('a', 'text')], [{ name: 'Opp', ...first }, second]);
    expect((plan.requests[1] as RecordRequest).id).toMatchObject({ kind: 'fromGraph' });
    expect(r.fields.a).toBe('Deepest Ltd');
  });
});
