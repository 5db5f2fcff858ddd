/**
 * Dispatches one Web API request (top-level or inside a $batch) to its operation, by path shape
 * and method, the way the Web API's URL conventions read.
 */
import { DataverseError, ErrorCodes, badRequest, segmentNotFound } from '../errors';
import { parseQueryOptions } from '../odata/parse';
import { parseKey, splitPath, type Segment } from '../odata/path';
import type { TableInfo } from '../schema/catalog';
import { isEntityRef } from '../store/store';
import { emptyResponse, jsonResponse, readJson, type ApiRequest, type ApiResponse } from '../http/types';
import { formatRow } from '../format/entity';
import { locate, requireRow } from './locate';
import { retrieve } from './retrieve';
import { retrieveMultiple } from './retrieveMultiple';
import { retrieveChanges } from './changes';
import { create, entityUrl, remove, upsert } from './upsert';
import { whoAmI } from './whoami';
import { serveGlobalOptionSets, serveMetadata, serveRelationships, type MetadataSource } from './metadata';
import { deleteFile, downloadFile, uploadFile, type UploadSession } from './files';
import { associate, disassociate } from './associate';
import type { Scope } from './scope';
import { createRow, updateRow } from './write';
import { readPayload } from './payload';
import { relatedRows } from './related';
import { csdl } from './csdl';

export interface RouterContext {
  organizationId: string;
  uploads: Map<string, UploadSession>;
  metadata: MetadataSource;
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
  const info = scope.catalog.byEntitySet(first.name);
  if (!info) throw segmentNotFound(first.name);
  if (segments.length === 1 && first.key === undefined) return collection(scope, info, req, method);
  if (first.key === undefined) throw segmentNotFound(segments[1].name);
  if (segments.length === 1) return single(scope, info, first.key, req, method);
  return property(ctx, scope, info, first.key, segments.slice(1), req, method);
}

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
  switch (method) {
    case 'GET':
      return retrieve(scope, info, key, keyText, parseQueryOptions(req.query), req.headers['if-none-match']);
    case 'PATCH':
      return upsert(scope, info, key, keyText, readJson(req), { ifMatch: req.headers['if-match'], ifNoneMatch: req.headers['if-none-match'] }, req.query);
    case 'DELETE':
      return remove(scope, info, key, keyText, req.headers['if-match']);
    default:
      throw methodNotAllowed(method);
  }
}

async function property(
  ctx: RouterContext,
  scope: Scope,
  info: TableInfo,
  keyText: string,
  rest: Segment[],
  req: ApiRequest,
  method: string,
): Promise<ApiResponse> {
  const table = info.def.logicalName;
  const row = requireRow(locate(scope.store, info, parseKey(keyText)), info, (r) => scope.access.canRead(table, r), keyText);
  const id = String(row[info.def.primaryIdAttribute]);
  const [seg, next] = rest;
  const resourcePath = `${info.def.entitySetName}(${id})/${seg.name}`;

  if (next?.name === '$ref') return method === 'DELETE' ? disassociate(scope, info, row, seg.key ? `${seg.name}(${seg.key})` : seg.name, req) : associate(scope, info, row, seg.name, req, method);

  const attr = info.attributes.get(seg.name);
  if (attr?.type === 'File') {
    if (method === 'PATCH' || method === 'PUT') return uploadFile(scope, ctx.uploads, info, row, attr, req, resourcePath);
    if (method === 'DELETE') return deleteFile(scope, info, row, attr);
    if (method === 'GET') return downloadFile(scope, row, attr, req, next?.name === '$value');
    throw methodNotAllowed(method);
  }
  const nav = info.navigation.get(seg.name);
  if (nav && method === 'POST' && nav.kind === 'collection' && !next) {
    // Create a related row through the collection: it is linked to this row as it is created.
    const target = scope.catalog.table(nav.target);
    const values = { ...readPayload(scope, target, readJson(req), 'create'), [nav.referencingAttribute]: { entity: table, id } };
    const created = createRow(scope, target, values);
    return emptyResponse(204, { 'OData-EntityId': entityUrl(scope, target, created) });
  }
  if (nav && method === 'GET') {
    const options = parseQueryOptions(req.query);
    const target = scope.catalog.table(nav.target);
    if (nav.kind === 'single') {
      const ref = row[nav.attribute];
      const related = isEntityRef(ref) && ref.entity === nav.target ? scope.store.get(nav.target, ref.id) : undefined;
      if (!related || !scope.access.canRead(nav.target, related)) return emptyResponse(204);
      return jsonResponse(200, { '@odata.context': `${scope.apiUrl}$metadata#${target.def.entitySetName}/$entity`, ...formatRow(scope, target, related, options) });
    }
    const candidates = relatedRows(scope, nav, id);
    return retrieveMultiple(scope, { info: target, candidates, path: resourcePath }, options, req.query);
  }
  const plain = info.attributes.get(seg.name) ?? (/^_(.+)_value$/.test(seg.name) ? info.attributes.get(seg.name.slice(1, -6)) : undefined);
  if (!plain) throw segmentNotFound(seg.name);
  if (method === 'GET') {
    const formatted = formatRow(scope, info, row, { select: [seg.name] });
    const value = formatted[seg.name];
    if (next?.name === '$value') {
      if (value === null || value === undefined) return emptyResponse(204);
      return { status: 200, headers: { 'OData-Version': '4.0', 'Content-Type': 'text/plain' }, body: String(value) };
    }
    return jsonResponse(200, { '@odata.context': `${scope.apiUrl}$metadata#${info.def.entitySetName}(${id})/${seg.name}`, value });
  }
  if (method === 'PUT') {
    const body = readJson(req) as { value?: unknown };
    if (!('value' in body)) throw badRequest('A PUT to a property needs a body { "value": ... }.');
    updateRow(scope, info, row, readPayload(scope, info, { [seg.name]: body.value }, 'update'));
    return emptyResponse(204);
  }
  if (method === 'DELETE') {
    updateRow(scope, info, row, readPayload(scope, info, { [seg.name]: null }, 'update'));
    return emptyResponse(204);
  }
  throw methodNotAllowed(method);
}
