/** dtclm_contactsync_settings: the default of contact-sync.md, and errors a person can act on. */
import { DEFAULT_FIELDS, parseContactSyncSettings } from '../../../functions/src/domain/contact-sync';

describe('contact sync settings', () => {
  test('blank is the default map of contact-sync.md, scope signatories', () => {
    const r = parseContactSyncSettings('');
    expect(r).toEqual({ ok: true, settings: { enabled: true, scope: { kind: 'signatories' }, fields: DEFAULT_FIELDS } });
    expect(DEFAULT_FIELDS.map((f) => [f.clm, f.dynamics, f.direction])).toEqual([
      ['firstName', 'firstname', 'both'],
      ['lastName', 'lastname', 'both'],
      ['email', 'emailaddress1', 'both'],
      ['phone', 'telephone1', 'both'],
      ['active', 'statecode', 'both'],
    ]);
  });

  test('scope "all", an OData filter, and a one-way row', () => {
    expect(parseContactSyncSettings('{"scope":"all"}')).toMatchObject({ ok: true, settings: { scope: { kind: 'all' } } });
    expect(parseContactSyncSettings('{"scope":"address1_country eq \'France\'"}')).toMatchObject({
      ok: true,
      settings: { scope: { kind: 'filter', filter: "address1_country eq 'France'" } },
    });
    const r = parseContactSyncSettings('{"fields":[{"clm":"email","dynamics":"emailaddress1"},{"clm":"phone","dynamics":"mobilephone","direction":"toClm"}]}');
    expect(r).toMatchObject({
      ok: true,
      settings: {
        fields: [
          { clm: 'email', direction: 'both' },
          { clm: 'phone', dynamics: 'mobilephone', direction: 'toClm' },
        ],
      },
    });
  });

  test.each([
    ['not json', '{scope:all}', '', 'is not JSON'],
    ['unknown key', '{"scop":"all"}', 'scop', 'is not a setting'],
    ['enabled as text', '{"enabled":"yes"}', 'enabled', 'true or false'],
    ['bad direction', '{"fields":[{"clm":"email","dynamics":"emailaddress1","direction":"in"}]}', 'fields[0].direction', '"both", "toClm" or "fromClm"'],
    [
      'unknown CLM field',
      '{"fields":[{"clm":"email","dynamics":"emailaddress1"},{"clm":"mobile","dynamics":"mobilephone"}]}',
      'fields[1].clm',
      'one of the CLM contact fields',
    ],
    [
      'externalId',
      '{"fields":[{"clm":"email","dynamics":"emailaddress1"},{"clm":"externalId","dynamics":"contactid"}]}',
      'fields[1].clm',
      'set by the connector',
    ],
    ['no email row', '{"fields":[{"clm":"phone","dynamics":"telephone1"}]}', 'fields', 'matched by e-mail'],
    ['kinds differ', '{"fields":[{"clm":"email","dynamics":"emailaddress1"},{"clm":"active","dynamics":"donotemail"}]}', 'fields[1].dynamics', 'statecode'],
    ['twice', '{"fields":[{"clm":"email","dynamics":"emailaddress1"},{"clm":"email","dynamics":"emailaddress2"}]}', 'fields', 'appears twice'],
  ])('%s is refused with a message naming what to fix', (_name, text, path, words) => {
    const r = parseContactSyncSettings(text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toEqual(expect.arrayContaining([expect.objectContaining({ path, message: expect.stringContaining(words) })]));
  });
});
