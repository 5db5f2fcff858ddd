/**
 * The emulator's signing keys. Entra publishes several keys at once and rotates them; the emulator
 * starts with one fresh RSA key and can rotate (tests of key rollover), keeping the old key in the
 * JWKS as Entra does, so tokens issued before a rotation still verify.
 */
import { calculateJwkThumbprint, exportJWK, generateKeyPair, type CryptoKey, type JWK } from 'jose';

export interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

export async function newSigningKey(): Promise<SigningKey> {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
  const jwk = await exportJWK(publicKey);
  // Entra's kid is a certificate thumbprint; a JWK thumbprint is the closest thing without a certificate.
  const kid = await calculateJwkThumbprint(jwk, 'sha256');
  return { kid, privateKey, publicJwk: { kty: jwk.kty, use: 'sig', kid, n: jwk.n, e: jwk.e } };
}

export class KeyRing {
  private keys: SigningKey[];

  constructor(first: SigningKey) {
    this.keys = [first];
  }

  /** The key new tokens are signed with. */
  get current(): SigningKey {
    return this.keys[this.keys.length - 1];
  }

  async rotate(): Promise<SigningKey> {
    const next = await newSigningKey();
    this.keys.push(next);
    return next;
  }

  /** The JWKS document, as served at `{authority}/discovery/v2.0/keys`. */
  jwks(issuer: string): { keys: (JWK & { issuer: string })[] } {
    return { keys: this.keys.map((k) => ({ ...k.publicJwk, issuer })) };
  }
}
