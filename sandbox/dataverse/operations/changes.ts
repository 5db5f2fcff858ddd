/**
 * Change tracking: a delta token names a point in the store's change log. Following an
 * `@odata.deltaLink` returns the rows created or updated since then (current values) and
 * `$deletedEntity` entries for rows deleted since then, and a new deltaLink.
 */
import type { QueryOptions } from '../odata/ast';
import { DataverseError, badRequest } from '../errors';
import type { TableInfo } from '../schema/catalog';
import { formatRow, selectedAttributes } from '../format/entity';
import { jsonResponse, type ApiResponse } from '../http/types';
import { contextPath, encodeQuery } from './links';
import type { Scope } from './scope';

/** Dataverse's tokens look like `919042!08/22/2017 08:10:44`: a version and when it was taken. */
export function deltaToken(version: number): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${version}!${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())}/${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

export function assertTrackable(info: TableInfo): void {
  if (info.def.changeTrackingEnabled === false) {
    throw new DataverseError(400, '0x80044184', `Entity ${info.def.logicalName} is not enabled for change tracking.`);
  }
}

export function retrieveChanges(scope: Scope, info: TableInfo, options: QueryOptions): ApiResponse {
  assertTrackable(info);
  const m = /^(\d+)(!|$)/.exec(options.deltaToken ?? '');
  if (!m) throw badRequest(`The delta token '${options.deltaToken}' is not valid.`);
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
    if (row && scope.access.canRead(table, row)) value.push(formatRow(scope, info, row, { select: options.select }));
  }
  for (const id of deleted) {
    value.push({ '@odata.context': `${scope.apiUrl}$metadata#${info.def.entitySetName}/$deletedEntity`, id, reason: 'deleted' });
  }
  const link = new URLSearchParams();
  if (options.select) link.set('$select', options.select.join(','));
  link.set('$deltatoken', deltaToken(scope.store.currentVersion()));
  return jsonResponse(200, {
    '@odata.context': `${scope.apiUrl}$metadata#${contextPath(info.def.entitySetName, { select: options.select })}/$delta`,
    value,
    '@odata.deltaLink': `${scope.apiUrl}${info.def.entitySetName}?${encodeQuery(link)}`,
  });
}
