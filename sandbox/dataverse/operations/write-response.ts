/**
 * The answer to a create or an update: 204 with `OData-EntityId`, or with
 * `Prefer: return=representation` the written row (201 created, 200 updated) with `$select`/`$expand`.
 */
import type { Key, KeyValue } from '../odata/path';
import { isLookupType, type TableInfo } from '../schema/catalog';
import type { Row } from '../store/store';
import { emptyResponse, type ApiResponse } from '../http/types';
import { parseQueryOptions } from '../odata/parse';
import { entityResponse } from './retrieve';
import type { Scope } from './scope';

export const entityUrl = (scope: Scope, info: TableInfo, row: Row): string =>
  `${scope.apiUrl}${info.def.entitySetName}(${String(row[info.def.primaryIdAttribute])})`;

/** A key value as a URL key literal: strings quoted (quotes doubled), ids and lookups bare. */
function keyLiteral(info: TableInfo, name: string, value: KeyValue): string {
  if (typeof value !== 'string') return String(value);
  const attr = info.attributes.get(name.replace(/^_(.+)_value$/, '$1'));
  const bare = attr && (attr.type === 'Uniqueidentifier' || isLookupType(attr));
  return bare ? value : `'${value.replace(/'/g, "''")}'`;
}

/** The URL of a row named by its key: the GUID form for a primary key, else the alternate key as given. */
export function keyUrl(scope: Scope, info: TableInfo, key: Key, row: Row): string {
  const named = key.kind === 'named' ? Object.entries(key.values) : [];
  if (named.length === 0 || (named.length === 1 && named[0][0] === info.def.primaryIdAttribute)) return entityUrl(scope, info, row);
  const text = named.map(([name, value]) => `${name}=${keyLiteral(info, name, value)}`).join(',');
  return `${scope.apiUrl}${info.def.entitySetName}(${encodeURI(text)})`;
}

export function written(scope: Scope, info: TableInfo, row: Row, created: boolean, query: URLSearchParams, url = entityUrl(scope, info, row)): ApiResponse {
  if (scope.prefs.returnRepresentation) {
    const options = parseQueryOptions(query);
    const res = entityResponse(scope, info, row, { select: options.select, expand: options.expand }, created ? 201 : 200, { 'OData-EntityId': url });
    res.headers['Preference-Applied'] = ['return=representation', res.headers['Preference-Applied']].filter(Boolean).join(',');
    return res;
  }
  return emptyResponse(204, { 'OData-EntityId': url });
}
