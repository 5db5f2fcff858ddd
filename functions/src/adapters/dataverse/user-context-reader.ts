/**
 * The caller's time zone and locale, from their Dynamics user settings: one request for the user
 * and their settings (systemuser -> user_settings), one for the zone's Windows name
 * (timezonedefinitions, cached for good: the codes are Microsoft's and never change). Cached per
 * user for a few minutes so that a contract request does not pay for it every time.
 */
import type { DataverseGateway } from './client';
import type { Caller, UserContextReader } from '../../services/ports';
import { FALLBACK_TIME_ZONE, ianaFromWindows, localeFromLcid } from './time-zones';
import { guidKey } from './url-values';

const USER_CONTEXT_TTL_MS = 5 * 60_000;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class DataverseUserContextReader implements UserContextReader {
  private readonly users = new Map<string, { value: { timeZone: string; locale: string }; at: number }>();
  private readonly zones = new Map<number, string>();

  constructor(
    private readonly api: DataverseGateway,
    private readonly now: () => number = Date.now,
  ) {}

  async contextOf(as: Caller): Promise<{ timeZone: string; locale: string }> {
    const hit = this.users.get(as.callerObjectId);
    if (hit && this.now() - hit.at < USER_CONTEXT_TTL_MS) return hit.value;
    if (!GUID.test(as.callerObjectId)) throw new Error('callerObjectId is not a GUID');
    const answer = await this.api.retrieveMultiple<{ user_settings?: { timezonecode?: number; localeid?: number }[] }>({
      collection: 'systemusers',
      select: ['systemuserid'],
      filter: `azureactivedirectoryobjectid eq ${guidKey(as.callerObjectId, 'callerObjectId')}`,
      expand: [{ property: 'user_settings', select: ['timezonecode', 'localeid'] }],
    });
    const settings = answer.value[0]?.user_settings?.[0];
    const value = { timeZone: await this.zoneOf(settings?.timezonecode), locale: localeFromLcid(settings?.localeid) };
    this.users.set(as.callerObjectId, { value, at: this.now() });
    return value;
  }

  private async zoneOf(code: number | undefined): Promise<string> {
    if (code === undefined || code === null) return FALLBACK_TIME_ZONE;
    const known = this.zones.get(code);
    if (known) return known;
    const answer = await this.api.retrieveMultiple<{ standardname?: string }>({
      collection: 'timezonedefinitions',
      select: ['standardname'],
      filter: `timezonecode eq ${Number(code)}`,
    });
    const zone = ianaFromWindows(answer.value[0]?.standardname);
    this.zones.set(code, zone);
    return zone;
  }
}
