/**
 * `POST {authority}/oauth2/v2.0/token`: the grants the sandbox needs, checked as Entra checks them.
 * - client_credentials: a confidential client with its secret, `scope=<resource>/.default`.
 * - password (ROPC): a demo user with the sandbox password, through the connector app (with its
 *   secret) or the public web client (without one).
 * - authorization_code: a code from the authorize endpoint, once, with its PKCE verifier, for the
 *   redirect URI it was issued to ("Microsoft identity platform and OAuth 2.0 authorization code
 *   flow", Redeem a code for an access token).
 * - refresh_token: for refresh tokens handed out with `offline_access`.
 *
 * The `Origin` header decides as in Entra ("Redirect URIs for single-page apps"): a code or refresh
 * token of a `spa` redirect URI is redeemed only cross-origin (AADSTS9002327), as a public client,
 * and its refresh token lives 24 hours from sign-in, renewals included (AADSTS700084); any other
 * grant with an `Origin` is refused (AADSTS9002326), so no secret and no password is used from a page.
 */
import { randomBytes } from 'node:crypto';
import type { DemoUser } from '../seed/identities';
import { verifierMatches, type CodeStore } from './auth-codes';
import { appClaims, commonClaims, idTokenClaims, timeClaims, userClaims, type Claims } from './claims';
import { findClient, findUser, findUserByObjectId, passwordMatches, type RegisteredClient } from './directory';
import { authorizeErrors, EntraError, entraErrors } from './errors';
import type { RedirectUriType } from './registrations';
import type { KeyRing } from './keys';
import { resolveScopes, type ResolvedScopes, type ResourcePolicy } from './scopes';
import { signRs256 } from './signing';

export interface TokenResponse {
  token_type: 'Bearer';
  scope?: string;
  expires_in: number;
  ext_expires_in: number;
  access_token: string;
  refresh_token?: string;
  id_token?: string;
  /** Asked for with `client_info=1` (MSAL does): the user's home account, base64url JSON. */
  client_info?: string;
  /** Refresh tokens of a `spa` redirect URI: seconds left of their fixed 24 hours. */
  refresh_token_expires_in?: number;
}

/** SPA refresh tokens: "the refresh token expires after 24 hours" ("Single-page apps", refresh). */
const SPA_REFRESH_LIFETIME_SECONDS = 24 * 3600;

interface RefreshGrant {
  userOid: string;
  clientId: string;
  scope: string;
  redirectType?: RedirectUriType;
  /** Epoch seconds: when the sign-in behind this token chain happened. */
  issuedAt: number;
  /** `spa` only: the fixed end of the chain. */
  expiresAt?: number;
}

/** One call of the token endpoint, as tests count them ("code redemptions with PKCE, no password grant from a page"). */
export interface TokenLogEntry {
  /** ISO time of the call (the emulator's clock). */
  at: string;
  grantType: string;
  clientId?: string;
  /** The `Origin` header: set when a page called. */
  origin?: string;
  /** authorization_code: the redirect URI of the code, and whether a PKCE verifier was checked. */
  redirectUri?: string;
  redirectType?: RedirectUriType;
  pkce?: boolean;
  /** 200, or the AADSTS code of the refusal. */
  outcome: 'issued' | number;
}

export interface TokenEndpointContext {
  tenantId: string;
  issuer: string;
  keys: KeyRing;
  lifetimeSeconds: number;
  resources: ResourcePolicy;
  /** Refresh token -> what it was issued for. In memory: a restart signs everybody out. */
  refreshTokens: Map<string, RefreshGrant>;
  codes: CodeStore;
  log: TokenLogEntry[];
  /** Epoch seconds (tests move the emulator's clock). */
  now(): number;
}

interface ClientAuth {
  client: RegisteredClient;
  presentedSecret?: string;
}

function required(form: URLSearchParams, name: string): string {
  const value = form.get(name);
  if (!value) throw entraErrors.missingParameter(name);
  return value;
}

/** client_secret_post (form) or client_secret_basic (Authorization header), as RFC 6749 2.3.1 allows. */
function readClient(form: URLSearchParams, authorization: string | undefined, tenantId: string): ClientAuth {
  let clientId = form.get('client_id') ?? undefined;
  let secret = form.get('client_secret') ?? undefined;
  const basic = authorization?.match(/^Basic\s+(.+)$/i);
  if (basic) {
    const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon > 0) {
      clientId ??= decodeURIComponent(decoded.slice(0, colon));
      secret ??= decodeURIComponent(decoded.slice(colon + 1));
    }
  }
  if (!clientId) throw entraErrors.missingParameter('client_id');
  const client = findClient(clientId);
  if (!client) throw entraErrors.applicationNotFound(clientId, tenantId);
  return { client, presentedSecret: secret };
}

