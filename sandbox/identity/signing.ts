/**
 * Signing tokens: the emulator's own (RS256 with the current key, `kid` in the header) and, for
 * tests of a token checker, tokens it must refuse (signed with a key not in the JWKS, or unsigned).
 */
import { SignJWT, generateKeyPair, type CryptoKey } from 'jose';
import type { Claims } from './claims';

export interface SignOptions {
  kid: string;
  /** Extra header parameters, e.g. `typ`. */
  header?: Record<string, unknown>;
}

export async function signRs256(claims: Claims, key: CryptoKey, opts: SignOptions): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ typ: 'JWT', ...opts.header, alg: 'RS256', kid: opts.kid }).sign(key);
}

let foreignKey: Promise<CryptoKey> | undefined;

/**
 * A token signed with an RSA key that no JWKS publishes. By default it claims a `kid` the caller
 * passes (e.g. the emulator's real one), so the checker must verify the signature, not just the kid.
 */
export async function signWithForeignKey(claims: Claims, opts: { kid?: string } = {}): Promise<string> {
  foreignKey ??= generateKeyPair('RS256', { modulusLength: 2048 }).then((k) => k.privateKey);
  return signRs256(claims, await foreignKey, { kid: opts.kid ?? 'foreign-key' });
}

/** An `alg: none` token (no signature), which every checker must refuse. */
export function unsignedToken(claims: Claims, opts: { kid?: string } = {}): string {
  const header = { typ: 'JWT', alg: 'none', ...(opts.kid ? { kid: opts.kid } : {}) };
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${part(header)}.${part(claims)}.`;
}
