/**
 * POST (create) and PATCH (update, or upsert: PATCH on a key that does not exist creates the row
 * with that key) with `If-Match` / `If-None-Match` as Dataverse documents them:
 * `If-Match: *` = update only (404 if absent), `If-None-Match: *` = create only (412 if present),
 * `If-Match: W/"v"` = optimistic concurrency (412 on a stale version).
 */
import type { Key } from '../odata/path';
import { DataverseError, ErrorCodes } from '../errors';
import type { TableInfo } from '../schema/catalog';
import type { Row } from '../store/store';
import { etagOf } from '../format/entity';
import { emptyResponse, type ApiResponse } from '../http/types';
import { parseQueryOptions } from '../odata/parse';
import { locate, missing, outOfReach, requireRow } from './locate';
import { readPayload } from './payload';
import { createDeep } from './deep-insert';
import { entityResponse } from './retrieve';
import type { Scope } from './scope';
import { createRow, deleteRow, updateRow } from './write';

export const entityUrl = (scope: Scope, info: TableInfo, row: Row): string =>
  `${scope.apiUrl}${info.def.entitySetName}(${String(row[info.def.primaryIdAttribute])})`;

function written(scope: Scope, info: TableInfo, row: Row, created: boolean, query: URLSearchParams): ApiResponse {
  const url = entityUrl(scope, info, row);
  if (scope.prefs.returnRepresentation) {
    const options = parseQueryOptions(query);
    const res = entityResponse(scope, info, row, { select: options.select, expand: options.expand }, created ? 201 : 200, { 'OData-EntityId': url });
    res.headers['Preference-Applied'] = ['return=representation', res.headers['Preference-Applied']].filter(Boolean).join(',');
    return res;
  }
  return emptyResponse(204, { 'OData-EntityId': url });
}

export function create(scope: Scope, info: TableInfo, body: unknown, query: URLSearchParams): ApiResponse {
  const row = createDeep(scope, info, body);
  return written(scope, info, row, true, query);
}

export function upsert(
  scope: Scope,
  info: TableInfo,
  key: Key,
  body: unknown,
  headers: { ifMatch?: string; ifNoneMatch?: string },
  query: URLSearchParams,
): ApiResponse {
  const table = info.def.logicalName;
  const located = locate(scope.store, info, key);
  const visible = located.row && scope.access.canRead(table, located.row) ? located.row : undefined;
  if (located.row && !visible) throw outOfReach(located.row, info, scope.access, 'WriteAccess');
  if (visible) {
    if (headers.ifNoneMatch === '*') {
      throw new DataverseError(412, ErrorCodes.duplicateRecord, 'A record with matching key values already exists.');
    }
    checkIfMatch(headers.ifMatch, visible);
    const values = readPayload(scope, info, body, 'update');
    const row = updateRow(scope, info, visible, values);
    return written(scope, info, row, false, query);
  }
  if (headers.ifMatch) throw missing(located, info);
  const values = { ...readPayload(scope, info, body, 'create'), ...located.keyValues };
  const row = createRow(scope, info, values);
  return written(scope, info, row, true, query);
}

export function remove(scope: Scope, info: TableInfo, key: Key, ifMatch?: string): ApiResponse {
  const located = locate(scope.store, info, key);
  const row = requireRow(located, info, scope.access, 'DeleteAccess');
  checkIfMatch(ifMatch, row);
  deleteRow(scope, info, row);
  return emptyResponse(204);
}

export function checkIfMatch(ifMatch: string | undefined, row: Row): void {
  if (!ifMatch || ifMatch === '*') return;
  const tags = ifMatch.split(',').map((t) => t.trim());
  if (!tags.includes(etagOf(row))) {
    throw new DataverseError(412, ErrorCodes.concurrencyVersionMismatch, "The version of the existing record doesn't match the RowVersion property provided.");
  }
}
