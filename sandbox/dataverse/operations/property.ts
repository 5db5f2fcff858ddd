/**
 * One column of one row as a resource: GET `set(id)/column` (`{ value }`), GET `.../column/$value`
 * (the raw value as text), PUT `{ "value": v }` to set it, DELETE to clear it.
 */
import { badRequest, DataverseError, ErrorCodes, segmentNotFound } from '../errors';
import type { TableInfo } from '../schema/catalog';
import type { Row } from '../store/store';
import { emptyResponse, jsonResponse, readJson, type ApiRequest, type ApiResponse } from '../http/types';
import { formatRow } from '../format/entity';
import { attributeForProperty } from '../odata/properties';
import { readPayload } from './payload';
import type { Scope } from './scope';
import { updateRow } from './write';

export function property(scope: Scope, info: TableInfo, row: Row, name: string, rawValue: boolean, req: ApiRequest): ApiResponse {
  if (!attributeForProperty(info, name)) throw segmentNotFound(name);
  const id = String(row[info.def.primaryIdAttribute]);
  switch (req.method.toUpperCase()) {
    case 'GET': {
      const value = formatRow(scope, info, row, { select: [name] })[name];
      if (!rawValue) return jsonResponse(200, { '@odata.context': `${scope.apiUrl}$metadata#${info.def.entitySetName}(${id})/${name}`, value });
      if (value === null || value === undefined) return emptyResponse(204);
      return { status: 200, headers: { 'OData-Version': '4.0', 'Content-Type': 'text/plain' }, body: String(value) };
    }
    case 'PUT': {
      const body = readJson(req) as { value?: unknown };
      if (!('value' in body)) throw badRequest('A PUT to a property needs a body { "value": ... }.');
      updateRow(scope, info, row, readPayload(scope, info, { [name]: body.value }, 'update'));
      return emptyResponse(204);
    }
    case 'DELETE':
      updateRow(scope, info, row, readPayload(scope, info, { [name]: null }, 'update'));
      return emptyResponse(204);
    default:
      throw new DataverseError(405, ErrorCodes.resourceNotFound, `The HTTP method '${req.method}' is not allowed on this resource.`);
  }
}
