/**
 * Checks the Entra ID access token of a call to the connector's API (connector-api.md "Rules"):
 * signature by a key of the tenant's JWKS (RS256 only: `alg: none`, HS256 with the public key and
 * the like are refused before any key is looked at), issuer of this tenant (v2.0 or v1.0 form),
 * audience the connector (client id or Application ID URI), `exp` and `nbf` with a small tolerance,
 * and the kind of token (connector-api.md, the first rule): a delegated access token whose `scp`
 * names `user_impersonation` passes; an app-only token (client credentials) is reported as such,
 * so authorization refuses it (403); anything else, an ID token first of all (its audience is the
 * client id too), is 401.
 *
 * The JWKS URI comes from the tenant's OpenID configuration, fetched once per instance; jose's
 * remote key set caches the keys and refetches (rate-limited) when a token names an unknown `kid`,
 * which is how Entra key rollover is followed.
 */
import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTPayload } from 'jose';
import { UnauthenticatedError } from '../../services/errors';
import type { TokenValidator, VerifiedCaller } from '../../services/auth/ports';

export interface EntraTokenValidatorOptions {
  /** `AZURE_AUTHORITY_HOST`, e.g. https://login.microsoftonline.com (no trailing slash needed). */
  authorityHost: string;
  tenantId: string;
  /** `AZURE_CLIENT_ID`: the audience of v2.0 tokens. */
  clientId: string;
  /** `CONNECTOR_AUDIENCE`: the audience of v1.0 tokens (`api://<clientId>`). */
  connectorAudience: string;
  /** Seconds of clock skew allowed on exp/nbf; default 60. */
  clockToleranceSeconds?: number;
  /** How long after a JWKS fetch an unknown `kid` may trigger another (jose's default: 30 s). */
  jwksCooldownMs?: number;
  /** For tests: how discovery documents are fetched. */
  fetchJson?: (url: string) => Promise<unknown>;
}

const DEFAULT_TOLERANCE_SECONDS = 60;

async function defaultFetchJson(url: string): Promise<unknown> {
  const res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  if (!res.ok) throw new Error(`OpenID configuration ${url} answered ${res.status}`);
  return res.json();
}

export class EntraTokenValidator implements TokenValidator {
  private keySet?: Promise<{ jwks: ReturnType<typeof createRemoteJWKSet>; issuer?: string }>;
  private readonly authority: string;

  constructor(private readonly opts: EntraTokenValidatorOptions) {
    this.authority = `${opts.authorityHost.replace(/\/+$/, '')}/${opts.tenantId}`;
  }

  /** The issuers a token of this tenant may carry: v2.0, v1.0, and whatever discovery announces. */
  issuers(discovered?: string): string[] {
    const list = [`${this.authority}/v2.0`, `https://sts.windows.net/${this.opts.tenantId}/`];
    if (discovered && !list.includes(discovered)) list.push(discovered.replace('{tenantid}', this.opts.tenantId));
    return list;
  }

  private discover() {
    this.keySet ??= (async () => {
      const url = `${this.authority}/v2.0/.well-known/openid-configuration`;
      const doc = (await (this.opts.fetchJson ?? defaultFetchJson)(url)) as { jwks_uri?: unknown; issuer?: unknown };
      if (typeof doc.jwks_uri !== 'string') throw new Error('The OpenID configuration has no jwks_uri');
      return {
        jwks: createRemoteJWKSet(new URL(doc.jwks_uri), this.opts.jwksCooldownMs !== undefined ? { cooldownDuration: this.opts.jwksCooldownMs } : {}),
        issuer: typeof doc.issuer === 'string' ? doc.issuer : undefined,
      };
    })().catch((e: unknown) => {
      this.keySet = undefined; // try discovery again on the next call
      throw e;
    });
    return this.keySet;
  }

