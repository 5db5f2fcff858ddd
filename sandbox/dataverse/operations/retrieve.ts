/**
 * GET of one row by key (primary or alternate), with $select/$expand; `If-None-Match` with the
 * current ETag answers 304 as Dataverse does (never with $expand or annotations asked for).
 */
import type { QueryOptions } from '../odata/ast';
import type { Key } from '../odata/path';
import type { TableInfo } from '../schema/catalog';
import { etagOf, formatRow } from '../format/entity';
import { emptyResponse, jsonResponse, type ApiResponse } from '../http/types';
import { locate, requireRow } from './locate';
import { contextPath } from './links';
import type { Scope } from './scope';
import { validateExpand } from './expand-rules';

export function retrieve(scope: Scope, info: TableInfo, key: Key, options: QueryOptions, ifNoneMatch?: string): ApiResponse {
  const row = requireRow(locate(scope.store, info, key), info, scope.access);
  // "If the query includes $expand it will never return 304 Not Modified", nor with
  // `Prefer: odata.include-annotations` ("Perform conditional operations using the Web API").
  const conditional = !options.expand?.length && !scope.prefs.includeAnnotations;
  if (conditional && ifNoneMatch && ifNoneMatch === etagOf(row)) return emptyResponse(304, { ETag: etagOf(row) });
  return entityResponse(scope, info, row, options, 200);
}

export function entityResponse(
  scope: Scope,
  info: TableInfo,
  row: Parameters<typeof formatRow>[2],
  options: QueryOptions,
  status: number,
  extraHeaders: Record<string, string> = {},
): ApiResponse {
  validateExpand(scope.catalog, info, options.expand);
  const body = {
    '@odata.context': `${scope.apiUrl}$metadata#${contextPath(info.def.entitySetName, options)}/$entity`,
    ...formatRow(scope, info, row, options),
  };
  const headers: Record<string, string> = { ETag: etagOf(row), ...extraHeaders };
  if (scope.prefs.includeAnnotations) headers['Preference-Applied'] = `odata.include-annotations="${scope.prefs.includeAnnotations}"`;
  return jsonResponse(status, body, headers);
}
