/**
 * Authorization codes: what each was issued for, redeemable once, within about ten minutes
 * ("Microsoft identity platform and OAuth 2.0 authorization code flow": "Authorization codes are
 * short lived. Typically, they expire after about 10 minutes"), and only with the PKCE verifier of
 * the challenge they were issued with (RFC 7636 4.6).
 */
import { createHash, randomBytes } from 'node:crypto';
import type { RedirectUriType } from './registrations';

const CODE_LIFETIME_SECONDS = 600;

export interface CodeGrant {
  clientId: string;
  redirectUri: string;
  redirectType: RedirectUriType;
  userOid: string;
  /** The scope as the authorize request asked for it. */
  scope: string;
  nonce?: string;
  codeChallenge?: string;
  codeChallengeMethod?: 'S256' | 'plain';
  /** Epoch seconds. */
  issuedAt: number;
  authTime: number;
}

export type CodeLookup = { grant: CodeGrant; state: 'valid' | 'redeemed' | 'expired' } | undefined;

export class CodeStore {
  private readonly codes = new Map<string, { grant: CodeGrant; redeemed: boolean }>();

  issue(grant: CodeGrant): string {
    // Entra's codes are long opaque strings starting "1." or "0."; clients must not read them.
    const code = `1.${randomBytes(96).toString('base64url')}`;
    this.codes.set(code, { grant, redeemed: false });
    return code;
  }

  find(code: string, now: number): CodeLookup {
    const entry = this.codes.get(code);
    if (!entry) return undefined;
    if (entry.redeemed) return { grant: entry.grant, state: 'redeemed' };
    if (now - entry.grant.issuedAt > CODE_LIFETIME_SECONDS) return { grant: entry.grant, state: 'expired' };
    return { grant: entry.grant, state: 'valid' };
  }

  /** A code is good for one redemption. */
  markRedeemed(code: string): void {
    const entry = this.codes.get(code);
    if (entry) entry.redeemed = true;
  }
}

/** RFC 7636 4.6: BASE64URL(SHA256(ASCII(code_verifier))) == code_challenge (or equal, for plain). */
export function verifierMatches(grant: CodeGrant, verifier: string): boolean {
  if (!grant.codeChallenge) return true;
  const computed = grant.codeChallengeMethod === 'plain' ? verifier : createHash('sha256').update(verifier, 'ascii').digest('base64url');
  return computed === grant.codeChallenge;
}
