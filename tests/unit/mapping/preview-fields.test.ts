/** The preview's fields as a person reads them: labels, display in the user's locale and zone, sources. */
import { previewFields, validateMapping, type TemplateField } from '../../../functions/src/domain/mapping';
import { errorsText } from '../../../functions/src/services/templates/mapping-fit';

const fields: TemplateField[] = [
  { key: 'dt0_name', label: 'Name', type: 'text', required: true },
  { key: 'dt0_total', label: 'Total', type: 'money', required: false },
  { key: 'dt0_day', label: 'Day', type: 'date', required: false },
  { key: 'dt0_at', label: 'At', type: 'datetime', required: false },
  { key: 'dt0_kind', label: 'Kind', type: 'choice', required: false, options: [{ value: 'm', label: 'Mutual' }] },
  { key: 'dt0_ok', label: 'OK', type: 'boolean', required: false },
  { key: 'dt0_law', label: 'Law', type: 'text', required: false },
  { key: 'dt0_lines', label: 'Lines', type: 'table', required: false, columns: [{ key: 'p', label: 'P', type: 'text', required: true }] },
  { key: 'dt0_empty', label: 'Empty', type: 'text', required: false },
];
const mapping = validateMapping(
  {
    trigger_entity: 'opportunity',
    fields: { dt0_total: 'totalamount', dt0_day: 'estimatedclosedate', dt0_at: 'createdon' },
    relatedEntities: { parentaccountid: { entity: 'account', fields: { dt0_name: 'name' } } },
    collections: { dt0_lines: { relationship: 'product_opportunities', entity: 'opportunityproduct', columns: { p: 'productname' } } },
    fixedFieldMappings: { dt0_law: { entity: 'account', id: '00000000-0000-0000-0000-000000000001', attribute: 'address1_country' } },
    constants: { dt0_kind: 'm', dt0_ok: true },
  },
  fields,
).mapping;

it('lists every template field in order, with display in the user’s locale and time zone, and where the value comes from', () => {
  const values = {
    dt0_name: 'Contoso',
    dt0_total: { amount: 1234.5, currency: 'EUR' },
    dt0_day: '2026-01-15',
    dt0_at: '2026-01-15T23:30:00Z',
    dt0_kind: 'm',
    dt0_ok: true,
    dt0_law: 'France',
    dt0_lines: [{ p: 'a' }, { p: 'b' }],
    dt0_empty: null,
  };
  const out = previewFields(mapping, fields, values, { locale: 'fr-FR', timeZone: 'Europe/Paris' });
  expect(out.map((f) => f.key)).toEqual(fields.map((f) => f.key));
  const by = Object.fromEntries(out.map((f) => [f.key, f]));
  expect(by.dt0_name).toMatchObject({ label: 'Name', display: 'Contoso', source: 'parentaccountid.name', required: true });
  expect(by.dt0_total.display.replace(/\s/g, ' ')).toBe('1 234,50 €');
  expect(by.dt0_day.display).toBe('15 janv. 2026');
  expect(by.dt0_at.display).toMatch(/^16 janv\. 2026/); // 23:30 UTC is the next day in Paris
  expect(by.dt0_kind).toMatchObject({ display: 'Mutual', source: 'constant' });
  expect(by.dt0_ok.display).toBe('Yes');
  expect(by.dt0_law.source).toBe('account(00000000-0000-0000-0000-000000000001).address1_country');
  expect(by.dt0_lines).toMatchObject({ display: '2 rows', source: 'product_opportunities' });
  expect(by.dt0_empty).toMatchObject({ value: null, display: '', source: null });
});

it('mapping errors text: one line per problem with its path, cut under 4000 characters', () => {
  const problems = Array.from({ length: 300 }, (_, i) => ({
    kind: 'shape' as const,
    code: 'unknown_attribute' as const,
    path: `$.fields.dt0_f${i}`,
    message: 'opportunity has no column "x"',
  }));
  const text = errorsText(problems);
  expect(text.length).toBeLessThanOrEqual(4000);
  expect(text.split('\n')[0]).toBe('$.fields.dt0_f0: opportunity has no column "x"');
  expect(text).toMatch(/\.\.\. and \d+ more problem\(s\)$/);
});
