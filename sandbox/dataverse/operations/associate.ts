/**
 * Associate and disassociate through `$ref`: POST `set(id)/collection/$ref` with `{"@odata.id": url}`,
 * PUT `set(id)/single/$ref`, DELETE `set(id)/collection(otherid)/$ref` or `.../$ref?$id=url`,
 * DELETE `set(id)/single/$ref`. 1:N sets or clears the lookup on the referencing row; N:N adds or
 * removes the intersect row, after the privilege checks Dataverse makes (associate-privileges.ts).
 */
import { randomUUID } from 'node:crypto';
import { badRequest, notFound, segmentNotFound } from '../errors';
import { parseKey, splitPath } from '../odata/path';
import type { TableInfo } from '../schema/catalog';
import { normalizeId, type Row } from '../store/store';
import { refId } from '../security/caller';
import { emptyResponse, readJson, type ApiRequest, type ApiResponse } from '../http/types';
import type { RoleDef } from '../model/security-types';
import { requireAssociatePrivileges } from './associate-privileges';
import { locate } from './locate';
import type { Scope } from './scope';
import { updateRow } from './write';

function rowFromUrl(scope: Scope, url: string): { info: TableInfo; row: Row } {
  let path = url;
  if (path.startsWith('$')) path = scope.contentIds?.get(path.slice(1)) ?? path;
  const apiIndex = path.indexOf('/api/data/');
  if (apiIndex >= 0) path = path.slice(apiIndex).replace(/^\/api\/data\/v[\d.]+\//, '');
  const [seg] = splitPath(path);
  const info = seg ? scope.catalog.byEntitySet(seg.name) : undefined;
  if (!info || !seg.key) throw badRequest(`The URL '${url}' does not name a record.`);
  const located = locate(scope.store, info, parseKey(seg.key));
  if (!located.row || !scope.access.canRead(info.def.logicalName, located.row)) throw notFound(info.def.logicalName, located.id ?? seg.key);
  return { info, row: located.row };
}

export function associate(scope: Scope, roles: readonly RoleDef[], info: TableInfo, row: Row, navName: string, req: ApiRequest, method: string): ApiResponse {
  const nav = info.navigation.get(navName.replace(/\(.*\)$/, ''));
  if (!nav) throw segmentNotFound(navName);
  const body = readJson(req) as Record<string, unknown>;
  const url = body['@odata.id'];
  if (typeof url !== 'string') throw badRequest('The body of a $ref request must be { "@odata.id": "<record URL>" }.');
  const other = rowFromUrl(scope, url);
  if (other.info.def.logicalName !== nav.target) throw badRequest(`'${url}' is not a ${nav.target}.`);
  const id = String(row[info.def.primaryIdAttribute]);
  const otherId = String(other.row[other.info.def.primaryIdAttribute]);
  if (nav.kind === 'single') {
    if (method !== 'PUT') throw badRequest('Use PUT to set a single-valued navigation property.');
    updateRow(scope, info, row, { [nav.attribute]: { entity: nav.target, id: otherId } });
  } else if (nav.kind === 'collection') {
    updateRow(scope, other.info, other.row, { [nav.referencingAttribute]: { entity: info.def.logicalName, id } });
  } else {
    requireAssociatePrivileges(scope, roles, nav, { info, row }, other);
    const exists = scope.store
      .all(nav.relationship.intersectEntityName)
      .some((l) => refId(l[nav.selfColumn]) === normalizeId(id) && refId(l[nav.otherColumn]) === normalizeId(otherId));
    if (!exists) scope.store.put(nav.relationship.intersectEntityName, randomUUID(), { [nav.selfColumn]: id, [nav.otherColumn]: otherId });
  }
  return emptyResponse(204);
}

export function disassociate(scope: Scope, roles: readonly RoleDef[], info: TableInfo, row: Row, navSegment: string, req: ApiRequest): ApiResponse {
  const match = /^([^(]+)(?:\((.*)\))?$/.exec(navSegment);
  const nav = match ? info.navigation.get(match[1]) : undefined;
  if (!nav || !match) throw segmentNotFound(navSegment);
  const id = String(row[info.def.primaryIdAttribute]);
  if (nav.kind === 'single') {
    updateRow(scope, info, row, { [nav.attribute]: null });
    return emptyResponse(204);
  }
  const idParam = req.query.get('$id');
  const other = match[2]
    ? rowFromUrl(scope, `${scope.catalog.table(nav.target).def.entitySetName}(${match[2]})`)
    : idParam
      ? rowFromUrl(scope, idParam)
      : undefined;
  if (!other) throw badRequest('Name the record to disassociate: collection(id)/$ref or $ref?$id=<url>.');
  const otherId = normalizeId(String(other.row[other.info.def.primaryIdAttribute]));
  if (nav.kind === 'collection') {
    if (refId(other.row[nav.referencingAttribute]) === normalizeId(id)) updateRow(scope, other.info, other.row, { [nav.referencingAttribute]: null });
  } else {
    requireAssociatePrivileges(scope, roles, nav, { info, row }, other);
    for (const [linkId, link] of [...scope.store.tableRows(nav.relationship.intersectEntityName)]) {
      if (refId(link[nav.selfColumn]) === normalizeId(id) && refId(link[nav.otherColumn]) === otherId)
        scope.store.remove(nav.relationship.intersectEntityName, linkId);
    }
  }
  return emptyResponse(204);
}
