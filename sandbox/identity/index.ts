/**
 * The identity emulator: Entra ID's v2.0 endpoints for one tenant, on loopback.
 *
 *   {authority}/v2.0/.well-known/openid-configuration   discovery
 *   {authority}/discovery/v2.0/keys                     JWKS
 *   {authority}/oauth2/v2.0/authorize                   authorization code (+PKCE), its sign-in pages
 *   {authority}/login                                   what those pages post
 *   {authority}/oauth2/v2.0/logout                      ends the session
 *   {authority}/oauth2/v2.0/token                       client_credentials, password, authorization_code, refresh_token
 *
 * where authority = http://<publicHost>:<port>/<tenantId> (publicHost defaults to the listening host),
 * or https:// when started with `tls` (msal-browser and msal-node refuse an http authority).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { CONNECTOR_APP, TENANT_ID } from '../seed/identities';
import { CodeStore } from './auth-codes';
import { authorize, type AuthorizeAnswer, type AuthorizeContext, type PageForm } from './authorize-endpoint';
import { commonClaims, timeClaims, type Claims } from './claims';
import { EntraError, entraErrors } from './errors';
import { KeyRing, newSigningKey } from './keys';
import { instanceDiscovery, openIdConfiguration } from './openid-configuration';
import { AppRegistrations, type RedirectUriType } from './registrations';
import { SESSION_COOKIE, SessionStore, clearedSessionCookie, readCookie, sessionCookie } from './sessions';
import { errorLookupPage, signedOutPage } from './sign-in-pages';
import { signRs256 } from './signing';
import { handleTokenRequest, type TokenEndpointContext, type TokenLogEntry } from './token-endpoint';

export { signWithForeignKey, unsignedToken } from './signing';
export { connectorAppToken, demoUserToken } from './demo-tokens';

export interface IdentityOptions {
  port?: number;
  /** The address it listens on (default 127.0.0.1). */
  host?: string;
  /**
   * The host name it advertises in its URLs (authority, issuer, endpoints), e.g. `localhost` while
   * listening on 127.0.0.1, so that it is another *site* than a harness on 127.0.0.1, as
   * login.microsoftonline.com is to *.crm.dynamics.com. Default: `host`.
   */
  publicHost?: string;
  /**
   * URL resources (besides the tenant's own APIs) that tokens may be asked for, e.g. the Dataverse
   * emulator's URL. Left out, any http(s) URL is accepted; given, others get AADSTS500011.
   */
  resources?: string[];
  /** Access token lifetime; Entra's default is about an hour. */
  tokenLifetimeSeconds?: number;
  /**
   * Serve https with this key and certificate (PEM), as Entra does: msal-browser refuses any other
   * authority (`authority_uri_insecure`). The certificate must name `publicHost`.
   */
  tls?: { key: string; cert: string };
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
  /** `{authority}/oauth2/v2.0/authorize` */
  authorizeEndpoint: string;
  /** `{authority}/oauth2/v2.0/logout` */
  endSessionEndpoint: string;
  /**
   * Registers a redirect URI on an app registration (default: the connector's app, whose client id
   * the pages sign in with), under the "Single-page application" platform (`spa`, default) or "Web".
   * A world registers `<harness origin>/WebResources/dtclm_/html/signin.html` once the harness runs.
   */
  registerRedirectUri(uri: string, opts?: { clientId?: string; type?: RedirectUriType }): void;
  unregisterRedirectUri(uri: string, opts?: { clientId?: string }): void;
  /**
   * Tenant-wide admin consent of `clientId` (default: the connector's app) to the connector's API
   * (`user_impersonation`). Granted by default; revoke it to meet AADSTS65001.
   */
  setAdminConsent(granted: boolean, opts?: { clientId?: string }): void;
  /** Every token endpoint call so far (grant, client, PKCE, redirect URI, Origin, outcome). */
  tokenLog(): TokenLogEntry[];
  /** Ends every sign-in session (as if each person signed out of Entra). */
  endAllSessions(): void;
  /** Moves the emulator's clock (codes' 10 minutes, SPA refresh tokens' 24 hours, token times). */
  advanceClock(seconds: number): void;
  /**
   * A token signed with the emulator's current key, for tests that need crafted tokens: `claims`
   * go over the defaults (iss, tid, ver, iat, nbf, exp and opaque ones).
   */
  mintToken(claims: Claims, opts?: MintOptions): Promise<string>;
  close(): Promise<void>;
}

const MAX_BODY = 1024 * 1024;
const MULTI_TENANT_ALIASES = ['organizations', 'common'];

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
    // Token responses must not be cached (RFC 6749 5.1); discovery and keys are read by pages too.
    'Cache-Control': 'no-store, no-cache',
    Pragma: 'no-cache',
    'Access-Control-Allow-Origin': '*',
    ...extra,
  });
  res.end(text);
}

function sendHtml(res: ServerResponse, status: number, html: string, headers: Record<string, string | string[]> = {}): void {
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': Buffer.byteLength(html),
    'Cache-Control': 'no-store, no-cache',
    ...headers,
  });
  res.end(html);
}

