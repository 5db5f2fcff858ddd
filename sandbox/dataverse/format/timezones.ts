/**
 * Dataverse stores a user's time zone as a Windows time zone code (usersettings.timezonecode);
 * formatting needs the IANA zone. Only the zones the sandbox's people live in, plus a few common ones.
 */
const zones: Record<number, string> = {
  4: 'America/Los_Angeles',
  20: 'America/Chicago',
  35: 'America/New_York',
  85: 'Europe/London',
  92: 'UTC',
  105: 'Europe/Paris',
  110: 'Europe/Berlin',
  235: 'Asia/Tokyo',
};

export const timeZoneForCode = (code: number): string => zones[code] ?? 'UTC';

/** usersettings.localeid -> BCP 47 locale. */
const locales: Record<number, string> = { 1033: 'en-US', 1036: 'fr-FR', 2057: 'en-GB', 1031: 'de-DE', 3082: 'es-ES', 1040: 'it-IT' };

export const localeForId = (id: number): string => locales[id] ?? 'en-US';
