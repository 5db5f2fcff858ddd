/**
 * Bearer tokens from the identity emulator: RS256, verified against its JWKS, with the expected
 * issuer and this environment's URL as audience (with or without a trailing slash, as Entra issues
 * both). Dataverse answers 401 with an empty body and a WWW-Authenticate challenge.
 */
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';
import { DataverseError } from '../errors';

export interface TokenClaims extends JWTPayload {
  oid?: string;
  tid?: string;
  appid?: string;
  azp?: string;
  idtyp?: string;
  preferred_username?: string;
}

export class TokenVerifier {
  private readonly jwks: ReturnType<typeof createRemoteJWKSet>;

  constructor(
    private readonly issuer: string,
    jwksUri: string,
    private readonly audience: () => string,
  ) {
    // No cooldown: when the identity emulator rotates its key, the next token's new kid is fetched at once.
    this.jwks = createRemoteJWKSet(new URL(jwksUri), { cooldownDuration: 0 });
  }

  async verify(authorization: string | undefined): Promise<TokenClaims> {
    const match = /^Bearer\s+(.+)$/i.exec(authorization ?? '');
    if (!match) throw this.unauthorized();
    const url = this.audience().replace(/\/$/, '');
    try {
      const { payload } = await jwtVerify(match[1], this.jwks, {
        issuer: this.issuer,
        audience: [url, `${url}/`],
        algorithms: ['RS256'],
      });
      return payload as TokenClaims;
    } catch {
      throw this.unauthorized();
    }
  }

  private unauthorized(): DataverseError {
    return new DataverseError(401, '', '', {
      'WWW-Authenticate': `Bearer authorization_uri=${this.issuer.replace(/\/v2\.0$/, '')}/oauth2/authorize, resource_id=${this.audience()}`,
    });
  }
}