/** The token endpoint answers a page's call for its own origin ("Redirect URIs for single-page apps": CORS). */
function corsFor(origin: string | undefined): Record<string, string> {
  return origin ? { 'Access-Control-Allow-Origin': origin, Vary: 'Origin' } : {};
}

function pageForm(body: URLSearchParams): PageForm {
  const consent = body.get('consent');
  return {
    ...(body.has('login') ? { login: body.get('login') ?? '', passwd: body.get('passwd') ?? '' } : {}),
    ...(body.get('account') ? { account: body.get('account') ?? '' } : {}),
    ...(consent === 'accept' || consent === 'cancel' ? { consent } : {}),
  };
}

export async function startIdentity(opts: IdentityOptions = {}): Promise<IdentitySandbox> {
  const host = opts.host ?? '127.0.0.1';
  const publicHost = opts.publicHost ?? host;
  const tenantId = TENANT_ID;
  let clockOffset = 0;
  const now = () => Math.floor(Date.now() / 1000) + clockOffset;
  const registrations = new AppRegistrations();
  const sessions = new SessionStore();
  const codes = new CodeStore();
  const log: TokenLogEntry[] = [];
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
    codes,
    log,
    now,
  };
  const authorizeCtx: AuthorizeContext = {
    tenantId,
    get authorityHost() {
      return authorityHost;
    },
    get authority() {
      return authority;
    },
    registrations,
    sessions,
    codes,
    resources: ctx.resources,
    now,
  };

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', authorityHost);
    const segments = url.pathname.split('/').filter(Boolean);
    const method = req.method ?? 'GET';
    if (method === 'OPTIONS') {
      // Preflight of a page's token request: msal sends client-request-id, x-client-* and the like.
      const origin = req.headers.origin;
      res.writeHead(204, {
        'Access-Control-Allow-Origin': origin ?? '*',
        'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
        'Access-Control-Allow-Headers':
          req.headers['access-control-request-headers'] ??
          'Content-Type, Authorization, client-request-id, return-client-request-id, x-client-sku, x-client-ver, x-client-os, x-client-cpu, x-ms-lib-capability, x-client-current-telemetry, x-client-last-telemetry',
        'Access-Control-Max-Age': '86400',
        ...(origin ? { Vary: 'Origin' } : {}),
      });
      res.end();
      return;
    }
    if (url.pathname === '/error') {
      // The target of every `error_uri` (Entra: login.microsoftonline.com/error?code=NNN, its lookup page).
      sendHtml(res, 200, errorLookupPage(url.searchParams.get('code') ?? ''));
      return;
    }
    if (url.pathname === '/common/discovery/instance') {
      send(res, 200, instanceDiscovery(url.host, `${authority}/v2.0/.well-known/openid-configuration`));
      return;
    }
    const [tenant, ...rest] = segments;
    const path = rest.join('/');
    const known = [
      'v2.0/.well-known/openid-configuration',
      'discovery/v2.0/keys',
      'discovery/keys',
      'oauth2/v2.0/token',
      'oauth2/v2.0/authorize',
      'login',
      'oauth2/v2.0/logout',
    ];
    if (!tenant || !known.includes(path)) {
      send(res, 404, { error: 'not_found', error_description: `The sandbox identity emulator does not serve ${url.pathname}.` });
      return;
    }
    // `organizations` (and `common`) stand for the tenant of the signed-in work account, as in Entra;
    // the tenant has only work accounts, so both mean this tenant.
    const multiTenant = MULTI_TENANT_ALIASES.includes(tenant.toLowerCase());
    if (tenant.toLowerCase() !== tenantId && !multiTenant) {
      const err = entraErrors.tenantNotFound(tenant);
      send(res, err.status, err.body(authorityHost));
      return;
    }
    switch (path) {
      case 'v2.0/.well-known/openid-configuration':
        // Entra's multi-tenant document names its endpoints under the alias and its issuer with `{tenantid}`.
        send(res, 200, multiTenant ? multiTenantConfiguration(tenant.toLowerCase()) : openIdConfiguration(authority));
        return;
      case 'discovery/v2.0/keys':
      case 'discovery/keys':
        send(res, 200, keys.jwks(issuer));
        return;
      case 'oauth2/v2.0/token':
        await token(req, res);
        return;
      case 'oauth2/v2.0/authorize':
        if (method === 'POST') {
          // form_post-style authorize requests carry their parameters in the body.
          answer(res, authorize(authorizeCtx, { params: await formBody(req), sessionId: cookieSession(req) }));
        } else {
          answer(res, authorize(authorizeCtx, { params: url.searchParams, sessionId: cookieSession(req) }));
        }
        return;
      case 'login': {
        if (method !== 'POST') {
          sendHtml(res, 405, signedOutPage(), { Allow: 'POST' });
          return;
        }
        const body = await formBody(req);
        const params = new URLSearchParams(body.get('ctx') ?? '');
        answer(res, authorize(authorizeCtx, { params, sessionId: cookieSession(req), form: pageForm(body) }));
        return;
      }
      case 'oauth2/v2.0/logout':
        logout(req, res, url);
        return;
    }
  }

  function multiTenantConfiguration(alias: string): Record<string, unknown> {
    return { ...openIdConfiguration(`${authorityHost}/${alias}`), issuer: `${authorityHost}/{tenantid}/v2.0` };
  }

  function cookieSession(req: IncomingMessage): string | undefined {
    return readCookie(req.headers.cookie, SESSION_COOKIE);
  }

  async function formBody(req: IncomingMessage): Promise<URLSearchParams> {
    const isForm = (req.headers['content-type'] ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded');
    const body = await readBody(req);
    return new URLSearchParams(isForm ? body : '');
  }

  function answer(res: ServerResponse, a: AuthorizeAnswer): void {
    const cookie: Record<string, string> = a.sessionId ? { 'Set-Cookie': sessionCookie(a.sessionId) } : {};
    if (a.kind === 'redirect') {
      res.writeHead(302, { Location: a.location, 'Cache-Control': 'no-store, no-cache', 'Content-Length': 0, ...cookie });
      res.end();
      return;
    }
    // Entra's sign-in and error pages refuse to be framed (clickjacking): a page that needs the
    // person must be a top-level window or a popup; a hidden iframe only ever gets redirects.
    const noFraming: Record<string, string> = a.kind === 'page' ? { 'X-Frame-Options': 'DENY', 'Content-Security-Policy': "frame-ancestors 'none'" } : {};
    sendHtml(res, a.kind === 'page' ? a.status : 200, a.html, { ...cookie, ...noFraming });
  }

  /**
   * End-session (msal's logout): the session ends; the browser goes back to
   * `post_logout_redirect_uri` only when it is a registered redirect URI of the client.
   */
  function logout(req: IncomingMessage, res: ServerResponse, url: URL): void {
    sessions.signOut(cookieSession(req));
    const cleared = { 'Set-Cookie': clearedSessionCookie() };
    const back = url.searchParams.get('post_logout_redirect_uri');
    const clientId = url.searchParams.get('client_id') ?? CONNECTOR_APP.clientId;
    if (back && registrations.findRedirectUri(clientId, back)) {
      const target = new URL(back);
      const state = url.searchParams.get('state');
      if (state) target.searchParams.set('state', state);
      res.writeHead(302, { Location: target.toString(), 'Content-Length': 0, ...cleared });
      res.end();
      return;
    }
    sendHtml(res, 200, signedOutPage(), cleared);
  }

  async function token(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const origin = req.headers.origin;
    try {
      if (req.method !== 'POST') throw entraErrors.postOnly();
      // Entra reads only form-encoded bodies; anything else reads as "no grant_type".
      const form = await formBody(req);
      send(res, 200, await handleTokenRequest(ctx, form, req.headers.authorization, origin), corsFor(origin));
    } catch (e) {
      if (e instanceof EntraError) {
        const extra: Record<string, string> = e.status === 401 ? { 'WWW-Authenticate': 'Basic realm=""' } : {};
        send(res, e.status, e.body(authorityHost), { ...extra, ...corsFor(origin) });
      } else {
        send(res, 500, { error: 'server_error', error_description: 'The sandbox identity emulator failed.' }, corsFor(origin));
      }
    }
  }

  const handler = (req: IncomingMessage, res: ServerResponse) => {
    route(req, res).catch(() => {
      if (!res.headersSent) send(res, 500, { error: 'server_error' });
    });
  };
  const server = opts.tls ? createHttpsServer({ key: opts.tls.key, cert: opts.tls.cert }, handler) : createServer(handler);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  authorityHost = `${opts.tls ? 'https' : 'http'}://${publicHost}:${port}`;
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
    authorizeEndpoint: `${authority}/oauth2/v2.0/authorize`,
    endSessionEndpoint: `${authority}/oauth2/v2.0/logout`,
    registerRedirectUri: (uri, o = {}) => registrations.addRedirectUri(o.clientId ?? CONNECTOR_APP.clientId, uri, o.type ?? 'spa'),
    unregisterRedirectUri: (uri, o = {}) => registrations.removeRedirectUri(o.clientId ?? CONNECTOR_APP.clientId, uri),
    setAdminConsent: (granted, o = {}) => registrations.setAdminConsent(o.clientId ?? CONNECTOR_APP.clientId, CONNECTOR_APP.clientId, granted),
    tokenLog: () => log.map((e) => ({ ...e })),
    endAllSessions: () => sessions.clear(),
    advanceClock: (seconds) => {
      clockOffset += seconds;
    },
    async mintToken(claims, mint = {}) {
      const at = now();
      const defaults: Claims = {
        ...commonClaims(issuer, tenantId),
        ...timeClaims(mint.expiresInSeconds ?? lifetimeSeconds, at),
        ...(mint.notBeforeSeconds !== undefined ? { nbf: at + mint.notBeforeSeconds } : {}),
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
