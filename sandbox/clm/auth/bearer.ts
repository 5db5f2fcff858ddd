import type { Request } from 'express';
import { ClmError } from '../errors';
import type { TokenStore } from './token-store';

/**
 * `Authorization: Bearer <token>` as RFC 6750 3.1 says: no credentials at all is a bare
 * `WWW-Authenticate: Bearer` challenge; an unknown, expired or revoked token is `invalid_token`;
 * a header that is not `Bearer <token>` is 400 invalid_request.
 * Returns the API client id the token belongs to.
 */
export function authenticate(tokens: TokenStore, req: Request): string {
  const header = req.get('authorization');
  if (!header) {
    throw new ClmError(401, 'invalid_token', 'An Authorization: Bearer header is required', undefined, { 'WWW-Authenticate': 'Bearer' });
  }
  const match = /^Bearer ([^\s]+)$/i.exec(header.trim());
  if (!match) {
    throw new ClmError(400, 'invalid_request', 'The Authorization header must be "Bearer <access token>"', undefined, {
      'WWW-Authenticate': 'Bearer error="invalid_request"',
    });
  }
  const check = tokens.checkAccess(match[1]);
  if (!check.ok) {
    const description = { unknown: 'The access token is not known', expired: 'The access token expired', revoked: 'The access token was revoked' }[
      check.reason
    ];
    // Exactly the challenge clm-api.yaml names; the reason is in the body.
    throw new ClmError(401, 'invalid_token', description, undefined, { 'WWW-Authenticate': 'Bearer error="invalid_token"' });
  }
  return check.clientId;
}
