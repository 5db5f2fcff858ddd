/**
 * Tokens of the demo user the harness acts as, from the identity emulator (password grant through
 * the web resources' public client), kept until a minute before they expire. One instance per
 * harness: no module-level state.
 */
import { demoUserToken } from '../identity';

export interface UserTokens {
  /** A token of `user` (demo key) for `scope`. */
  get(user: string, scope: string): Promise<string>;
}

function expiresAt(token: string): number {
  try {
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { exp?: number };
    return (payload.exp ?? 0) * 1000;
  } catch {
    return 0;
  }
}

export function userTokens(tokenEndpoint: string): UserTokens {
  const cache = new Map<string, Promise<string>>();
  return {
    async get(user, scope) {
      const key = `${user} ${scope}`;
      const cached = cache.get(key);
      if (cached) {
        const token = await cached.catch(() => '');
        if (token && expiresAt(token) - 60_000 > Date.now()) return token;
      }
      const fresh = demoUserToken(tokenEndpoint, user, scope);
      cache.set(key, fresh);
      fresh.catch(() => cache.delete(key));
      return fresh;
    },
  };
}
