/**
 * Choice fields: a Dataverse option (or text) becomes one of the CLM field's options, through the
 * mapping's `values`, else by matching labels case- and accent-insensitively ("Français" matches
 * "francais"). No match is an error naming the field and the value, never a guess.
 */
import type { NormalizedSource } from '../paths';
import type { TemplateField } from '../template';
import { dataError, describe, ok, type Outcome } from './outcome';
import type { SourceValue } from './source-value';

/** Folds case, accents and spacing: what a reader would call "the same label". */
function foldLabel(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** Folded labels and values of a field's options, folded once per template field. */
const foldedOptions = new WeakMap<TemplateField, { value: string; label: string; value_: string }[]>();
function optionsOf(field: TemplateField) {
  let folded = foldedOptions.get(field);
  if (!folded) {
    folded = (field.options ?? []).map((o) => ({ value: o.value, label: foldLabel(o.label), value_: foldLabel(o.value) }));
    foldedOptions.set(field, folded);
  }
  return folded;
}

function keyOf(raw: unknown): string {
  return typeof raw === 'string' ? raw : JSON.stringify(raw);
}

export function toChoice(v: SourceValue, field: TemplateField, source: Pick<NormalizedSource, 'as' | 'values'>): Outcome {
  if (source.values) {
    const key = keyOf(v.raw);
    const mapped = Object.prototype.hasOwnProperty.call(source.values, key) ? source.values[key] : undefined;
    if (mapped !== undefined) return ok(String(mapped));
    const shown = v.formatted ? `"${v.formatted}" (${key})` : describe(v.raw);
    return dataError('no_choice_match', `${field.label}: no option is mapped for ${shown}`);
  }
  const label = source.as === 'value' || source.as === 'id' ? keyOf(v.raw) : (v.formatted ?? keyOf(v.raw));
  const matched = optionFor(field, label);
  if (matched !== null) return ok(matched);
  return dataError('no_choice_match', `${field.label}: no option matches "${label}"`);
}

/**
 * The option a label matches, or null. Folding (Unicode normalisation and two regular expressions)
 * is the dearest step of a choice cell, and a column repeats a few labels over every row: the
 * answers are kept per template field (bounded).
 */
const matchedLabels = new WeakMap<TemplateField, Map<string, string | null>>();
const MAX_MATCHED_LABELS = 1024;
function optionFor(field: TemplateField, label: string): string | null {
  let matched = matchedLabels.get(field);
  if (!matched) matchedLabels.set(field, (matched = new Map()));
  const known = matched.get(label);
  if (known !== undefined) return known;
  const folded = foldLabel(label);
  const options = optionsOf(field);
  // An admin who keeps Dataverse text equal to the CLM option values gets them matched too.
  const option = options.find((o) => o.label === folded) ?? options.find((o) => o.value_ === folded);
  const value = option ? option.value : null;
  if (matched.size >= MAX_MATCHED_LABELS) matched.clear();
  matched.set(label, value);
  return value;
}