/** Confidential clients must prove themselves; public clients must not pretend to. */
function authenticate({ client, presentedSecret }: ClientAuth, mustBeConfidential: boolean): void {
  if (!client.secret) {
    if (mustBeConfidential) throw entraErrors.secretRequired();
    if (presentedSecret) throw entraErrors.publicClientWithSecret();
    return;
  }
  if (!presentedSecret) throw entraErrors.secretRequired();
  if (presentedSecret !== client.secret) throw entraErrors.invalidSecret(client.clientId);
}

async function sign(ctx: TokenEndpointContext, claims: Claims): Promise<string> {
  const key = ctx.keys.current;
  return signRs256(claims, key.privateKey, { kid: key.kid });
}

function baseClaims(ctx: TokenEndpointContext): Claims {
  return { ...commonClaims(ctx.issuer, ctx.tenantId), ...timeClaims(ctx.lifetimeSeconds, ctx.now()) };
}

function grantedScopeString(s: ResolvedScopes): string {
  const oidc = s.oidc.filter((x) => x !== 'offline_access');
  return [...s.granted.map((n) => `${s.resource}/${n}`), ...oidc].join(' ');
}

function expiry(ctx: TokenEndpointContext): Pick<TokenResponse, 'expires_in' | 'ext_expires_in'> {
  return { expires_in: ctx.lifetimeSeconds, ext_expires_in: ctx.lifetimeSeconds };
}

async function clientCredentials(ctx: TokenEndpointContext, form: URLSearchParams, auth: ClientAuth): Promise<TokenResponse> {
  authenticate(auth, true);
  const scope = required(form, 'scope');
  const scopes = resolveScopes(scope, ctx.resources);
  if (!scopes.isDefault) throw entraErrors.clientCredentialsScope(scope);
  const access = await sign(ctx, { ...baseClaims(ctx), ...appClaims(auth.client, scopes.audience) });
  return { token_type: 'Bearer', ...expiry(ctx), access_token: access };
}

interface UserTokenOptions {
  wantsClientInfo: boolean;
  /** The authorize request's nonce: the ID token carries it (OpenID Connect Core 3.1.3.7). */
  nonce?: string;
  redirectType?: RedirectUriType;
  /** The refresh chain's start and, for `spa`, its end (epoch seconds). */
  chain?: { issuedAt: number; expiresAt?: number };
}

async function userTokens(ctx: TokenEndpointContext, user: DemoUser, client: RegisteredClient, scope: string, opts: UserTokenOptions): Promise<TokenResponse> {
  const wantsClientInfo = opts.wantsClientInfo;
  const scopes = resolveScopes(scope, ctx.resources);
  const access = await sign(ctx, { ...baseClaims(ctx), ...userClaims(user, client, scopes.audience, scopes.granted) });
  const response: TokenResponse = { token_type: 'Bearer', scope: grantedScopeString(scopes), ...expiry(ctx), access_token: access };
  if (scopes.oidc.includes('openid')) {
    response.id_token = await sign(ctx, { ...baseClaims(ctx), ...idTokenClaims(user, client), ...(opts.nonce ? { nonce: opts.nonce } : {}) });
  }
  if (scopes.oidc.includes('offline_access')) {
    const refresh = randomBytes(48).toString('base64url');
    const now = ctx.now();
    const issuedAt = opts.chain?.issuedAt ?? now;
    const expiresAt = opts.redirectType === 'spa' ? (opts.chain?.expiresAt ?? now + SPA_REFRESH_LIFETIME_SECONDS) : undefined;
    ctx.refreshTokens.set(refresh, { userOid: user.objectId, clientId: client.clientId, scope, redirectType: opts.redirectType, issuedAt, expiresAt });
    response.refresh_token = refresh;
    if (expiresAt !== undefined) response.refresh_token_expires_in = expiresAt - now;
  }
  if (wantsClientInfo) {
    response.client_info = Buffer.from(JSON.stringify({ uid: user.objectId, utid: ctx.tenantId })).toString('base64url');
  }
  return response;
}

async function password(ctx: TokenEndpointContext, form: URLSearchParams, auth: ClientAuth): Promise<TokenResponse> {
  authenticate(auth, false);
  const username = required(form, 'username');
  const pwd = required(form, 'password');
  const scope = required(form, 'scope');
  const user = findUser(username);
  if (!user) throw entraErrors.userNotFound(ctx.tenantId);
  if (!passwordMatches(pwd)) throw entraErrors.badPassword();
  return userTokens(ctx, user, auth.client, scope, { wantsClientInfo: form.get('client_info') === '1' });
}

/** A `spa` grant is redeemed from a page, as a public client; anything else never from a page. */
function checkOrigin(type: RedirectUriType | undefined, origin: string | undefined, auth: ClientAuth): void {
  if (type === 'spa') {
    if (!origin) throw authorizeErrors.spaNotCrossOrigin();
    if (auth.presentedSecret) throw entraErrors.publicClientWithSecret();
    return;
  }
  if (origin) throw authorizeErrors.crossOriginNotSpa(origin);
}

