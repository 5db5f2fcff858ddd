/**
 * A navigation property of one row as a resource: GET `set(id)/single` (the related row, 204 when
 * empty or not readable), GET `set(id)/collection` (a collection, with query options and paging),
 * POST `set(id)/collection` (create a row linked to this one).
 */
import { DataverseError, ErrorCodes } from '../errors';
import type { NavigationProperty, TableInfo } from '../schema/catalog';
import { isEntityRef, type Row } from '../store/store';
import { emptyResponse, jsonResponse, readJson, type ApiRequest, type ApiResponse } from '../http/types';
import { formatRow } from '../format/entity';
import { parseQueryOptions } from '../odata/parse';
import { readPayload } from './payload';
import { relatedRows } from './related';
import { retrieveMultiple } from './retrieve-multiple';
import type { Scope } from './scope';
import { validateExpand } from './expand-rules';
import { entityUrl } from './write-response';
import { createRow } from './write';

export function navigate(scope: Scope, info: TableInfo, row: Row, nav: NavigationProperty, req: ApiRequest, resourcePath: string): ApiResponse {
  const id = String(row[info.def.primaryIdAttribute]);
  const target = scope.catalog.table(nav.target);
  if (req.method.toUpperCase() === 'POST' && nav.kind === 'collection') {
    const values = { ...readPayload(scope, target, readJson(req), 'create'), [nav.referencingAttribute]: { entity: info.def.logicalName, id } };
    const created = createRow(scope, target, values);
    return emptyResponse(204, { 'OData-EntityId': entityUrl(scope, target, created) });
  }
  const options = parseQueryOptions(req.query);
  if (nav.kind === 'single') {
    validateExpand(scope.catalog, target, options.expand);
    const ref = row[nav.attribute];
    const related = isEntityRef(ref) && ref.entity === nav.target ? scope.store.get(nav.target, ref.id) : undefined;
    if (!related || !scope.access.canRead(nav.target, related)) return emptyResponse(204);
    return jsonResponse(200, {
      '@odata.context': `${scope.apiUrl}$metadata#${target.def.entitySetName}/$entity`,
      ...formatRow(scope, target, related, options),
    });
  }
  if (nav.kind === 'manyToMany' && req.method.toUpperCase() === 'POST') {
    throw new DataverseError(405, ErrorCodes.resourceNotFound, `Create the row, then associate it through '${nav.name}/$ref'.`);
  }
  return retrieveMultiple(scope, { info: target, candidates: relatedRows(scope, nav, id), path: resourcePath }, options, req.query);
}
