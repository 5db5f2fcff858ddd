import { randomBytes } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';

/** The CLM technical account a SCIM token is tied to (scim-profile.md). */
export const SCIM_TECHNICAL_ACCOUNT = 'usr_scim_technical';

/**
 * SCIM bearer tokens: JWTs (HS256) tied to the technical account, as the CLM hands them out.
 * Revoking makes every token issued so far fail, as regenerating it in the CLM's UI would.
 */
export class ScimTokens {
  private secret = randomBytes(32);
  private notBefore = 0;

  constructor(private readonly issuer: () => string) {}

  async issue(): Promise<string> {
    return new SignJWT({ scope: 'scim' })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer(this.issuer())
      .setSubject(SCIM_TECHNICAL_ACCOUNT)
      .setIssuedAt()
      .setJti(randomBytes(8).toString('hex'))
      .sign(this.secret);
  }

  /** Every token issued before now is refused from now on. */
  revokeAll(): void {
    this.secret = randomBytes(32);
    this.notBefore = Date.now();
  }

  async verify(token: string): Promise<boolean> {
    try {
      const { payload } = await jwtVerify(token, this.secret, { algorithms: ['HS256'], subject: SCIM_TECHNICAL_ACCOUNT });
      return (payload.iat ?? 0) * 1000 >= this.notBefore - 1000;
    } catch {
      return false;
    }
  }
}
