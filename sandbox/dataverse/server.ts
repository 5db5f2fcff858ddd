/**
 * The HTTP server: `/_sandbox/*` test controls (no auth), and the Web API at `/api/data/v9.2/`,
 * where every request goes through, in order: the fault injector, the bearer token, the caller
 * (CallerObjectId), the engine; and is written to the request log.
 */
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { DataverseError } from './errors';
import { API_PATH, type DataverseEngine } from './engine';
import { errorResponse, type ApiRequest, type ApiResponse } from './http/types';
import { TokenVerifier } from './auth/token';
import { resolveCaller } from './auth/resolve-caller';
import { FaultInjector, parseFaultPlan } from './controls/faults';
import { RequestLog } from './controls/request-log';
import { parseLimits, ServiceProtection } from './controls/service-protection';
import { changeTrackingControl } from './controls/change-tracking';

export interface ServerOptions {
  host: string;
  port: number;
  issuer: string;
  jwksUri: string;
}

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

const CORS: Record<string, string> = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Expose-Headers':
    'OData-EntityId, ETag, Location, Preference-Applied, Retry-After, x-ms-chunk-size, x-ms-file-name, x-ms-file-size, x-ms-ratelimit-burst-remaining-xrm-requests, x-ms-ratelimit-time-remaining-xrm-requests',
};

export async function startServer(engine: DataverseEngine, options: ServerOptions): Promise<RunningServer> {
  const faults = new FaultInjector();
  const log = new RequestLog();
  const limits = new ServiceProtection();
  let baseUrl = '';
  const verifier = new TokenVerifier(options.issuer, options.jwksUri, () => baseUrl);

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      handle(req, Buffer.concat(chunks))
        .then((answer) => send(res, answer))
        .catch((e: unknown) => send(res, { status: 500, headers: { 'Content-Type': 'text/plain' }, body: String(e) }));
    });
  });

  async function handle(req: http.IncomingMessage, body: Buffer): Promise<ApiResponse> {
    const receivedAt = new Date().toISOString();
    const url = new URL(req.url ?? '/', 'http://localhost');
    const method = (req.method ?? 'GET').toUpperCase();
    if (method === 'OPTIONS') {
      return {
        status: 204,
        headers: {
          ...CORS,
          'Access-Control-Allow-Methods': 'GET, POST, PATCH, PUT, DELETE',
          'Access-Control-Allow-Headers': String(req.headers['access-control-request-headers'] ?? '*'),
          'Access-Control-Max-Age': '600',
        },
      };
    }
    if (url.pathname.startsWith('/_sandbox/')) return controls(method, url.pathname, body);
    const apiMatch = /^\/api\/data\/v9\.[0-2]\//.exec(url.pathname);
    if (!apiMatch && url.pathname !== API_PATH.slice(0, -1)) {
      return { status: 404, headers: { 'Content-Type': 'text/plain' }, body: 'Not found' };
    }
    const headers = lowerHeaders(req.headers);
    const callerObjectId = headers['callerobjectid'] ?? null;
    const answer = await webApi(method, url, apiMatch ? apiMatch[0] : API_PATH, headers, body);
    const bytes = answer.body === undefined ? 0 : Buffer.byteLength(answer.body);
    log.add({ method, url: url.pathname + url.search, callerObjectId, status: answer.status, at: new Date().toISOString(), receivedAt, bytes });
    return answer;
  }

  async function webApi(method: string, url: URL, prefix: string, headers: Record<string, string | undefined>, body: Buffer): Promise<ApiResponse> {
    const fault = faults.take();
    if (fault.error) {
      if (fault.latencyMs > 0) await new Promise((r) => setTimeout(r, fault.latencyMs));
      return errorResponse(fault.error);
    }
    let admission: ReturnType<ServiceProtection['admit']> | undefined;
    try {
      const claims = await verifier.verify(headers['authorization']);
      // Limits are per user: the identity of the token (impersonation does not change whose limits apply).
      admission = limits.admit(claims.oid ?? claims.appid ?? claims.sub ?? 'anonymous');
      if (admission.error) return withHeaders(errorResponse(admission.error), admission.headers);
      // An injected delay is time the request spends executing: it counts toward the limits.
      if (fault.latencyMs > 0) await new Promise((r) => setTimeout(r, fault.latencyMs));
      const caller = resolveCaller(engine.store, engine.roles, claims, { callerObjectId: headers['callerobjectid'], mscrmCallerId: headers['mscrmcallerid'] });
      const apiReq: ApiRequest = { method, path: url.pathname.slice(prefix.length), query: url.searchParams, headers, body };
      return withHeaders(await engine.handle(apiReq, caller, `${baseUrl}${API_PATH}`), admission.headers);
    } catch (e) {
      if (e instanceof DataverseError) return withHeaders(errorResponse(e), admission?.headers ?? {});
      throw e;
    } finally {
      admission?.done();
    }
  }

  function controls(method: string, path: string, body: Buffer): ApiResponse {
    const json = (status: number, value: unknown): ApiResponse => ({ status, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(value) });
    if (path === '/_sandbox/faults') {
      if (method === 'POST') {
        try {
          faults.add(parseFaultPlan(JSON.parse(body.toString('utf8') || '{}')));
          return json(200, { pending: faults.pending() });
        } catch (e) {
          return json(400, { error: e instanceof Error ? e.message : String(e) });
        }
      }
      if (method === 'DELETE') {
        faults.clear();
        return { status: 204, headers: {} };
      }
      if (method === 'GET') return json(200, { pending: faults.pending() });
    }
    if (path === '/_sandbox/limits') {
      if (method === 'POST') {
        try {
          limits.enable(parseLimits(JSON.parse(body.toString('utf8') || '{}')));
          return json(200, limits.status());
        } catch (e) {
          return json(400, { error: e instanceof Error ? e.message : String(e) });
        }
      }
      if (method === 'DELETE') {
        limits.disable();
        return { status: 204, headers: {} };
      }
      if (method === 'GET') return json(200, limits.status());
    }
    const tracking = changeTrackingControl(engine.store, method, path, body, (table, enabled) => engine.setChangeTracking(table, enabled));
    if (tracking) return tracking;
    if (path === '/_sandbox/requests') {
      if (method === 'GET') return json(200, log.list());
      if (method === 'DELETE') {
        log.clear();
        return { status: 204, headers: {} };
      }
    }
    return json(404, { error: `No sandbox control ${method} ${path}` });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  baseUrl = `http://${options.host}:${address.port}`;
  return {
    url: baseUrl,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

function withHeaders(answer: ApiResponse, headers: Record<string, string>): ApiResponse {
  return Object.keys(headers).length ? { ...answer, headers: { ...answer.headers, ...headers } } : answer;
}

function lowerHeaders(headers: http.IncomingHttpHeaders): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(headers)) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

function send(res: http.ServerResponse, answer: ApiResponse): void {
  // Dataverse tags every answer with a request id (REQ_ID), which support asks for.
  const headers: Record<string, string> = { ...CORS, REQ_ID: randomUUID(), ...answer.headers };
  if (answer.body !== undefined) headers['Content-Length'] = String(Buffer.byteLength(answer.body));
  res.writeHead(answer.status, headers);
  res.end(answer.body);
}
