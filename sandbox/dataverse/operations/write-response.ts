/**
 * The answer to a create or an update: 204 with `OData-EntityId`, or with
 * `Prefer: return=representation` the written row (201 created, 200 updated) with `$select`/`$expand`.
 */
import type { TableInfo } from '../schema/catalog';
import type { Row } from '../store/store';
import { emptyResponse, type ApiResponse } from '../http/types';
import { parseQueryOptions } from '../odata/parse';
import { entityResponse } from './retrieve';
import type { Scope } from './scope';

export const entityUrl = (scope: Scope, info: TableInfo, row: Row): string =>
  `${scope.apiUrl}${info.def.entitySetName}(${String(row[info.def.primaryIdAttribute])})`;

export function written(scope: Scope, info: TableInfo, row: Row, created: boolean, query: URLSearchParams, url = entityUrl(scope, info, row)): ApiResponse {
  if (scope.prefs.returnRepresentation) {
    const options = parseQueryOptions(query);
    const res = entityResponse(scope, info, row, { select: options.select, expand: options.expand }, created ? 201 : 200, { 'OData-EntityId': url });
    res.headers['Preference-Applied'] = ['return=representation', res.headers['Preference-Applied']].filter(Boolean).join(',');
    return res;
  }
  return emptyResponse(204, { 'OData-EntityId': url });
}
