/** The admin page's Outcomes section reads and writes Dilitrust_Outcome_Settings as dataverse-model.md spells it. */
import { choicesOf, settingsJson } from '../../../webresources/pages/admin/outcome-settings';
import { parseOutcomeSettings, winsWhenSigned } from '../../../functions/src/domain/outcomes';

test('the two switches make the JSON the connector reads, and read it back', () => {
  expect(settingsJson({ winOpportunity: true, winQuote: true })).toBe('{"opportunity":{"signed":"win"},"quote":{"signed":"win"}}');
  expect(settingsJson({ winOpportunity: false, winQuote: false })).toBe('{}');
  for (const choices of [
    { winOpportunity: true, winQuote: false },
    { winOpportunity: false, winQuote: true },
  ]) {
    const json = settingsJson(choices);
    expect(choicesOf(json)).toEqual({ ok: true, choices });
    const parsed = parseOutcomeSettings(json);
    expect(parsed.ok && winsWhenSigned(parsed.settings, 'opportunity')).toBe(choices.winOpportunity);
    expect(parsed.ok && winsWhenSigned(parsed.settings, 'quote')).toBe(choices.winQuote);
  }
});

test('empty is nothing; JSON that does not parse is said so, on the page and to the connector', () => {
  expect(choicesOf('')).toEqual({ ok: true, choices: { winOpportunity: false, winQuote: false } });
  expect(choicesOf('{oops').ok).toBe(false);
  expect(parseOutcomeSettings('{oops')).toMatchObject({ ok: false, message: expect.stringMatching(/not valid JSON/) });
  expect(parseOutcomeSettings('{"opportunity": {"signed": "lose"}}')).toMatchObject({ ok: false });
  expect(parseOutcomeSettings(undefined)).toEqual({ ok: true, settings: {} });
});
