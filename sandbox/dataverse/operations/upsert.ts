/**
 * PATCH on a key: update, or upsert (a key that does not exist creates the row with that key) with
 * `If-Match` / `If-None-Match` as Dataverse documents them: `If-Match: *` = update only (404 if
 * absent), `If-None-Match: *` = create only (412 if present), `If-Match: W/"v"` = optimistic
 * concurrency (412 on a stale version).
 *
 * By alternate key ("Use Upsert to Create or Update a record"): key values in the body are dropped
 * on update ("you can't update the alternate key values of a record when you're using those
 * alternate key values to identify it"), win over the URL's on create ("even if the data is
 * different"), and `OData-EntityId` names the row by the key, as the article's responses show.
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
import { keyUrl, written } from './write-response';

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
    for (const name of Object.keys(located.keyValues)) delete values[name];
    const row = updateRow(scope, info, visible, values);
    return written(scope, info, row, false, query, keyUrl(scope, info, key, row));
  }
  if (headers.ifMatch) throw missing(located, info);
  const payload = readPayload(scope, info, body, 'create');
  const values = key.kind === 'id' ? { ...payload, ...located.keyValues } : { ...located.keyValues, ...payload };
  const row = createRow(scope, info, values);
  return written(scope, info, row, true, query, keyUrl(scope, info, key, row));
}
