/**
 * The identity emulator: Entra ID's v2.0 endpoints for one tenant, on loopback.
 *
 *   {authority}/v2.0/.well-known/openid-configuration   discovery
 *   {authority}/discovery/v2.0/keys                     JWKS
 *   {authority}/oauth2/v2.0/token                       client_credentials, password, refresh_token
 *
 * where authority = http://127.0.0.1:<port>/<tenantId>.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TENANT_ID } from '../seed/identities';
import { commonClaims, timeClaims, type Claims } from './claims';
import { EntraError, entraErrors } from './errors';
import { KeyRing, newSigningKey } from './keys';
import { instanceDiscovery, openIdConfiguration } from './openid-configuration';
import { signRs256 } from './signing';
import { handleTokenRequest, type TokenEndpointContext } from './token-endpoint';

export { signWithForeignKey, unsignedToken } from './signing';
export { connectorAppToken, demoUserToken } from './demo-tokens';

export interface IdentityOptions {
  port?: number;
  host?: string;
  /**
   * URL resources (besides the tenant's own APIs) that tokens may be asked for, e.g. the Dataverse
   * emulator's URL. Left out, any http(s) URL is accepted; given, others get AADSTS500011.
   */
  resources?: string[];
  /** Access token lifetime; Entra's default is about an hour. */
  tokenLifetimeSeconds?: number;
}

interface MintOptions {
  /** Seconds from now until `exp` (negative: already expired). Default: the token lifetime. */
  expiresInSeconds?: number;
  /** Seconds from now for `nbf` (positive: not yet valid). Default: -300, as Entra does. */
  notBeforeSeconds?: number;
  /** Override the header `kid` (the signature is still made with the current key). */
  kid?: string;
  /** Claims to leave out of the defaults, e.g. ['tid']. */
  omit?: string[];
}

export interface IdentitySandbox {
  /** http://127.0.0.1:<port>/<tenantId> */
  authority: string;
  /** The authority host alone (the `AZURE_AUTHORITY_HOST` setting): http://127.0.0.1:<port> */
  authorityHost: string;
  /** authority + '/v2.0': the `iss` of every token. */
  issuer: string;
  jwksUri: string;
  tokenEndpoint: string;
  openIdConfigurationUrl: string;
  tenantId: string;
  /** The kid of the key tokens are signed with now. */
  currentKid(): string;
  /** Start signing with a new key; the old one stays in the JWKS. */
  rotateKey(): Promise<string>;
  /** Accept tokens for another URL resource (when the emulator was started with `resources`). */
  addResource(resource: string): void;
  /**
   * A token signed with the emulator's current key, for tests that need crafted tokens: `claims`
   * go over the defaults (iss, tid, ver, iat, nbf, exp and opaque ones).
   */
  mintToken(claims: Claims, opts?: MintOptions): Promise<string>;
  close(): Promise<void>;
}

const MAX_BODY = 1024 * 1024;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new Error('body too large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    // Token responses must not be cached (RFC 6749 5.1); Entra also allows browser (SPA) callers.
    'Cache-Control': 'no-store, no-cache',
    Pragma: 'no-cache',
    'Access-Control-Allow-Origin': '*',
    ...extra,
  });
  res.end(text);
}

