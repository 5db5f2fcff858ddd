/**
 * Dynamics stores a user's zone as a Windows time zone code (usersettings.timezonecode, e.g. 105
 * "Romance Standard Time"); the conversion needs an IANA zone ("Europe/Paris"). CLDR's
 * windowsZones mapping (through the maintained `windows-iana` package) turns the Windows
 * standard name into IANA; the first IANA name is CLDR's "golden" zone for the territory 001.
 */
import { findIana } from 'windows-iana';

export const FALLBACK_TIME_ZONE = 'UTC';

export function ianaFromWindows(standardName: string | undefined): string {
  if (!standardName) return FALLBACK_TIME_ZONE;
  const found = findIana(standardName);
  return found[0] ?? FALLBACK_TIME_ZONE;
}

/**
 * usersettings.localeid (a Windows LCID) -> BCP 47, for the locales Dynamics offers most; others
 * fall back to en-US (formatted values still come from Dataverse, in the user's own format).
 */
const LCID: Record<number, string> = {
  1025: 'ar-SA',
  1028: 'zh-TW',
  1029: 'cs-CZ',
  1030: 'da-DK',
  1031: 'de-DE',
  1032: 'el-GR',
  1033: 'en-US',
  1035: 'fi-FI',
  1036: 'fr-FR',
  1037: 'he-IL',
  1038: 'hu-HU',
  1040: 'it-IT',
  1041: 'ja-JP',
  1042: 'ko-KR',
  1043: 'nl-NL',
  1044: 'nb-NO',
  1045: 'pl-PL',
  1046: 'pt-BR',
  1049: 'ru-RU',
  1053: 'sv-SE',
  1055: 'tr-TR',
  2052: 'zh-CN',
  2057: 'en-GB',
  2058: 'es-MX',
  2067: 'nl-BE',
  2070: 'pt-PT',
  3079: 'de-AT',
  3081: 'en-AU',
  3082: 'es-ES',
  3084: 'fr-CA',
  4105: 'en-CA',
  4108: 'fr-CH',
  2055: 'de-CH',
  2060: 'fr-BE',
  5132: 'fr-LU',
};

export function localeFromLcid(lcid: number | undefined): string {
  return (lcid !== undefined && LCID[lcid]) || 'en-US';
}
