/**
 * Entra's sign-in session: a cookie on the identity provider's own origin, set when a person signs in
 * on its sign-in page, naming the accounts signed in on this browser (Entra keeps several; its
 * account picker lists them). Sent back on every authorize request, a hidden iframe's included,
 * which is how `prompt=none` signs a person in silently. In memory: a restart signs everybody out.
 */
import { randomBytes } from 'node:crypto';

/** After Entra's ESTSAUTH cookie. */
export const SESSION_COOKIE = 'ESTSAUTH';

export interface SessionAccount {
  objectId: string;
  /** Epoch seconds of the sign-in. */
  authTime: number;
}

interface Session {
  accounts: SessionAccount[];
}

export class SessionStore {
  private readonly sessions = new Map<string, Session>();

  accounts(sessionId: string | undefined): SessionAccount[] {
    if (!sessionId) return [];
    return [...(this.sessions.get(sessionId)?.accounts ?? [])];
  }

  /** Adds (or renews) an account in the session, creating the session if needed; answers its id. */
  signIn(sessionId: string | undefined, objectId: string, authTime: number): string {
    const id = sessionId && this.sessions.has(sessionId) ? sessionId : randomBytes(32).toString('base64url');
    const session = this.sessions.get(id) ?? { accounts: [] };
    session.accounts = [...session.accounts.filter((a) => a.objectId !== objectId), { objectId, authTime }];
    this.sessions.set(id, session);
    return id;
  }

  signOut(sessionId: string | undefined): void {
    if (sessionId) this.sessions.delete(sessionId);
  }

  /** Every session ends (tests: "the user has no Entra session any more"). */
  clear(): void {
    this.sessions.clear();
  }
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return undefined;
}

/**
 * The session cookie as Entra sets ESTSAUTH: HttpOnly, and SameSite=None; Secure so that the
 * browser sends it in a hidden iframe under another site (the Dynamics page). Chromium takes Secure
 * cookies from http://localhost and http://127.0.0.1 (potentially trustworthy origins).
 */
export function sessionCookie(sessionId: string): string {
  return `${SESSION_COOKIE}=${sessionId}; Path=/; HttpOnly; Secure; SameSite=None`;
}

export function clearedSessionCookie(): string {
  return `${SESSION_COOKIE}=; Path=/; HttpOnly; Secure; SameSite=None; Max-Age=0`;
}