export async function startIdentity(opts: IdentityOptions = {}): Promise<IdentitySandbox> {
  const host = opts.host ?? '127.0.0.1';
  const tenantId = TENANT_ID;
  const lifetimeSeconds = opts.tokenLifetimeSeconds ?? 3599;
  const keys = new KeyRing(await newSigningKey());
  const allowedResources = opts.resources ? new Set(opts.resources.map(normalizeResource)) : undefined;

  // The URLs depend on the port, known only once listening; filled in below.
  let authorityHost = '';
  let authority = '';
  let issuer = '';
  const ctx: TokenEndpointContext = {
    tenantId,
    get issuer() {
      return issuer;
    },
    keys,
    lifetimeSeconds,
    resources: {
      tenant: tenantId,
      isKnownResource: (r) => !allowedResources || allowedResources.has(normalizeResource(r)),
    },
    refreshTokens: new Map(),
  };

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', authorityHost);
    const segments = url.pathname.split('/').filter(Boolean);
    const method = req.method ?? 'GET';
    if (method === 'OPTIONS') {
      res.writeHead(204, {
        'Access-Control-Allow-Origin': '*',
        'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
        'Access-Control-Allow-Headers':
          'Content-Type, Authorization, client-request-id, x-client-sku, x-client-ver, x-client-os, x-client-cpu, x-ms-lib-capability',
        'Access-Control-Max-Age': '86400',
      });
      res.end();
      return;
    }
    if (url.pathname === '/common/discovery/instance') {
      send(res, 200, instanceDiscovery(url.host, `${authority}/v2.0/.well-known/openid-configuration`));
      return;
    }
    const [tenant, ...rest] = segments;
    const path = rest.join('/');
    const known = ['v2.0/.well-known/openid-configuration', 'discovery/v2.0/keys', 'discovery/keys', 'oauth2/v2.0/token'];
    if (!tenant || !known.includes(path)) {
      send(res, 404, { error: 'not_found', error_description: `The sandbox identity emulator does not serve ${url.pathname}.` });
      return;
    }
    if (tenant.toLowerCase() !== tenantId) {
      const err = entraErrors.tenantNotFound(tenant);
      send(res, err.status, err.body(authorityHost));
      return;
    }
    switch (path) {
      case 'v2.0/.well-known/openid-configuration':
        send(res, 200, openIdConfiguration(authority));
        return;
      case 'discovery/v2.0/keys':
      case 'discovery/keys':
        send(res, 200, keys.jwks(issuer));
        return;
      case 'oauth2/v2.0/token':
        await token(req, res);
        return;
    }
  }

  async function token(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      if (req.method !== 'POST') throw entraErrors.postOnly();
      const body = await readBody(req);
      // Entra reads only form-encoded bodies; anything else reads as "no grant_type".
      const isForm = (req.headers['content-type'] ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded');
      const form = new URLSearchParams(isForm ? body : '');
      send(res, 200, await handleTokenRequest(ctx, form, req.headers.authorization));
    } catch (e) {
      if (e instanceof EntraError) {
        const extra: Record<string, string> = e.status === 401 ? { 'WWW-Authenticate': 'Basic realm=""' } : {};
        send(res, e.status, e.body(authorityHost), extra);
      } else {
        send(res, 500, { error: 'server_error', error_description: 'The sandbox identity emulator failed.' });
      }
    }
  }

  const server = createServer((req, res) => {
    route(req, res).catch(() => {
      if (!res.headersSent) send(res, 500, { error: 'server_error' });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  authorityHost = `http://${host}:${port}`;
  authority = `${authorityHost}/${tenantId}`;
  issuer = `${authority}/v2.0`;

  return {
    authority,
    authorityHost,
    issuer,
    jwksUri: `${authority}/discovery/v2.0/keys`,
    tokenEndpoint: `${authority}/oauth2/v2.0/token`,
    openIdConfigurationUrl: `${authority}/v2.0/.well-known/openid-configuration`,
    tenantId,
    currentKid: () => keys.current.kid,
    rotateKey: async () => (await keys.rotate()).kid,
    addResource: (r) => allowedResources?.add(normalizeResource(r)),
    async mintToken(claims, mint = {}) {
      const now = Math.floor(Date.now() / 1000);
      const defaults: Claims = {
        ...commonClaims(issuer, tenantId),
        ...timeClaims(mint.expiresInSeconds ?? lifetimeSeconds, now),
        ...(mint.notBeforeSeconds !== undefined ? { nbf: now + mint.notBeforeSeconds } : {}),
      };
      for (const k of mint.omit ?? []) delete defaults[k];
      const merged: Claims = { ...defaults, ...claims };
      for (const k of mint.omit ?? []) delete merged[k];
      return signRs256(merged, keys.current.privateKey, { kid: mint.kid ?? keys.current.kid });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function normalizeResource(r: string): string {
  return r.replace(/\/+$/, '').toLowerCase();
}
