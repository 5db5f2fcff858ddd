/**
 * `dtclm_outcome_settings` (dataverse-model.md): what a contract's status does to its record,
 * `{"opportunity": {"signed": "win"}, "quote": {"signed": "win"}}`; default `{}`, nothing. Only
 * `signed` can win a record (the issue: "once, when the contract is signed").
 */
import { z } from 'zod';

const perEntity = z.strictObject({ signed: z.enum(['win']).optional() });

const outcomeSettingsSchema = z.strictObject({
  opportunity: perEntity.optional(),
  quote: perEntity.optional(),
});

export type OutcomeSettings = z.infer<typeof outcomeSettingsSchema>;

export type ParsedOutcomeSettings = { ok: true; settings: OutcomeSettings } | { ok: false; message: string };

export function parseOutcomeSettings(json: string | undefined | null): ParsedOutcomeSettings {
  if (json === undefined || json === null || json.trim() === '') return { ok: true, settings: {} };
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return { ok: false, message: 'Dilitrust_Outcome_Settings is not valid JSON: fix it on the admin page (Outcomes).' };
  }
  const parsed = outcomeSettingsSchema.safeParse(value);
  if (parsed.success) return { ok: true, settings: parsed.data };
  const where = parsed.error.issues.map((i) => `${i.path.join('.') || '(settings)'}: ${i.message}`).join('; ');
  return { ok: false, message: `Dilitrust_Outcome_Settings is not understood (${where}): fix it on the admin page (Outcomes).` };
}

/** Whether the settings ask to win this record when its contract is signed. */
export function winsWhenSigned(settings: OutcomeSettings, entity: 'opportunity' | 'quote'): boolean {
  return settings[entity]?.signed === 'win';
}

/** The subject of the opportunity close / quote close activity: it names the contract. */
export function winSubject(contractName: string): string {
  return `Won: contract "${contractName}" signed`.slice(0, 200);
}
