/**
 * Between node's http server and the Functions programming model: an IncomingMessage becomes the
 * `HttpRequest` the Functions runtime would build (raw body bytes untouched: webhook signatures are
 * computed on them), and whatever the handler returns is written back as the runtime would.
 */
import { HttpRequest, HttpResponse, type Cookie, type HttpResponseInit } from '@azure/functions';
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

export async function writeResult(res: ServerResponse, result: HttpResponseInit | HttpResponse | void): Promise<void> {
  const response = result instanceof HttpResponse ? result : new HttpResponse(result ?? {});
  const body = Buffer.from(await response.arrayBuffer());
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  const setCookies = response.headers.getSetCookie();
  if (setCookies.length > 0 || response.cookies.length > 0) {
    headers['set-cookie'] = [...setCookies, ...response.cookies.map(serializeCookie)];
  }
  headers['content-length'] = String(body.length);
  res.writeHead(response.status, headers);
  res.end(body);
}
