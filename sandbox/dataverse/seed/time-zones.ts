/**
 * The Windows time zones Dataverse knows by code (timezonedefinition), for the zones the sandbox's
 * people live in and a few common ones. `bias` is Dataverse's: minutes to add to local time to get UTC.
 */
export interface TimeZoneSeed {
  code: number;
  standardName: string;
  daylightName: string;
  userInterfaceName: string;
  bias: number;
  /** The IANA zone a formatter uses for it. */
  iana: string;
}

export const TIME_ZONES: TimeZoneSeed[] = [
  {
    code: 4,
    standardName: 'Pacific Standard Time',
    daylightName: 'Pacific Daylight Time',
    userInterfaceName: '(GMT-08:00) Pacific Time (US & Canada)',
    bias: 480,
    iana: 'America/Los_Angeles',
  },
  {
    code: 10,
    standardName: 'Mountain Standard Time',
    daylightName: 'Mountain Daylight Time',
    userInterfaceName: '(GMT-07:00) Mountain Time (US & Canada)',
    bias: 420,
    iana: 'America/Denver',
  },
  {
    code: 20,
    standardName: 'Central Standard Time',
    daylightName: 'Central Daylight Time',
    userInterfaceName: '(GMT-06:00) Central Time (US & Canada)',
    bias: 360,
    iana: 'America/Chicago',
  },
  {
    code: 35,
    standardName: 'Eastern Standard Time',
    daylightName: 'Eastern Daylight Time',
    userInterfaceName: '(GMT-05:00) Eastern Time (US & Canada)',
    bias: 300,
    iana: 'America/New_York',
  },
  {
    code: 85,
    standardName: 'GMT Standard Time',
    daylightName: 'GMT Daylight Time',
    userInterfaceName: '(GMT) Dublin, Edinburgh, Lisbon, London',
    bias: 0,
    iana: 'Europe/London',
  },
  { code: 92, standardName: 'UTC', daylightName: 'UTC', userInterfaceName: '(GMT) Coordinated Universal Time', bias: 0, iana: 'UTC' },
  {
    code: 105,
    standardName: 'Romance Standard Time',
    daylightName: 'Romance Daylight Time',
    userInterfaceName: '(GMT+01:00) Brussels, Copenhagen, Madrid, Paris',
    bias: -60,
    iana: 'Europe/Paris',
  },
  {
    code: 110,
    standardName: 'W. Europe Standard Time',
    daylightName: 'W. Europe Daylight Time',
    userInterfaceName: '(GMT+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna',
    bias: -60,
    iana: 'Europe/Berlin',
  },
  {
    code: 235,
    standardName: 'Tokyo Standard Time',
    daylightName: 'Tokyo Daylight Time',
    userInterfaceName: '(GMT+09:00) Osaka, Sapporo, Tokyo',
    bias: -540,
    iana: 'Asia/Tokyo',
  },
];

export function timeZone(code: number): TimeZoneSeed {
  const found = TIME_ZONES.find((z) => z.code === code);
  if (!found) throw new Error(`No time zone with code ${code}`);
  return found;
}
