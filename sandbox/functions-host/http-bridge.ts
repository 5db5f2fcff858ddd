/**
 * Between node's http server and the Functions programming model: an IncomingMessage becomes the
 * `HttpRequest` the Functions runtime would build (raw body bytes untouched: webhook signatures are
 * computed on them), and whatever the handler returns is written back as the runtime would.
 *
 * Two ways, as the runtime has two: without HTTP streaming the host reads the whole body first and
 * hands the worker the bytes (toHttpRequest); with `app.setup({ enableHttpStream: true })` the
 * worker gets the body as a stream it reads itself, through the same `nativeRequest` the library's
 * own createStreamRequest builds (toStreamingHttpRequest), so nothing is buffered before the
 * handler asks for it.
 */
import { HttpRequest, HttpResponse, type Cookie, type HttpRequestInit, type HttpResponseInit } from '@azure/functions';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Node gives repeated headers as arrays; the Functions runtime joins them, as fetch's Headers does. */
function flatHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

export function readRawBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    // Most bodies arrive in one chunk: kept as is rather than copied by concat.
    req.on('end', () => resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export function toHttpRequest(req: IncomingMessage, url: string, rawBody: Buffer, params: Record<string, string>): HttpRequest {
  return new HttpRequest({
    method: req.method ?? 'GET',
    url,
    headers: flatHeaders(req),
    // A Buffer is a Uint8Array: no copy here (HttpRequest makes its own, as the worker does).
    body: rawBody.length > 0 ? { bytes: rawBody } : undefined,
    params,
  });
}

/** Read ahead at most this much of a body the handler has not asked for yet (one socket read or so). */
const STREAM_HIGH_WATER_BYTES = 64 * 1024;

/**
 * The body as a web stream that reads the socket only as the handler pulls: backpressure pauses
 * the IncomingMessage, so an unread body stays in the kernel's buffers, not in this process.
 * `discard()` (the answer is written, or the handler cancelled the stream at its limit) drops
 * whatever still comes, as node does with an unread body, so the connection stays usable.
 */
function bodyStream(req: IncomingMessage): { stream: ReadableStream<Uint8Array>; discard(): void } {
  let dropping = false;
  let controller: ReadableStreamDefaultController<Uint8Array> | undefined;
  const discard = () => {
    if (dropping) return;
    dropping = true;
    try {
      controller?.close();
    } catch {
      // already closed or cancelled
    }
    req.resume();
  };
  const stream = new ReadableStream<Uint8Array>(
    {
      start(c) {
        controller = c;
        req.on('data', (chunk: Buffer) => {
          if (dropping) return;
          c.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
          if ((c.desiredSize ?? 0) <= 0) req.pause();
        });
        req.once('end', () => {
          if (!dropping) c.close();
          dropping = true;
        });
        req.once('error', (e) => !dropping && c.error(e));
        req.pause();
      },
      pull() {
        if (!dropping) req.resume();
      },
      cancel() {
        dropping = true;
        req.resume();
      },
    },
    new ByteLengthQueuingStrategy({ highWaterMark: STREAM_HIGH_WATER_BYTES }),
  );
  return { stream, discard };
}

/**
 * The request as the runtime builds it with HTTP streaming on: headers and params now, the body
 * when read. Call `done()` once the answer is written.
 */
export function toStreamingHttpRequest(req: IncomingMessage, url: string, params: Record<string, string>): { request: HttpRequest; done(): void } {
  const method = req.method ?? 'GET';
  const hasBody = !['GET', 'HEAD'].includes(method.toUpperCase());
  const body = hasBody ? bodyStream(req) : undefined;
  const nativeRequest = new Request(url, {
    method,
    headers: flatHeaders(req),
    ...(body ? { body: body.stream, duplex: 'half' } : {}),
  } as RequestInit);
  if (!body) req.resume();
  // `nativeRequest` is how @azure/functions' createStreamRequest hands a streamed request to the
  // handler; it is not in the public HttpRequestInit type.
  return { request: new HttpRequest({ nativeRequest, params } as HttpRequestInit), done: () => body?.discard() };
}

/** `Set-Cookie` as RFC 6265 writes it, from the Functions `Cookie` shape. */
function serializeCookie(c: Cookie): string {
  const parts = [`${c.name}=${c.value}`];
  if (c.domain) parts.push(`Domain=${c.domain}`);
  if (c.path) parts.push(`Path=${c.path}`);
  if (c.expires !== undefined) parts.push(`Expires=${new Date(c.expires).toUTCString()}`);
  if (c.maxAge !== undefined) parts.push(`Max-Age=${c.maxAge}`);
  if (c.secure) parts.push('Secure');
  if (c.httpOnly) parts.push('HttpOnly');
  if (c.sameSite) parts.push(`SameSite=${c.sameSite}`);
  return parts.join('; ');
}

/** Hop-by-hop headers the library's HTTP proxy does not pass on (httpProxy.ts blockedProxyResponseHeaders). */
const BLOCKED_PROXY_HEADERS = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'trailers',
  'transfer-encoding',
  'upgrade',
]);

function headersOf(response: HttpResponse): Record<string, string | string[]> {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  const setCookies = response.headers.getSetCookie();
  if (setCookies.length > 0 || response.cookies.length > 0) {
    headers['set-cookie'] = [...setCookies, ...response.cookies.map(serializeCookie)];
  }
  return headers;
}

/**
 * Writes the handler's answer as the runtime does. Without HTTP streaming the worker reads the whole
 * body (toRpcHttp: `await response.arrayBuffer()`) and the host sends it with its length. With
 * `enableHttpStream` the library's sendProxyResponse writes the status and headers, then each chunk
 * of the body as the handler's stream yields it, then ends: the caller gets the first bytes before
 * the last are made. As there, `write` is not held back for a slow caller (Azure/azure-functions-
 * nodejs-library#294: no backpressure), and a body that errors leaves the answer unfinished; the
 * caller sees it cut off (the host's catch destroys the socket once headers are out).
 */
export async function writeResult(res: ServerResponse, result: HttpResponseInit | HttpResponse | void, opts: { streaming?: boolean } = {}): Promise<void> {
  const response = result instanceof HttpResponse ? result : new HttpResponse(result ?? {});
  const headers = headersOf(response);
  if (opts.streaming) {
    for (const name of Object.keys(headers)) if (BLOCKED_PROXY_HEADERS.has(name)) delete headers[name];
    res.writeHead(response.status, headers);
    if (response.body) for await (const chunk of response.body.values() as AsyncIterable<Uint8Array>) res.write(chunk);
    res.end();
    return;
  }
  const body = Buffer.from(await response.arrayBuffer());
  headers['content-length'] = String(body.length);
  res.writeHead(response.status, headers);
  res.end(body);
}
