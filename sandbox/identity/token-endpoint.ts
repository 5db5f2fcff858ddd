/**
 * `POST {authority}/oauth2/v2.0/token`: the grants the sandbox needs, checked as Entra checks them.
 * - client_credentials: a confidential client with its secret, `scope=<resource>/.default`.
 * - password (ROPC): a demo user with the sandbox password, through the connector app (with its
 *   secret) or the public web client (without one).
 * - refresh_token: for refresh tokens handed out with `offline_access`.
 */
import { randomBytes } from 'node:crypto';
import type { DemoUser } from '../seed/identities';
import { appClaims, commonClaims, idTokenClaims, timeClaims, userClaims, type Claims } from './claims';
import { findClient, findUser, findUserByObjectId, passwordMatches, type RegisteredClient } from './directory';
import { entraErrors } from './errors';
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
}

export interface TokenEndpointContext {
  tenantId: string;
  issuer: string;
  keys: KeyRing;
  lifetimeSeconds: number;
  resources: ResourcePolicy;
  /** Refresh token -> what it was issued for. In memory: a restart signs everybody out. */
  refreshTokens: Map<string, { userOid: string; clientId: string; scope: string }>;
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
  return { ...commonClaims(ctx.issuer, ctx.tenantId), ...timeClaims(ctx.lifetimeSeconds) };
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

async function userTokens(
  ctx: TokenEndpointContext,
  user: DemoUser,
  client: RegisteredClient,
  scope: string,
  wantsClientInfo: boolean,
): Promise<TokenResponse> {
  const scopes = resolveScopes(scope, ctx.resources);
  const access = await sign(ctx, { ...baseClaims(ctx), ...userClaims(user, client, scopes.audience, scopes.granted) });
  const response: TokenResponse = { token_type: 'Bearer', scope: grantedScopeString(scopes), ...expiry(ctx), access_token: access };
  if (scopes.oidc.includes('openid')) {
    response.id_token = await sign(ctx, { ...baseClaims(ctx), ...idTokenClaims(user, client) });
  }
  if (scopes.oidc.includes('offline_access')) {
    const refresh = randomBytes(48).toString('base64url');
    ctx.refreshTokens.set(refresh, { userOid: user.objectId, clientId: client.clientId, scope });
    response.refresh_token = refresh;
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
  return userTokens(ctx, user, auth.client, scope, form.get('client_info') === '1');
}

async function refreshToken(ctx: TokenEndpointContext, form: URLSearchParams, auth: ClientAuth): Promise<TokenResponse> {
  authenticate(auth, false);
  const presented = required(form, 'refresh_token');
  const grant = ctx.refreshTokens.get(presented);
  if (!grant) throw entraErrors.badRefreshToken();
  if (grant.clientId !== auth.client.clientId) throw entraErrors.refreshTokenOtherClient();
  const user = findUserByObjectId(grant.userOid);
  if (!user) throw entraErrors.badRefreshToken();
  ctx.refreshTokens.delete(presented);
  return userTokens(ctx, user, auth.client, form.get('scope') ?? grant.scope, form.get('client_info') === '1');
}

export async function handleTokenRequest(ctx: TokenEndpointContext, form: URLSearchParams, authorization: string | undefined): Promise<TokenResponse> {
  const grantType = required(form, 'grant_type');
  const auth = readClient(form, authorization, ctx.tenantId);
  switch (grantType) {
    case 'client_credentials':
      return clientCredentials(ctx, form, auth);
    case 'password':
      return password(ctx, form, auth);
    case 'refresh_token':
      return refreshToken(ctx, form, auth);
    default:
      throw entraErrors.unsupportedGrant(grantType);
  }
}