  async verify(authorization: string | null | undefined): Promise<VerifiedCaller> {
    const match = /^Bearer\s+([A-Za-z0-9\-_=]+\.[A-Za-z0-9\-_=]*\.[A-Za-z0-9\-_=]*)\s*$/i.exec(authorization ?? '');
    if (!match) throw new UnauthenticatedError('Sign in again: the request carries no Entra ID access token (Authorization: Bearer).');
    let payload: JWTPayload;
    try {
      const { jwks, issuer } = await this.discover();
      ({ payload } = await jwtVerify(match[1], jwks, {
        algorithms: ['RS256'],
        issuer: this.issuers(issuer),
        audience: [this.opts.clientId, this.opts.connectorAudience],
        clockTolerance: this.opts.clockToleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS,
        requiredClaims: ['exp', 'oid'],
      }));
    } catch (e) {
      throw new UnauthenticatedError(reasonOf(e));
    }
    if (payload.tid !== undefined && payload.tid !== this.opts.tenantId)
      throw new UnauthenticatedError('Sign in again: the access token is from another tenant.');
    const oid = payload.oid;
    if (typeof oid !== 'string' || !/^[0-9a-f-]{36}$/i.test(oid)) throw new UnauthenticatedError('Sign in again: the access token names no user (oid).');
    return { objectId: oid.toLowerCase(), isApp: kindOf(payload) === 'app' };
  }
}

/** The delegated permission the connector's API exposes (admin-guide.md, Expose an API). */
const CONNECTOR_SCOPE = 'user_impersonation';

/**
 * Which kind of Entra token this is, after "Validate the subject" of Microsoft's claims-validation
 * article (learn.microsoft.com/entra/identity-platform/claims-validation) and the access-token
 * claims reference: a delegated access token carries `scp`; an app-only one carries no `scp`, and
 * says `idtyp: app` (optional claim) or has `oid` equal to `sub` (the service principal is its own
 * subject); an ID token carries neither `scp` nor an app subject (its `sub` is pairwise).
 */
function kindOf(payload: JWTPayload): 'delegated' | 'app' {
  const scp = payload.scp;
  if (typeof scp === 'string') {
    if (scp.split(' ').includes(CONNECTOR_SCOPE)) return 'delegated';
    throw new UnauthenticatedError(
      `The access token does not grant the connector's "${CONNECTOR_SCOPE}" permission: sign in again through the connector's pages.`,
    );
  }
  if (scp !== undefined) throw new UnauthenticatedError('The access token is malformed (scp): sign in again.');
  if (payload.idtyp === 'app' || (payload.idtyp === undefined && typeof payload.sub === 'string' && payload.sub === payload.oid)) return 'app';
  throw new UnauthenticatedError('This is not an access token for the connector (an ID token, or no delegated permission): sign in again.');
}

/** A reason a person can act on, without echoing the token. */
function reasonOf(e: unknown): string {
  if (e instanceof joseErrors.JWTExpired) return 'Your sign-in has expired: sign in again.';
  if (e instanceof joseErrors.JWTClaimValidationFailed) {
    if (e.claim === 'nbf') return 'The access token is not valid yet: check the clock of this device, then sign in again.';
    if (e.claim === 'aud') return 'The access token is for another application: ask for a token for the connector API.';
    if (e.claim === 'iss') return "The access token was not issued by this organization's Entra ID tenant.";
    return `The access token is missing a valid "${e.claim}" claim: sign in again.`;
  }
  if (e instanceof joseErrors.JOSEAlgNotAllowed || e instanceof joseErrors.JOSENotSupported)
    return 'The access token is not signed as Entra ID signs tokens (RS256).';
  if (e instanceof joseErrors.JWSSignatureVerificationFailed || e instanceof joseErrors.JWKSNoMatchingKey)
    return "The access token's signature is not valid: sign in again.";
  if (e instanceof joseErrors.JWTInvalid || e instanceof joseErrors.JWSInvalid) return 'The access token is malformed: sign in again.';
  return 'The access token could not be checked: sign in again.';
}
