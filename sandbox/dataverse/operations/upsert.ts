/**
 * PATCH on a key: update, or upsert (a key that does not exist creates the row with that key) with
 * `If-Match` / `If-None-Match` as Dataverse documents them: `If-Match: *` = update only (404 if
 * absent), `If-None-Match: *` = create only (412 if present), `If-Match: W/"v"` = optimistic
 * concurrency (412 on a stale version).
 */
import type { Key } from '../odata/path';
import { DataverseError, ErrorCodes } from '../errors';
import type { TableInfo } from '../schema/catalog';
import type { ApiResponse } from '../http/types';
import { checkIfMatch } from './if-match';
import { locate, missing, outOfReach } from './locate';
import { readPayload } from './payload';
import type { Scope } from './scope';
import { createRow, updateRow } from './write';
import { written } from './write-response';

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
