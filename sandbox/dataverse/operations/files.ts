/**
 * File columns as learn.microsoft.com "Use file column data" describes them:
 * - single request: PATCH `set(id)/column` with the bytes and `x-ms-file-name` -> 204;
 * - chunked: PATCH `set(id)/column?x-ms-file-name=n` with `x-ms-transfer-mode: chunked` -> 200 with
 *   `x-ms-chunk-size` and a `Location` carrying a session token; then PATCH each chunk to it with
 *   `Content-Range: bytes a-b/total` -> 206, the last one -> 204;
 * - download: GET `set(id)/column/$value` -> the bytes with `x-ms-file-name`, `x-ms-file-size`;
 *   GET `set(id)/column?size=full` (optionally with `Range`) -> base64 in `value`, as DynamicsWebApi reads it;
 * - DELETE `set(id)/column` removes the file.
 */
import { randomUUID } from 'node:crypto';
import type { AttributeDef } from '../../../solution/model/types';
import { DataverseError, ErrorCodes, badRequest } from '../errors';
import type { TableInfo } from '../schema/catalog';
import type { Row } from '../store/store';
import { emptyResponse, jsonResponse, type ApiRequest, type ApiResponse } from '../http/types';
import type { Scope } from './scope';
import { updateRow } from './write';

/** 4 MB, the chunk size Dataverse announces. */
const CHUNK_SIZE = 4 * 1024 * 1024;

export interface UploadSession {
  table: string;
  id: string;
  attribute: string;
  fileName: string;
  total?: number;
  chunks: Buffer[];
  received: number;
  done: boolean;
}

const fileName = (req: ApiRequest): string | undefined => req.headers['x-ms-file-name'] ?? req.query.get('x-ms-file-name') ?? undefined;

export function uploadFile(
  scope: Scope,
  sessions: Map<string, UploadSession>,
  info: TableInfo,
  row: Row,
  attr: AttributeDef,
  req: ApiRequest,
  resourcePath: string,
): ApiResponse {
  const table = info.def.logicalName;
  const id = String(row[info.def.primaryIdAttribute]);
  scope.access.requireOnRow(table, 'write', row);

  const token = req.query.get('sessiontoken');
  if (token) return uploadChunk(scope, sessions, info, attr, token, req);

  const name = fileName(req);
  if (!name) throw badRequest('The x-ms-file-name header is required to upload a file.', ErrorCodes.invalidArgument);
  if ((req.headers['x-ms-transfer-mode'] ?? '').toLowerCase() === 'chunked') {
    const sessionToken = randomUUID();
    sessions.set(sessionToken, { table, id, attribute: attr.logicalName, fileName: name, chunks: [], received: 0, done: false });
    return emptyResponse(200, {
      'Accept-Ranges': 'bytes',
      Location: `${scope.apiUrl}${resourcePath}?sessiontoken=${sessionToken}`,
      'x-ms-chunk-size': String(CHUNK_SIZE),
      'Access-Control-Expose-Headers': 'x-ms-chunk-size',
    });
  }
  // One request carries at most 128 MB; bigger files must be chunked.
  if (req.body.length > 128 * 1024 * 1024) {
    throw new DataverseError(413, ErrorCodes.invalidArgument, 'The file is larger than 128 MB: upload it in chunks.');
  }
  storeFile(scope, info, row, attr, name, req.body, req.headers['content-type']);
  return emptyResponse(204);
}

function uploadChunk(scope: Scope, sessions: Map<string, UploadSession>, info: TableInfo, attr: AttributeDef, token: string, req: ApiRequest): ApiResponse {
  const session = sessions.get(token);
  if (!session || session.attribute !== attr.logicalName) throw badRequest('The upload session token is not valid or has expired.', ErrorCodes.invalidArgument);
  if (session.done) return emptyResponse(204);
  const range = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(req.headers['content-range'] ?? '');
  if (!range) throw badRequest('A Content-Range header (bytes start-end/total) is required for each chunk.', ErrorCodes.invalidArgument);
  const [start, end, total] = [Number(range[1]), Number(range[2]), Number(range[3])];
  if (start !== session.received || end - start + 1 !== req.body.length) {
    throw badRequest(`The chunk bytes ${start}-${end} do not follow the ${session.received} bytes received.`, ErrorCodes.invalidArgument);
  }
  session.total = total;
  session.chunks.push(req.body);
  session.received += req.body.length;
  if (session.received < total) return emptyResponse(206);
  session.done = true;
  const row = scope.store.get(session.table, session.id);
  if (!row) throw badRequest('The record of this upload session no longer exists.', ErrorCodes.objectDoesNotExist);
  storeFile(scope, info, row, attr, session.fileName, Buffer.concat(session.chunks), 'application/octet-stream');
  return emptyResponse(204);
}

