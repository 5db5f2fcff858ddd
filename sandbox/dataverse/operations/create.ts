/** POST to an entity set: creates the row (with any related rows in the body, all or nothing). */
import type { TableInfo } from '../schema/catalog';
import type { ApiResponse } from '../http/types';
import { createDeep } from './deep-insert';
import type { Scope } from './scope';
import { written } from './write-response';

export function create(scope: Scope, info: TableInfo, body: unknown, query: URLSearchParams): ApiResponse {
  const row = createDeep(scope, info, body);
  return written(scope, info, row, true, query);
}
