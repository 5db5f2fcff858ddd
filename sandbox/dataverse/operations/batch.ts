/**
 * `$batch` (OData 4.0 multipart/mixed, as Dataverse documents it): requests run in order; a change
 * set runs atomically (all or nothing) and its Content-IDs can be referenced as `$n` by later
 * requests of the set. Without `Prefer: odata.continue-on-error` the batch stops at the first
 * failure and answers 400 with the responses so far; with it, every request runs and the batch
 * answers 200. At most 1000 requests. The answer uses `batchresponse_` / `changesetresponse_`
 * boundaries, which DynamicsWebApi looks for.
 */
import { randomUUID } from 'node:crypto';
import { DataverseError, ErrorCodes, badRequest } from '../errors';
import { statusText, type ApiRequest, type ApiResponse } from '../http/types';

interface BatchPart {
  contentId?: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}

type BatchItem = { kind: 'request'; part: BatchPart } | { kind: 'changeset'; parts: BatchPart[] };

/** Runs one inner request; contentIds maps a change set's Content-IDs to the entity paths they created. */
export type InnerRunner = (req: ApiRequest, contentIds: Map<string, string> | undefined) => Promise<ApiResponse>;

/** An inner failure that undoes its change set. */
class ChangeSetFailed extends Error {
  constructor(
    readonly response: ApiResponse,
    readonly contentId: string | undefined,
  ) {
    super('change set failed');
  }
}

const MAX_REQUESTS = 1000;

