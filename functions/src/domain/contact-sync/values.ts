/**
 * A contact's synced fields, keyed by CLM field name (`firstName`, `active`...), on either side:
 * the one vocabulary the merge speaks. Empty text ('' or missing) is `null`, so that "no value"
 * has one spelling whatever side it came from.
 */
export type FieldValue = string | boolean | null;
export type ContactValues = Record<string, FieldValue>;

/** What each side held after the last sync (dtclm_syncedvalues); they differ only where a side could not take a value. */
export interface SyncedValues {
  dynamics: ContactValues;
  clm: ContactValues;
}

export function normalise(value: unknown): FieldValue {
  if (value === undefined || value === null) return null;
  if (typeof value === 'boolean') return value;
  const text = String(value);
  return text === '' ? null : text;
}

export function isEmpty(value: FieldValue): boolean {
  return value === null || (typeof value === 'string' && value.trim() === '');
}

export function sameValue(a: FieldValue, b: FieldValue): boolean {
  return normalise(a) === normalise(b);
}

function canonical(values: ContactValues): string {
  return JSON.stringify(
    Object.keys(values)
      .sort()
      .map((k) => [k, normalise(values[k])]),
  );
}

/** What dtclm_syncedhash fingerprints: both sides' synced values, in a fixed order. */
export function canonicalSynced(values: SyncedValues): string {
  return `${canonical(values.dynamics)}|${canonical(values.clm)}`;
}

/** dtclm_syncedvalues as written (JSON, well under its 4000 characters for the default map). */
export function serialiseSynced(values: SyncedValues): string {
  return JSON.stringify({ dynamics: values.dynamics, clm: values.clm });
}

/** Undefined when the column is empty or not ours (then the merge treats the link as never synced). */
export function parseSynced(text: string | null | undefined): SyncedValues | undefined {
  if (!text) return undefined;
  try {
    const json = JSON.parse(text) as { dynamics?: unknown; clm?: unknown };
    if (typeof json?.dynamics !== 'object' || typeof json?.clm !== 'object' || !json.dynamics || !json.clm) return undefined;
    return { dynamics: json.dynamics as ContactValues, clm: json.clm as ContactValues };
  } catch {
    return undefined;
  }
}
