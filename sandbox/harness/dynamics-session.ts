/**
 * The harness plays Dynamics, so it signs people in as Dynamics does: in the browser, through
 * Entra's (the identity emulator's) authorize endpoint and sign-in page (authorization code with
 * PKCE, OpenID Connect nonce) as Dynamics' own first-party app (DYNAMICS_APP, a confidential web
 * app with a Web redirect URI), redeemed by the harness's server, which then holds the user's session
 * (the Dynamics session cookie's stand-in) and their Dataverse token, renewed with the refresh token.
 * Nothing of this reaches a web resource: the pages sign themselves in with msal-browser.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import { DEMO_USERS, DYNAMICS_APP, type DemoUser } from '../seed/identities';

const SESSION_COOKIE = 'harness_session';
/** Where the emulator sends the harness's own authorization response (a "Web" redirect URI). */
export const SIGNED_IN_PATH = '/_harness/signed-in';

interface Session {
  user: DemoUser;
  dataverseToken: string;
  /** Epoch ms. */
  expiresAt: number;
  refreshToken?: string;
}

interface PendingSignIn {
  verifier: string;
  nonce: string;
  returnTo: string;
}

export interface DynamicsSessions {
  /** The signed-in user of this request, or undefined. */
  userOf(req: Request): DemoUser | undefined;
  /** Sends the browser to Entra's sign-in (as `upn`, forcing the password page when switching users). */
  signIn(req: Request, res: Response, opts: { returnTo: string; loginHint?: string; switching?: boolean }): void;
  /** `GET /_harness/signed-in`: redeems the code, starts the session, goes back where the user was. */
  signedIn(req: Request, res: Response): Promise<void>;
  /** The user's Dataverse token, renewed a minute before it expires. */
  dataverseToken(req: Request): Promise<string | undefined>;
}

function base64url(bytes: Buffer): string {
  return bytes.toString('base64url');
}

function claimsOf(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
}

export function dynamicsSessions(opts: { authority: string; dataverseUrl: string; harnessUrl: () => string }): DynamicsSessions {
  const sessions = new Map<string, Session>();
  const pending = new Map<string, PendingSignIn>();
  const scope = `openid profile offline_access ${opts.dataverseUrl.replace(/\/+$/, '')}/.default`;
  const redirectUri = () => `${opts.harnessUrl()}${SIGNED_IN_PATH}`;
  const tokenEndpoint = `${opts.authority}/oauth2/v2.0/token`;

  const sessionId = (req: Request) => /(?:^|;\s*)harness_session=([\w-]+)/.exec(req.headers.cookie ?? '')?.[1];
  const sessionOf = (req: Request) => {
    const id = sessionId(req);
    return id ? sessions.get(id) : undefined;
  };

  async function redeem(form: Record<string, string>): Promise<{ access_token: string; expires_in: number; refresh_token?: string; id_token?: string }> {
    const res = await fetch(tokenEndpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ client_id: DYNAMICS_APP.clientId, client_secret: DYNAMICS_APP.clientSecret, scope, ...form }).toString(),
      signal: AbortSignal.timeout(10_000),
    });
    const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
    if (!res.ok || typeof body.access_token !== 'string')
      throw new Error(`${String(body.error ?? res.status)} ${(body.error_codes as number[] | undefined)?.join(',') ?? ''}`.trim());
    return body as { access_token: string; expires_in: number; refresh_token?: string; id_token?: string };
  }

  return {
    userOf: (req) => sessionOf(req)?.user,

    signIn(req, res, { returnTo, loginHint, switching }) {
      const state = randomUUID();
      const verifier = base64url(randomBytes(32));
      const nonce = randomUUID();
      pending.set(state, { verifier, nonce, returnTo });
      const url = new URL(`${opts.authority}/oauth2/v2.0/authorize`);
      const params: Record<string, string> = {
        client_id: DYNAMICS_APP.clientId,
        response_type: 'code',
        redirect_uri: redirectUri(),
        response_mode: 'query',
        scope,
        state,
        nonce,
        code_challenge: base64url(createHash('sha256').update(verifier).digest()),
        code_challenge_method: 'S256',
        ...(loginHint ? { login_hint: loginHint } : {}),
        // Switching user in the header: Entra asks for the other user's password, as after signing out.
        ...(switching ? { prompt: 'login' } : {}),
      };
      for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
      res.redirect(url.toString());
    },

    async signedIn(req, res) {
      const state = typeof req.query.state === 'string' ? req.query.state : '';
      const started = pending.get(state);
      pending.delete(state);
      if (typeof req.query.error === 'string') {
        res
          .status(401)
          .type('text')
          .send(`Sign-in failed: ${req.query.error} ${String(req.query.error_description ?? '')}`);
        return;
      }
      if (!started || typeof req.query.code !== 'string') {
        res.status(400).type('text').send('This sign-in answer is not one the harness asked for (unknown state). Open the harness again.');
        return;
      }
      try {
        const answer = await redeem({ grant_type: 'authorization_code', code: req.query.code, redirect_uri: redirectUri(), code_verifier: started.verifier });
        const idClaims = claimsOf(answer.id_token ?? '');
        if (idClaims.nonce !== started.nonce) throw new Error('the ID token does not carry the nonce the harness sent');
        const user = DEMO_USERS.find((u) => u.objectId === idClaims.oid);
        if (!user) throw new Error('the signed-in account is no demo user');
        const id = randomUUID();
        sessions.set(id, { user, dataverseToken: answer.access_token, expiresAt: Date.now() + answer.expires_in * 1000, refreshToken: answer.refresh_token });
        res.cookie(SESSION_COOKIE, id, { httpOnly: true, sameSite: 'lax', path: '/' });
        res.redirect(started.returnTo);
      } catch (e) {
        res
          .status(401)
          .type('text')
          .send(`Sign-in failed: ${(e as Error).message}`);
      }
    },

    async dataverseToken(req) {
      const session = sessionOf(req);
      if (!session) return undefined;
      if (session.expiresAt - 60_000 > Date.now() || !session.refreshToken) return session.dataverseToken;
      const answer = await redeem({ grant_type: 'refresh_token', refresh_token: session.refreshToken });
      Object.assign(session, {
        dataverseToken: answer.access_token,
        expiresAt: Date.now() + answer.expires_in * 1000,
        refreshToken: answer.refresh_token ?? session.refreshToken,
      });
      return session.dataverseToken;
    },
  };
}
