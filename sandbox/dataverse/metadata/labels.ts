/**
 * The small complex types every kind of metadata is built from: Label (LocalizedLabels and
 * UserLocalizedLabel) and the managed properties (`{ Value, CanBeChanged, ManagedPropertyLogicalName }`).
 */
import { metadataId } from './ids';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

const LANGUAGE = 1033;
export const NS = '#Microsoft.Dynamics.CRM.';

/** A Label: LocalizedLabels in the organization's language, and the user's (the same here). */
export function label(text: string | undefined, idSeed: string): JsonObject {
  if (text === undefined || text === '') return { LocalizedLabels: [], UserLocalizedLabel: null };
  const localized: JsonObject = { Label: text, LanguageCode: LANGUAGE, IsManaged: false, MetadataId: metadataId('label', idSeed), HasChanged: null };
  return { LocalizedLabels: [localized], UserLocalizedLabel: { ...localized } };
}

export function managed(value: Json, logicalName: string, canBeChanged = true): JsonObject {
  return { Value: value, CanBeChanged: canBeChanged, ManagedPropertyLogicalName: logicalName };
}
