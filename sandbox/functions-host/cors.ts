/**
 * CORS as App Service applies it in front of a Function App (the "CORS" blade: allowed origins,
 * "Enable Access-Control-Allow-Credentials"): the platform answers preflights itself and adds the
 * headers to actual answers; the functions never see OPTIONS. Web resources call the connector API
 * from the Dynamics origin, so the browser needs this.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface CorsOptions {
  /** Exact origins (`https://contoso.crm4.dynamics.com`), or `*` for any. */
  allowedOrigins: string[];
  supportCredentials?: boolean;
}

function allowedOrigin(cors: CorsOptions, origin: string | undefined): string | undefined {
  if (!origin) return undefined;
  if (cors.allowedOrigins.includes('*')) return cors.supportCredentials ? origin : '*';
  return cors.allowedOrigins.some((o) => o.replace(/\/+$/, '').toLowerCase() === origin.toLowerCase()) ? origin : undefined;
}

/** Headers to add to an actual (non-preflight) answer. */
export function corsHeaders(cors: CorsOptions | undefined, req: IncomingMessage): Record<string, string> {
  const origin = cors && allowedOrigin(cors, req.headers.origin);
  if (!origin) return {};
  return {
    'Access-Control-Allow-Origin': origin,
    ...(origin !== '*' ? { Vary: 'Origin' } : {}),
    ...(cors.supportCredentials ? { 'Access-Control-Allow-Credentials': 'true' } : {}),
    'Access-Control-Expose-Headers': 'Retry-After, Location, ETag',
  };
}

/** Answers a CORS preflight and returns true, or returns false when the request is not one. */
export function answerPreflight(cors: CorsOptions | undefined, req: IncomingMessage, res: ServerResponse): boolean {
  if (!cors || req.method !== 'OPTIONS' || !req.headers['access-control-request-method']) return false;
  const origin = allowedOrigin(cors, req.headers.origin);
  if (!origin) {
    // A disallowed origin gets an answer without CORS headers: the browser then blocks the call.
    res.writeHead(204, { 'Content-Length': '0' });
    res.end();
    return true;
  }
  res.writeHead(204, {
    ...corsHeaders(cors, req),
    'Access-Control-Allow-Methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
    'Access-Control-Allow-Headers': String(req.headers['access-control-request-headers'] ?? 'Authorization, Content-Type'),
    'Access-Control-Max-Age': '600',
    'Content-Length': '0',
  });
  res.end();
  return true;
}
