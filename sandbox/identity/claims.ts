/**
 * The claims of the tokens the emulator issues, after Entra's v2.0 access and ID tokens
 * (learn.microsoft.com/entra/identity-platform/access-token-claims-reference). Opaque claims
 * (aio, rh, uti) are random strings of the same shape: clients must not read them.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { DemoUser } from '../seed/identities';
import type { RegisteredClient } from './directory';

export type Claims = Record<string, unknown>;

function opaque(bytes: number): string {
  return randomBytes(bytes).toString('base64url');
}

/** `sub` is pairwise: the same user has a different `sub` for each audience. */
function pairwiseSub(oid: string, audience: string): string {
  return createHash('sha256').update(`${oid}|${audience}`).digest('base64url').slice(0, 43);
}

export interface TimeClaims {
  iat: number;
  nbf: number;
  exp: number;
}

/** Entra back-dates `iat`/`nbf` by five minutes to absorb clock skew; tokens live about an hour. */
export function timeClaims(lifetimeSeconds: number, now = Math.floor(Date.now() / 1000)): TimeClaims {
  return { iat: now - 300, nbf: now - 300, exp: now + lifetimeSeconds };
}

export function commonClaims(issuer: string, tenantId: string): Claims {
  return { iss: issuer, tid: tenantId, ver: '2.0', aio: opaque(48), rh: `0.${opaque(36)}.`, uti: opaque(16) };
}

/** An app-only token (client credentials): the app's service principal is the subject. */
export function appClaims(client: RegisteredClient, audience: string): Claims {
  const oid = client.servicePrincipalObjectId ?? client.clientId;
  return {
    aud: audience,
    azp: client.clientId,
    azpacr: '1',
    // `appid` is the v1.0 name of `azp`; kept because many resource servers (Dataverse among them) still read it.
    appid: client.clientId,
    appidacr: '1',
    idtyp: 'app',
    oid,
    sub: oid,
  };
}

/** A delegated token: the user signed in through `client`. */
export function userClaims(user: DemoUser, client: RegisteredClient, audience: string, scp: string[]): Claims {
  return {
    aud: audience,
    azp: client.clientId,
    azpacr: client.secret ? '1' : '0',
    name: `${user.firstName} ${user.lastName}`,
    oid: user.objectId,
    preferred_username: user.upn,
    scp: scp.join(' '),
    sub: pairwiseSub(user.objectId, audience),
  };
}

/** The ID token of an OpenID sign-in: audience is the client itself. */
export function idTokenClaims(user: DemoUser, client: RegisteredClient): Claims {
  return {
    aud: client.clientId,
    name: `${user.firstName} ${user.lastName}`,
    oid: user.objectId,
    preferred_username: user.upn,
    sub: pairwiseSub(user.objectId, client.clientId),
  };
}
