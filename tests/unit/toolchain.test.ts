import { SignJWT, generateKeyPair, jwtVerify } from 'jose';
import { z } from 'zod';

describe('toolchain', () => {
  it('loads ESM-only jose under jest and signs/verifies RS256', async () => {
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    const jwt = await new SignJWT({ a: 1 }).setProtectedHeader({ alg: 'RS256' }).sign(privateKey);
    const { payload } = await jwtVerify(jwt, publicKey);
    expect(z.object({ a: z.number() }).parse(payload).a).toBe(1);
  });
});
