/**
 * Dispatches one Web API request (top-level or inside a $batch) to its operation, by path shape
 * and method, the way the Web API's URL conventions read.
 */
import { DataverseError, ErrorCodes, segmentNotFound } from '../errors';
import { parseQueryOptions } from '../odata/parse';
import { parseKey, splitPath, type Segment } from '../odata/path';
import { refuseUnaddressableKey } from '../odata/key-characters';
import type { TableInfo } from '../schema/catalog';
import { jsonResponse, readJson, type ApiRequest, type ApiResponse } from '../http/types';
import { locate, requireRow } from './locate';
import { retrieve } from './retrieve';
import { retrieveMultiple } from './retrieve-multiple';
import { retrieveChanges } from './changes';
import { create } from './create';
import { remove } from './remove';
import { upsert } from './upsert';
import { countRows } from './count';
import { relatedRows } from './related';
import { whoAmI } from './whoami';
import { serveGlobalOptionSets, serveMetadata, serveRelationships, type MetadataSource } from './metadata';
import { deleteFile, downloadFile, uploadFile, type UploadSession } from './files';
import { associate, disassociate } from './associate';
import type { Scope } from './scope';
import { navigate } from './navigation';
import { property } from './property';
import { csdl } from './csdl';
import type { RoleDef } from '../model/security-types';
import { shareAction, SHARING_ACTIONS, type SharingAction } from './share';
import { closeAction, CLOSE_ACTIONS, type CloseAction } from './close-actions';
import { RETRIEVE_PRINCIPAL_ACCESS, retrievePrincipalAccess } from './principal-access';
import { RETRIEVE_USER_PRIVILEGES, retrieveUserPrivileges } from './user-privileges';

export interface RouterContext {
  organizationId: string;
  uploads: Map<string, UploadSession>;
  metadata: MetadataSource;
  /** The roles of the environment, to work out another principal's access (RetrievePrincipalAccess). */
  roles: RoleDef[];
  /** Runs a $batch (operations/batch.ts), injected to keep the dependency one-way. */
  batch: (req: ApiRequest, scope: Scope) => Promise<ApiResponse>;
}

export async function route(ctx: RouterContext, scope: Scope, req: ApiRequest): Promise<ApiResponse> {
  const segments = splitPath(req.path);
  const method = req.method.toUpperCase();
  if (segments.length === 0) {
    return jsonResponse(200, {
      '@odata.context': `${scope.apiUrl}$metadata`,
      value: [...scope.catalog.tables.values()].map((t) => ({ name: t.def.entitySetName, kind: 'EntitySet', url: t.def.entitySetName })),
    });
  }
  const [first] = segments;
  if (first.name === '$batch') {
    if (method !== 'POST') throw methodNotAllowed(method);
    return ctx.batch(req, scope);
  }
  if (first.name === '$metadata' && segments.length === 1) {
    if (method !== 'GET') throw methodNotAllowed(method);
    return csdl(scope.catalog);
  }
  if (first.name === 'WhoAmI' && segments.length === 1) {
    if (method !== 'GET') throw methodNotAllowed(method);
    return whoAmI(scope, ctx.organizationId);
  }
  if (first.name === 'EntityDefinitions') {
    if (method !== 'GET') throw methodNotAllowed(method);
    return serveMetadata(scope.apiUrl, ctx.metadata, segments, req.query);
  }
  if (first.name === 'RelationshipDefinitions') {
    if (method !== 'GET') throw methodNotAllowed(method);
    return serveRelationships(scope.apiUrl, ctx.metadata, segments, req.query);
  }
  if (first.name === 'GlobalOptionSetDefinitions') {
    if (method !== 'GET') throw methodNotAllowed(method);
    return serveGlobalOptionSets(scope.apiUrl, ctx.metadata, segments, req.query);
  }
  if ((SHARING_ACTIONS as readonly string[]).includes(first.name) && segments.length === 1) {
    if (method !== 'POST') throw methodNotAllowed(method);
    return shareAction(scope, first.name as SharingAction, req);
  }
  if ((CLOSE_ACTIONS as readonly string[]).includes(first.name) && segments.length === 1) {
    if (method !== 'POST') throw methodNotAllowed(method);
    return closeAction(scope, first.name as CloseAction, req);
  }
  const info = scope.catalog.byEntitySet(first.name);
  if (!info) throw segmentNotFound(first.name);
  if (segments.length === 1 && first.key === undefined) return collection(scope, info, req, method);
  if (segments.length === 2 && first.key === undefined && isCount(segments[1])) {
    if (method !== 'GET') throw methodNotAllowed(method);
    scope.access.requirePrivilege(info.def.logicalName, 'read');
    return countRows(scope, info, scope.store.all(info.def.logicalName), parseQueryOptions(req.query));
  }
  if (first.key === undefined) throw segmentNotFound(segments[1].name);
  if (segments.length === 1) return single(scope, info, first.key, req, method);
  return atRow(ctx, scope, info, first.key, segments.slice(1), req, method);
}

