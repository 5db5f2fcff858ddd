/**
 * Dilitrust_Outcome_Settings (dataverse-model.md) as the admin page's Outcomes section edits it:
 * `{"opportunity": {"signed": "win"}, "quote": {"signed": "win"}}`, default `{}`. Pure.
 */
export interface OutcomeChoices {
  winOpportunity: boolean;
  winQuote: boolean;
}

export type ReadChoices = { ok: true; choices: OutcomeChoices } | { ok: false; message: string };

export function choicesOf(json: string | undefined): ReadChoices {
  if (!json || !json.trim()) return { ok: true, choices: { winOpportunity: false, winQuote: false } };
  try {
    const v = JSON.parse(json) as { opportunity?: { signed?: unknown }; quote?: { signed?: unknown } } | null;
    if (!v || typeof v !== 'object' || Array.isArray(v)) throw new Error('not an object');
    return { ok: true, choices: { winOpportunity: v.opportunity?.signed === 'win', winQuote: v.quote?.signed === 'win' } };
  } catch {
    return { ok: false, message: 'The current value is not valid JSON; saving here replaces it.' };
  }
}

export function settingsJson(c: OutcomeChoices): string {
  const out: Record<string, { signed: 'win' }> = {};
  if (c.winOpportunity) out.opportunity = { signed: 'win' };
  if (c.winQuote) out.quote = { signed: 'win' };
  return JSON.stringify(out);
}
