/** DELETE of one row by key, honouring `If-Match`; the cascades run in write.ts. */
import type { Key } from '../odata/path';
import type { TableInfo } from '../schema/catalog';
import { emptyResponse, type ApiResponse } from '../http/types';
import { checkIfMatch } from './if-match';
import { locate, requireRow } from './locate';
import type { Scope } from './scope';
import { deleteRow } from './write';

export function remove(scope: Scope, info: TableInfo, key: Key, ifMatch?: string): ApiResponse {
  const located = locate(scope.store, info, key);
  const row = requireRow(located, info, scope.access, 'DeleteAccess');
  checkIfMatch(ifMatch, row);
  deleteRow(scope, info, row);
  return emptyResponse(204);
}