const isCount = (segment: Segment): boolean => segment.name === '$count' && segment.key === undefined;

const methodNotAllowed = (method: string): DataverseError =>
  new DataverseError(405, ErrorCodes.resourceNotFound, `The HTTP method '${method}' is not allowed on this resource.`);

function collection(scope: Scope, info: TableInfo, req: ApiRequest, method: string): ApiResponse {
  if (method === 'GET') {
    const options = parseQueryOptions(req.query);
    if (options.deltaToken) return retrieveChanges(scope, info, options);
    scope.access.requirePrivilege(info.def.logicalName, 'read');
    return retrieveMultiple(scope, { info, candidates: scope.store.all(info.def.logicalName), path: info.def.entitySetName }, options, req.query);
  }
  if (method === 'POST') return create(scope, info, readJson(req), req.query);
  throw methodNotAllowed(method);
}

function single(scope: Scope, info: TableInfo, keyText: string, req: ApiRequest, method: string): ApiResponse {
  const key = parseKey(keyText);
  refuseUnaddressableKey(key);
  switch (method) {
    case 'GET':
      return retrieve(scope, info, key, parseQueryOptions(req.query), req.headers['if-none-match']);
    case 'PATCH':
      return upsert(scope, info, key, readJson(req), { ifMatch: req.headers['if-match'], ifNoneMatch: req.headers['if-none-match'] }, req.query);
    case 'DELETE':
      return remove(scope, info, key, req.headers['if-match']);
    default:
      throw methodNotAllowed(method);
  }
}

async function atRow(
  ctx: RouterContext,
  scope: Scope,
  info: TableInfo,
  keyText: string,
  rest: Segment[],
  req: ApiRequest,
  method: string,
): Promise<ApiResponse> {
  const key = parseKey(keyText);
  refuseUnaddressableKey(key);
  const row = requireRow(locate(scope.store, info, key), info, scope.access);
  const id = String(row[info.def.primaryIdAttribute]);
  const [seg, next] = rest;
  const resourcePath = `${info.def.entitySetName}(${id})/${seg.name}`;

  if (seg.name === RETRIEVE_PRINCIPAL_ACCESS && !next) {
    if (method !== 'GET') throw methodNotAllowed(method);
    return retrievePrincipalAccess(scope, ctx.roles, info, row, seg.key, req);
  }
  if (seg.name === RETRIEVE_USER_PRIVILEGES && !next) {
    if (method !== 'GET') throw methodNotAllowed(method);
    return retrieveUserPrivileges(scope, ctx.roles, info, row);
  }
  if (next?.name === '$ref')
    return method === 'DELETE'
      ? disassociate(scope, ctx.roles, info, row, seg.key ? `${seg.name}(${seg.key})` : seg.name, req)
      : associate(scope, ctx.roles, info, row, seg.name, req, method);

  const attr = info.attributes.get(seg.name);
  if (attr?.type === 'File') {
    if (method === 'PATCH' || method === 'PUT') return uploadFile(scope, ctx.uploads, info, row, attr, req, resourcePath);
    if (method === 'DELETE') return deleteFile(scope, info, row, attr);
    if (method === 'GET') return downloadFile(scope, row, attr, req, next?.name === '$value');
    throw methodNotAllowed(method);
  }
  const nav = info.navigation.get(seg.name);
  if (nav && nav.kind !== 'single' && next && isCount(next) && rest.length === 2) {
    if (method !== 'GET') throw methodNotAllowed(method);
    const target = scope.catalog.table(nav.target);
    return countRows(scope, target, relatedRows(scope, nav, id), parseQueryOptions(req.query));
  }
  if (nav && (method === 'GET' || (method === 'POST' && nav.kind !== 'single' && !next))) return navigate(scope, info, row, nav, req, resourcePath);
  return property(scope, info, row, seg.name, next?.name === '$value', req);
}
