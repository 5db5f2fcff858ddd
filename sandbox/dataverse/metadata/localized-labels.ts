/**
 * UserLocalizedLabel in the caller's language. Dataverse answers every Label of its metadata with
 * all its LocalizedLabels and, as UserLocalizedLabel, the one in the calling user's language
 * (usersettings.uilanguageid), else the organization's base language (Microsoft, "Label
 * ComplexType": "UserLocalizedLabel: Gets or sets the label for the language of the current user").
 */
import { ENGLISH } from '../../../solution/model/labels';
import type { Json, JsonObject } from './labels';

function isLabel(o: JsonObject): boolean {
  return Array.isArray(o.LocalizedLabels) && 'UserLocalizedLabel' in o;
}

function inLanguage(o: JsonObject, languageCode: number): JsonObject {
  const labels = o.LocalizedLabels as JsonObject[];
  const pick = labels.find((l) => l.LanguageCode === languageCode) ?? labels.find((l) => l.LanguageCode === ENGLISH) ?? labels[0];
  return { ...o, UserLocalizedLabel: pick ? { ...pick } : null };
}

/** A copy of `json` whose every Label's UserLocalizedLabel is in `languageCode`. */
export function inUserLanguage<T extends Json>(json: T, languageCode: number): T {
  if (languageCode === ENGLISH) return json;
  const walk = (v: Json): Json => {
    if (Array.isArray(v)) return v.map(walk);
    if (v === null || typeof v !== 'object') return v;
    const o = Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)])) as JsonObject;
    return isLabel(o) ? inLanguage(o, languageCode) : o;
  };
  return walk(json) as T;
}
