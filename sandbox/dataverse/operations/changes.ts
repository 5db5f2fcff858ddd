/**
 * Change tracking, as "Use change tracking to synchronize data with external systems" documents it:
 * - `Prefer: odata.track-changes` on a query answers `@odata.deltaLink` (retrieveMultiple.ts); its
 *   token names the point the initial read started from, so a row changed while the pages were
 *   being read comes again in the next delta;
 * - following the link returns the rows created or updated since (current values, `$select`ed),
 *   then a `$deletedEntity` entry per row deleted since, and a new deltaLink;
 * - "Changes are returned if the last token is within a default value of 7 days"
 *   (Organization.ExpireChangeTrackingInDays); an older token is refused with ExpiredVersionStamp
 *   (0x80044352, "Version stamp associated with the client has expired. Please perform a full
 *   sync.");
 * - "The calling user must have organization level read access to the table. If the user has
 *   limited read access, the system throws a privilege check error."
 * Tokens carry their date; the change-tracking clock of an emulator can be moved forward
 * (`POST /_sandbox/change-tracking/age`, controls/change-tracking.ts) so a test ages its tokens.
 */
import type { QueryOptions } from '../odata/ast';
import { DataverseError, ErrorCodes, badRequest } from '../errors';
import type { TableInfo } from '../schema/catalog';
import type { Store } from '../store/store';
import { privilegeDepth } from '../security/caller';
import { privilegeName } from '../security/privilege-names';
import { formatRow, selectedAttributes } from '../format/entity';
import { jsonResponse, type ApiResponse } from '../http/types';
import { contextPath, encodeQuery } from './links';
import type { Scope } from './scope';

const EXPIRED_VERSION_STAMP = '0x80044352';
const DEFAULT_EXPIRE_CHANGE_TRACKING_DAYS = 7;

interface TrackingClock {
  /** How far the emulator's change-tracking clock runs ahead of the wall clock. */
  offsetMs: number;
  expireDays: number;
}

/** One clock per emulated organization (its store). */
const clocks = new WeakMap<Store, TrackingClock>();

function clockOf(store: Store): TrackingClock {
  let clock = clocks.get(store);
  if (!clock) {
    clock = { offsetMs: 0, expireDays: DEFAULT_EXPIRE_CHANGE_TRACKING_DAYS };
    clocks.set(store, clock);
  }
  return clock;
}

/** Moves the organization's change-tracking clock `days` forward: every token handed out so far is that much older. */
export function ageChangeTracking(store: Store, days: number): void {
  clockOf(store).offsetMs += days * 24 * 60 * 60 * 1000;
}

export function setExpireChangeTrackingInDays(store: Store, days: number): void {
  clockOf(store).expireDays = days;
}

export function changeTrackingState(store: Store): { offsetDays: number; expireChangeTrackingInDays: number } {
  const clock = clockOf(store);
  return { offsetDays: clock.offsetMs / 86_400_000, expireChangeTrackingInDays: clock.expireDays };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Dataverse's tokens look like `919042!08/22/2017 08:10:44`: a version and when it was taken (UTC). */
export function deltaToken(store: Store, version: number): string {
  const d = new Date(Date.now() + clockOf(store).offsetMs);
  return `${version}!${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())}/${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

function tokenTime(token: string): number | undefined {
  const m = /!(\d{2})\/(\d{2})\/(\d{4}) (\d{2}):(\d{2}):(\d{2})$/.exec(token);
  if (!m) return undefined;
  return Date.UTC(Number(m[3]), Number(m[1]) - 1, Number(m[2]), Number(m[4]), Number(m[5]), Number(m[6]));
}

export function assertTrackable(info: TableInfo): void {
  if (info.def.changeTrackingEnabled === false) {
    throw new DataverseError(400, '0x80044184', `Entity ${info.def.logicalName} is not enabled for change tracking.`);
  }
}

/** Organization-level read: Global depth on a user-owned table; any depth on an organization-owned one. */
export function assertOrganizationRead(scope: Scope, info: TableInfo): void {
  const table = info.def.logicalName;
  const depth = privilegeDepth(scope.caller, table, 'read');
  if (depth && (depth === 'Global' || info.def.ownershipType !== 'UserOwned')) return;
  throw new DataverseError(
    403,
    ErrorCodes.privilegeDenied,
    `Principal user (Id=${scope.caller.systemUserId}, type=8, roleCount=${scope.caller.roleIds.size}, privilegeDepth=${depth ?? 'None'}), is missing ${privilegeName(info.def, 'read')} privilege at organization level: change tracking needs organization level read access to entity '${table}'.`,
  );
}

export function retrieveChanges(scope: Scope, info: TableInfo, options: QueryOptions): ApiResponse {
  assertTrackable(info);
  assertOrganizationRead(scope, info);
  const token = options.deltaToken ?? '';
  const m = /^(\d+)(!|$)/.exec(token);
  if (!m) throw badRequest(`The delta token '${token}' is not valid.`);
  const clock = clockOf(scope.store);
  const issued = tokenTime(token);
  if (issued !== undefined && Date.now() + clock.offsetMs - issued > clock.expireDays * 86_400_000) {
    throw new DataverseError(400, EXPIRED_VERSION_STAMP, 'Version stamp associated with the client has expired. Please perform a full sync.');
  }
  const since = Number(m[1]);
  selectedAttributes(info, options.select);
  const table = info.def.logicalName;
  const changed = new Set<string>();
  const deleted = new Set<string>();
  for (const entry of scope.store.changeLog) {
    if (entry.version <= since || entry.table !== table) continue;
    if (entry.deleted) {
      deleted.add(entry.id);
      changed.delete(entry.id);
    } else {
      changed.add(entry.id);
      deleted.delete(entry.id);
    }
  }
  const value: unknown[] = [];
  for (const id of changed) {
    const row = scope.store.get(table, id);
    if (row) value.push(formatRow(scope, info, row, { select: options.select }));
  }
  for (const id of deleted) {
    value.push({ '@odata.context': `${scope.apiUrl}$metadata#${info.def.entitySetName}/$deletedEntity`, id, reason: 'deleted' });
  }
  const link = new URLSearchParams();
  if (options.select) link.set('$select', options.select.join(','));
  link.set('$deltatoken', deltaToken(scope.store, scope.store.currentVersion()));
  return jsonResponse(200, {
    '@odata.context': `${scope.apiUrl}$metadata#${contextPath(info.def.entitySetName, { select: options.select })}/$delta`,
    value,
    '@odata.deltaLink': `${scope.apiUrl}${info.def.entitySetName}?${encodeQuery(link)}`,
  });
}
