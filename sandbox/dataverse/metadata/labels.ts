/**
 * The small complex types every kind of metadata is built from: Label (LocalizedLabels and
 * UserLocalizedLabel) and the managed properties (`{ Value, CanBeChanged, ManagedPropertyLogicalName }`).
 */
import { ENGLISH, labelTexts, type LabelText } from '../../../solution/model/labels';
import { metadataId } from './ids';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export const NS = '#Microsoft.Dynamics.CRM.';

/**
 * A Label: LocalizedLabels in every language the organization holds a text in, and
 * UserLocalizedLabel in the base language (1033). The engine then sets UserLocalizedLabel to the
 * caller's language (localized-labels.ts), as Dataverse does per request.
 */
export function label(text: LabelText | undefined, idSeed: string): JsonObject {
  const texts = labelTexts(text);
  if (texts.length === 0) return { LocalizedLabels: [], UserLocalizedLabel: null };
  const localized: JsonObject[] = texts.map(([code, t]) => ({
    Label: t,
    LanguageCode: code,
    IsManaged: false,
    // The base language keeps the id it always had; another language's label has its own.
    MetadataId: metadataId('label', code === ENGLISH ? idSeed : `${idSeed}.${code}`),
    HasChanged: null,
  }));
  const base = localized.find((l) => l.LanguageCode === ENGLISH) ?? localized[0]!;
  return { LocalizedLabels: localized, UserLocalizedLabel: { ...base } };
}

export function managed(value: Json, logicalName: string, canBeChanged = true): JsonObject {
  return { Value: value, CanBeChanged: canBeChanged, ManagedPropertyLogicalName: logicalName };
}