export async function executeBatch(
  req: ApiRequest,
  continueOnError: boolean,
  apiPath: string,
  run: InnerRunner,
  transaction: <T>(work: () => Promise<T>) => Promise<T>,
): Promise<ApiResponse> {
  const boundary = boundaryOf(req.headers['content-type']);
  if (!boundary) throw badRequest('The $batch request must have Content-Type multipart/mixed with a boundary.');
  const items = parseItems(req.body.toString('utf8'), boundary);
  const count = items.reduce((n, i) => n + (i.kind === 'request' ? 1 : i.parts.length), 0);
  if (count > MAX_REQUESTS) {
    throw new DataverseError(400, ErrorCodes.invalidArgument, `The number of requests in the batch (${count}) exceeds the limit of ${MAX_REQUESTS}.`);
  }

  const out: string[] = [];
  const batchBoundary = `batchresponse_${randomUUID()}`;
  let failed = false;
  for (const item of items) {
    if (item.kind === 'request') {
      const res = await run(toApiRequest(item.part, apiPath, undefined), undefined);
      out.push(`--${batchBoundary}\r\n${httpPart(res, undefined)}`);
      if (res.status >= 400) failed = true;
    } else {
      const contentIds = new Map<string, string>();
      try {
        const responses = await transaction(async () => {
          const done: { res: ApiResponse; contentId?: string }[] = [];
          for (const part of item.parts) {
            const res = await run(toApiRequest(part, apiPath, contentIds), contentIds);
            if (res.status >= 400) throw new ChangeSetFailed(res, part.contentId);
            const entityId = res.headers['OData-EntityId'];
            if (part.contentId && entityId)
              contentIds.set(part.contentId, entityId.slice(entityId.indexOf('/api/data/')).replace(/^\/api\/data\/v[\d.]+\//, ''));
            done.push({ res, contentId: part.contentId });
          }
          return done;
        });
        const csBoundary = `changesetresponse_${randomUUID()}`;
        const inner = responses.map((r) => `--${csBoundary}\r\n${httpPart(r.res, r.contentId)}`).join('');
        out.push(`--${batchBoundary}\r\nContent-Type: multipart/mixed; boundary=${csBoundary}\r\n\r\n${inner}--${csBoundary}--\r\n`);
      } catch (e) {
        if (!(e instanceof ChangeSetFailed)) throw e;
        // A failed change set is answered by the one response that failed, in its change set; nothing of it was kept.
        const csBoundary = `changesetresponse_${randomUUID()}`;
        out.push(
          `--${batchBoundary}\r\nContent-Type: multipart/mixed; boundary=${csBoundary}\r\n\r\n--${csBoundary}\r\n${httpPart(e.response, e.contentId)}--${csBoundary}--\r\n`,
        );
        failed = true;
      }
    }
    if (failed && !continueOnError) break;
  }
  const body = `${out.join('')}--${batchBoundary}--\r\n`;
  const headers: Record<string, string> = { 'OData-Version': '4.0', 'Content-Type': `multipart/mixed; boundary=${batchBoundary}` };
  if (continueOnError) headers['Preference-Applied'] = 'odata.continue-on-error';
  return { status: failed && !continueOnError ? 400 : 200, headers, body };
}

function httpPart(res: ApiResponse, contentId: string | undefined): string {
  const lines = ['Content-Type: application/http', 'Content-Transfer-Encoding: binary'];
  if (contentId) lines.push(`Content-ID: ${contentId}`);
  lines.push('', `HTTP/1.1 ${res.status} ${statusText[res.status] ?? ''}`.trimEnd());
  for (const [k, v] of Object.entries(res.headers)) lines.push(`${k}: ${v}`);
  if (res.headers['OData-EntityId'] && !res.headers.Location) lines.push(`Location: ${res.headers['OData-EntityId']}`);
  const body = res.body === undefined ? '' : Buffer.isBuffer(res.body) ? res.body.toString('utf8') : res.body;
  return `${lines.join('\r\n')}\r\n\r\n${body}\r\n`;
}

function boundaryOf(contentType: string | undefined): string | undefined {
  const m = /boundary=("?)([^";]+)\1/i.exec(contentType ?? '');
  return m?.[2];
}

/** Splits a multipart body on its boundary; the preamble and the closing `--` are dropped. */
function splitMultipart(body: string, boundary: string): string[] {
  const delimiter = `--${boundary}`;
  const pieces = body.split(delimiter);
  pieces.shift();
  const parts: string[] = [];
  for (const piece of pieces) {
    if (piece.startsWith('--')) break;
    parts.push(piece.replace(/^\r?\n/, '').replace(/\r?\n$/, ''));
  }
  return parts;
}

/** Headers up to the first blank line, then the rest. */
function readHeaders(text: string): { headers: Record<string, string>; rest: string } {
  const m = /\r?\n\r?\n/.exec(text);
  const head = m ? text.slice(0, m.index) : text;
  const rest = m ? text.slice(m.index + m[0].length) : '';
  const headers: Record<string, string> = {};
  for (const line of head.split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  return { headers, rest };
}

function parseItems(body: string, boundary: string): BatchItem[] {
  return splitMultipart(body, boundary).map((raw): BatchItem => {
    const { headers, rest } = readHeaders(raw);
    const inner = boundaryOf(headers['content-type']);
    if (/^multipart\/mixed/i.test(headers['content-type'] ?? '') && inner) {
      const parts = splitMultipart(rest, inner).map((p) => parseRequestPart(p));
      // "GET request are not allowed within change sets" (Execute batch operations using the Web API):
      // the whole batch is refused, in the words of the OData library that reads it.
      const get = parts.find((p) => p.method === 'GET');
      if (get) {
        throw badRequest(
          `An invalid HTTP method '${get.method}' was detected for a request in a change set. Requests in change sets only support the HTTP methods 'POST', 'PUT', 'DELETE', and 'PATCH'.`,
        );
      }
      return { kind: 'changeset', parts };
    }
    return { kind: 'request', part: parseRequestPartFromBody(headers, rest) };
  });
}

function parseRequestPart(raw: string): BatchPart {
  const { headers, rest } = readHeaders(raw);
  return parseRequestPartFromBody(headers, rest);
}

function parseRequestPartFromBody(partHeaders: Record<string, string>, text: string): BatchPart {
  const trimmed = text.replace(/^(\r?\n)+/, '');
  const lineEnd = trimmed.search(/\r?\n/);
  const requestLine = (lineEnd < 0 ? trimmed : trimmed.slice(0, lineEnd)).trim();
  const m = /^([A-Z]+)\s+(\S+)(?:\s+HTTP\/[\d.]+)?$/.exec(requestLine);
  if (!m) throw badRequest(`The batch part request line '${requestLine}' is not valid.`);
  const afterLine = lineEnd < 0 ? '' : trimmed.slice(lineEnd).replace(/^\r?\n/, '');
  // A request without headers goes straight to its (blank line then) body.
  const { headers, rest } = /^\r?\n/.test(afterLine) ? { headers: {}, rest: afterLine.replace(/^\r?\n/, '') } : readHeaders(afterLine);
  return {
    contentId: partHeaders['content-id'] ?? headers['content-id'],
    method: m[1],
    url: m[2],
    headers,
    body: rest.replace(/\s+$/, ''),
  };
}

function toApiRequest(part: BatchPart, apiPath: string, contentIds: Map<string, string> | undefined): ApiRequest {
  let url = part.url;
  const ref = /^\$([^/?]+)(.*)$/.exec(url);
  if (ref) {
    const target = contentIds?.get(ref[1]);
    if (!target) throw badRequest(`Content-ID reference '$${ref[1]}' does not name an earlier request of the change set.`);
    url = `${target}${ref[2]}`;
  }
  const parsed = new URL(url, `http://batch${apiPath}`);
  const path = parsed.pathname.startsWith(apiPath) ? parsed.pathname.slice(apiPath.length) : parsed.pathname.replace(/^\//, '');
  return { method: part.method, path, query: parsed.searchParams, headers: part.headers, body: Buffer.from(part.body, 'utf8') };
}
