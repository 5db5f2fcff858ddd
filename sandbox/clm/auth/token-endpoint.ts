import type { Request, Response } from 'express';
import { TokenEndpointError } from '../errors';
import type { TokenStore } from './token-store';

/**
 * POST /oauth/token. The body was already held to the spec's schema, except grant_type: a grant
 * other than refresh_token is `unsupported_grant_type` (RFC 6749 5.2), as a real server says it.
 */
export function tokenEndpoint(tokens: TokenStore) {
  return (req: Request, res: Response): void => {
    const body = req.body as { grant_type: string; refresh_token: string };
    const outcome = tokens.refresh(body.refresh_token);
    // Token answers must never be cached (RFC 6749 5.1).
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Pragma', 'no-cache');
    if (!outcome.ok) {
      const description = {
        unknown: 'The refresh token is not known',
        reused: 'The refresh token was already used; every token issued from it is now revoked',
        revoked: 'The refresh token was revoked',
      }[outcome.reason];
      throw new TokenEndpointError('invalid_grant', description);
    }
    res.status(200).json({ ...outcome.pair, token_type: 'Bearer', expires_in: outcome.expiresIn });
  };
}

/** grant_type is checked before the schema, so that a wrong grant is named as such. */
export function checkGrantType(req: Request): void {
  const grant = (req.body as Record<string, unknown> | undefined)?.grant_type;
  if (grant !== undefined && grant !== 'refresh_token') {
    throw new TokenEndpointError('unsupported_grant_type', 'Only grant_type=refresh_token is supported');
  }
}