function storeFile(scope: Scope, info: TableInfo, row: Row, attr: AttributeDef, name: string, data: Buffer, contentType: string | undefined): void {
  const maxBytes = (attr.maxSizeInKB ?? 32 * 1024) * 1024;
  if (data.length > maxBytes) {
    throw new DataverseError(
      400,
      ErrorCodes.invalidArgument,
      `The file size ${data.length} exceeds the maximum of ${attr.maxSizeInKB} KB for column ${attr.logicalName}.`,
    );
  }
  const fileId = randomUUID();
  const mimeType = contentType && contentType !== 'application/octet-stream' ? contentType : guessMime(name);
  scope.store.putFile({ fileId, name, mimeType, data });
  // Dataverse keeps the file's name in the column's `<column>_name` companion, which reads like any other column.
  const nameColumn = `${attr.logicalName}_name`;
  const hasNameColumn = info.attributes.has(nameColumn);
  updateRow(scope, info, row, { [attr.logicalName]: fileId, ...(hasNameColumn ? { [nameColumn]: name } : {}) });
}

function guessMime(name: string): string {
  const ext = name.toLowerCase().split('.').pop();
  return ext === 'pdf' ? 'application/pdf' : ext === 'txt' ? 'text/plain' : ext === 'json' ? 'application/json' : 'application/octet-stream';
}

export function downloadFile(scope: Scope, row: Row, attr: AttributeDef, req: ApiRequest, raw: boolean): ApiResponse {
  const fileId = row[attr.logicalName];
  const file = typeof fileId === 'string' ? scope.store.getFile(fileId) : undefined;
  if (!file) {
    throw new DataverseError(
      404,
      ErrorCodes.objectDoesNotExist,
      `No file attachment found for attribute: ${attr.logicalName} EntityId: ${String(row[Object.keys(row)[0]])}.`,
    );
  }
  const range = /^bytes=(\d+)-(\d*)/.exec(req.headers['range'] ?? '');
  let data = file.data;
  let status = 200;
  const headers: Record<string, string> = {
    'x-ms-file-name': file.name,
    'x-ms-file-size': String(file.data.length),
    'Content-Disposition': `attachment; filename="${file.name}"`,
    'Access-Control-Expose-Headers': 'x-ms-file-name, x-ms-file-size',
  };
  if (range) {
    const start = Number(range[1]);
    const end = range[2] ? Math.min(Number(range[2]), file.data.length - 1) : file.data.length - 1;
    data = file.data.subarray(start, end + 1);
    status = 206;
    headers['Content-Range'] = `bytes ${start}-${end}/${file.data.length}`;
  }
  if (raw) {
    return { status, headers: { 'OData-Version': '4.0', 'Content-Type': 'application/octet-stream', ...headers }, body: data };
  }
  const res = jsonResponse(status, { '@odata.context': `${scope.apiUrl}$metadata#Edm.Binary`, value: data.toString('base64') }, headers);
  return res;
}

export function deleteFile(scope: Scope, info: TableInfo, row: Row, attr: AttributeDef): ApiResponse {
  scope.access.requireOnRow(info.def.logicalName, 'write', row);
  // The `<column>_name` companion names the file, so it goes with it.
  const nameColumn = `${attr.logicalName}_name`;
  updateRow(scope, info, row, { [attr.logicalName]: null, ...(info.attributes.has(nameColumn) ? { [nameColumn]: null } : {}) });
  return emptyResponse(204);
}