async function authorizationCode(
  ctx: TokenEndpointContext,
  form: URLSearchParams,
  auth: ClientAuth,
  origin: string | undefined,
  entry: TokenLogEntry,
): Promise<TokenResponse> {
  const code = required(form, 'code');
  const found = ctx.codes.find(code, ctx.now());
  if (!found) throw authorizeErrors.codeNotFound();
  const { grant } = found;
  entry.redirectUri = grant.redirectUri;
  entry.redirectType = grant.redirectType;
  if (grant.clientId !== auth.client.clientId) throw authorizeErrors.codeOtherClient();
  if (found.state === 'redeemed') throw authorizeErrors.codeRedeemed();
  if (found.state === 'expired') throw authorizeErrors.codeExpired();
  checkOrigin(grant.redirectType, origin, auth);
  if (grant.redirectType !== 'spa') authenticate(auth, false);
  const redirectUri = required(form, 'redirect_uri');
  if (redirectUri !== grant.redirectUri) throw authorizeErrors.codeRedirectMismatch();
  // The authorize endpoint already refuses a `spa` request without a challenge; kept for codes of a URI re-registered as spa.
  if (grant.redirectType === 'spa' && !grant.codeChallenge) throw authorizeErrors.pkceRequired();
  if (grant.codeChallenge) {
    const verifier = form.get('code_verifier');
    if (!verifier) throw entraErrors.missingParameter('code_verifier');
    if (!verifierMatches(grant, verifier)) throw authorizeErrors.verifierMismatch();
    entry.pkce = true;
  } else entry.pkce = false;
  const user = findUserByObjectId(grant.userOid);
  if (!user) throw authorizeErrors.codeNotFound();
  ctx.codes.markRedeemed(code);
  return userTokens(ctx, user, auth.client, form.get('scope') ?? grant.scope, {
    wantsClientInfo: form.get('client_info') === '1',
    nonce: grant.nonce,
    redirectType: grant.redirectType,
    chain: { issuedAt: grant.authTime },
  });
}

async function refreshToken(ctx: TokenEndpointContext, form: URLSearchParams, auth: ClientAuth, origin: string | undefined): Promise<TokenResponse> {
  const presented = required(form, 'refresh_token');
  const grant = ctx.refreshTokens.get(presented);
  if (!grant) throw entraErrors.badRefreshToken();
  if (grant.clientId !== auth.client.clientId) throw entraErrors.refreshTokenOtherClient();
  checkOrigin(grant.redirectType, origin, auth);
  if (grant.redirectType !== 'spa') authenticate(auth, false);
  if (grant.expiresAt !== undefined && ctx.now() >= grant.expiresAt) throw authorizeErrors.spaRefreshExpired(new Date(grant.issuedAt * 1000));
  const user = findUserByObjectId(grant.userOid);
  if (!user) throw entraErrors.badRefreshToken();
  ctx.refreshTokens.delete(presented);
  return userTokens(ctx, user, auth.client, form.get('scope') ?? grant.scope, {
    wantsClientInfo: form.get('client_info') === '1',
    redirectType: grant.redirectType,
    chain: { issuedAt: grant.issuedAt, expiresAt: grant.expiresAt },
  });
}

async function dispatch(
  ctx: TokenEndpointContext,
  form: URLSearchParams,
  authorization: string | undefined,
  origin: string | undefined,
  entry: TokenLogEntry,
): Promise<TokenResponse> {
  const grantType = required(form, 'grant_type');
  entry.grantType = grantType;
  const auth = readClient(form, authorization, ctx.tenantId);
  entry.clientId = auth.client.clientId;
  switch (grantType) {
    case 'client_credentials':
      // "prevents the use of client credentials in all flows in the presence of an Origin header".
      checkOrigin(undefined, origin, auth);
      return clientCredentials(ctx, form, auth);
    case 'password':
      checkOrigin(undefined, origin, auth);
      return password(ctx, form, auth);
    case 'authorization_code':
      return authorizationCode(ctx, form, auth, origin, entry);
    case 'refresh_token':
      return refreshToken(ctx, form, auth, origin);
    default:
      throw entraErrors.unsupportedGrant(grantType);
  }
}

export async function handleTokenRequest(
  ctx: TokenEndpointContext,
  form: URLSearchParams,
  authorization: string | undefined,
  origin?: string,
): Promise<TokenResponse> {
  const entry: TokenLogEntry = { at: new Date(ctx.now() * 1000).toISOString(), grantType: '', outcome: 'issued', ...(origin ? { origin } : {}) };
  try {
    return await dispatch(ctx, form, authorization, origin, entry);
  } catch (e) {
    entry.outcome = e instanceof EntraError ? e.aadsts : 0;
    throw e;
  } finally {
    ctx.log.push(entry);
  }
}
