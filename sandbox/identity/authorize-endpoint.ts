/**
 * `GET {authority}/oauth2/v2.0/authorize` and the posts of its own pages (`{authority}/login`), after
 * "Microsoft identity platform and OAuth 2.0 authorization code flow" (Request an authorization
 * code; Error response) and "Single-page application: Acquire a token" (PKCE required, `spa`
 * redirect URIs):
 * - without a known client and a registered redirect URI, Entra answers on its own error page and
 *   never redirects (AADSTS700016, AADSTS900971, AADSTS50011);
 * - every other error goes to the redirect URI (`error`, `error_description` "AADSTSnnnn: ...",
 *   `error_uri`, `trace_id`, `correlation_id`, `timestamp`, `state`) in the response mode asked for;
 * - the person is whoever the session cookie names (one account, or the `login_hint`'s), else the
 *   sign-in page or the account picker; `prompt=none` never shows a page: login_required
 *   (AADSTS50058), interaction_required (AADSTS16000), consent_required (AADSTS65001).
 */
import { createHash } from 'node:crypto';
import type { DemoUser } from '../seed/identities';
import type { CodeStore } from './auth-codes';
import { exposedApis, findClient, findUser, findUserByObjectId, passwordMatches, type RegisteredClient } from './directory';
import { EntraError, authorizeErrors, entraErrors } from './errors';
import type { AppRegistrations, RegisteredRedirectUri } from './registrations';
import { resolveScopes, scopesByResource, type ResourcePolicy } from './scopes';
import type { SessionStore } from './sessions';
import { accountPickerPage, adminApprovalPage, consentPage, errorPage, formPostPage, signInPage, type PageAccount } from './sign-in-pages';

export interface AuthorizeContext {
  tenantId: string;
  /** Base of `error_uri` (Entra: https://login.microsoftonline.com). */
  authorityHost: string;
  authority: string;
  registrations: AppRegistrations;
  sessions: SessionStore;
  codes: CodeStore;
  resources: ResourcePolicy;
  /** Epoch seconds. */
  now(): number;
}

/** What the emulator's pages post back (`{authority}/login`). */
export interface PageForm {
  login?: string;
  passwd?: string;
  /** A picked account's object id, or `other`. */
  account?: string;
  consent?: 'accept' | 'cancel';
}

export interface AuthorizeInput {
  params: URLSearchParams;
  sessionId?: string;
  form?: PageForm;
}

export type AuthorizeAnswer = (
  { kind: 'page'; status: number; html: string } | { kind: 'redirect'; location: string } | { kind: 'form_post'; html: string }
) & {
  /** Set when the session cookie must be (re)set. */
  sessionId?: string;
};

type ResponseMode = 'query' | 'fragment' | 'form_post';
const RESPONSE_MODES: ResponseMode[] = ['query', 'fragment', 'form_post'];
const PROMPTS = ['none', 'login', 'select_account', 'consent'];

function errorAnswer(error: EntraError): AuthorizeAnswer {
  const correlationId = (error.body('').correlation_id as string) ?? '';
  return { kind: 'page', status: error.status, html: errorPage(error, correlationId) };
}

function deliver(redirectUri: string, mode: ResponseMode, params: Record<string, string>): AuthorizeAnswer {
  const url = new URL(redirectUri);
  if (mode === 'form_post') return { kind: 'form_post', html: formPostPage(url.toString(), params) };
  if (mode === 'query') {
    for (const [k, v] of Object.entries(params)) url.searchParams.append(k, v);
    return { kind: 'redirect', location: url.toString() };
  }
  url.hash = new URLSearchParams(params).toString();
  return { kind: 'redirect', location: url.toString() };
}

/** Entra's `session_state`: a GUID naming the session, not the cookie's value (which stays HttpOnly). */
function sessionState(sessionId: string): string {
  const h = createHash('sha256').update(`session_state|${sessionId}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

function pageAccount(user: DemoUser): PageAccount {
  return { objectId: user.objectId, upn: user.upn, name: `${user.firstName} ${user.lastName}` };
}

/** The request's checks that end in an error on the redirect URI (after the client and redirect URI). */
function validate(p: URLSearchParams, redirect: RegisteredRedirectUri, policy: ResourcePolicy): { apis: string[]; tokenScope: string } {
  const responseType = p.get('response_type');
  if (!responseType) throw authorizeErrors.missingParameter('response_type');
  // The hybrid and implicit flows need the implicit grant enabled, which the connector's app does not.
  if (responseType.trim() !== 'code') throw authorizeErrors.unsupportedResponseType(responseType);
  const prompt = p.get('prompt');
  if (prompt && !PROMPTS.includes(prompt)) throw authorizeErrors.invalidPrompt(prompt);
  const scope = p.get('scope');
  if (!scope?.trim()) throw authorizeErrors.missingParameter('scope');
  const groups = scopesByResource(scope);
  const resolved = groups.map((g) => resolveScopes(g, policy));
  const apis = resolved.map((r) => r.audience).filter((aud) => exposedApis.some((a) => a.clientId === aud));

  const challenge = p.get('code_challenge');
  const method = p.get('code_challenge_method');
  if (method && method !== 'S256' && method !== 'plain') throw authorizeErrors.codeChallengeMethod();
  if (method && !challenge) throw authorizeErrors.missingParameter('code_challenge');
  // "required by the Microsoft identity platform for single page apps using the authorization code flow".
  if (!challenge && redirect.type === 'spa') throw authorizeErrors.pkceRequired();
  // RFC 7636 4.2: 43 to 128 characters.
  if (challenge && (challenge.length < 43 || challenge.length > 128)) throw authorizeErrors.codeChallengeSize();
  return { apis, tokenScope: groups[0] };
}

export function authorize(ctx: AuthorizeContext, input: AuthorizeInput): AuthorizeAnswer {
  const p = input.params;
  const clientId = p.get('client_id');
  if (!clientId) return errorAnswer(authorizeErrors.missingParameter('client_id'));
  const client = findClient(clientId);
  if (!client) return errorAnswer(entraErrors.applicationNotFound(clientId, ctx.tenantId));
  const redirectUri = p.get('redirect_uri');
  if (!redirectUri) return errorAnswer(authorizeErrors.noReplyAddress());
  const redirect = ctx.registrations.findRedirectUri(client.clientId, redirectUri);
  if (!redirect) return errorAnswer(authorizeErrors.redirectUriMismatch(redirectUri, client.clientId));

  const state = p.get('state') ?? undefined;
  const modeParam = p.get('response_mode');
  // Query is the default for a code ("response_mode ... query: Default when requesting an access token").
  const mode: ResponseMode = RESPONSE_MODES.includes(modeParam as ResponseMode) ? (modeParam as ResponseMode) : 'query';
  const fail = (e: EntraError) => deliver(redirectUri, mode, e.redirectParams(ctx.authorityHost, state));
  if (modeParam && mode !== modeParam) return fail(authorizeErrors.unsupportedResponseMode(modeParam));

  try {
    const { apis, tokenScope } = validate(p, redirect, ctx.resources);
    const flow = new AuthorizeFlow(ctx, input, client);
    const outcome = flow.person();
    if (!('user' in outcome)) return outcome;
    const { user, authTime, consentAccepted } = outcome;
    const sessionId = flow.sessionId;

    const prompt = p.get('prompt');
    if (apis.some((api) => !ctx.registrations.hasAdminConsent(client.clientId, api))) {
      if (prompt === 'none') throw authorizeErrors.consentRequired(client.clientId, client.displayName);
      return { ...flow.page(adminApprovalPage({ ...flow.pageBase(), account: pageAccount(user) })), sessionId };
    }
    if (prompt === 'consent' && !consentAccepted) {
      const permissions = ['Sign you in and read your profile', 'Maintain access to data you have given it access to', `Access ${client.displayName}`];
      return { ...flow.page(consentPage({ ...flow.pageBase(), account: pageAccount(user), permissions })), sessionId };
    }

    const challenge = p.get('code_challenge') ?? undefined;
    const code = ctx.codes.issue({
      clientId: client.clientId,
      redirectUri,
      redirectType: redirect.type,
      userOid: user.objectId,
      scope: tokenScope,
      nonce: p.get('nonce') ?? undefined,
      codeChallenge: challenge,
      codeChallengeMethod: challenge ? ((p.get('code_challenge_method') as 'S256' | 'plain' | null) ?? 'plain') : undefined,
      issuedAt: ctx.now(),
      authTime,
    });
    const params: Record<string, string> = { code };
    if (p.get('client_info') === '1') {
      params.client_info = Buffer.from(JSON.stringify({ uid: user.objectId, utid: ctx.tenantId })).toString('base64url');
    }
    if (state !== undefined) params.state = state;
    if (sessionId) params.session_state = sessionState(sessionId);
    return { ...deliver(redirectUri, mode, params), sessionId };
  } catch (e) {
    if (e instanceof EntraError) return fail(e);
    throw e;
  }
}

type PersonOutcome = { user: DemoUser; authTime: number; consentAccepted: boolean } | AuthorizeAnswer;

/** Who the request is for: from the posted form, or the session and `prompt`/`login_hint`. */
class AuthorizeFlow {
  sessionId: string | undefined;
  private sessionChanged = false;

  constructor(
    private readonly ctx: AuthorizeContext,
    private readonly input: AuthorizeInput,
    private readonly client: RegisteredClient,
  ) {
    this.sessionId = input.sessionId;
  }

  pageBase(): { action: string; ctx: string; appName: string } {
    return { action: `${this.ctx.authority}/login`, ctx: this.input.params.toString(), appName: this.client.displayName };
  }

  page(html: string): AuthorizeAnswer {
    return { kind: 'page', status: 200, html, ...(this.sessionChanged ? { sessionId: this.sessionId } : {}) };
  }

  private signInPage(error?: string): AuthorizeAnswer {
    const hint = this.input.form?.login ?? this.input.params.get('login_hint') ?? undefined;
    return this.page(signInPage({ ...this.pageBase(), loginHint: hint, error }));
  }

  private accounts(): { user: DemoUser; authTime: number }[] {
    return this.ctx.sessions
      .accounts(this.sessionId)
      .map((a) => ({ user: findUserByObjectId(a.objectId), authTime: a.authTime }))
      .filter((a): a is { user: DemoUser; authTime: number } => a.user !== undefined);
  }

  person(): PersonOutcome {
    const form = this.input.form;
    const p = this.input.params;
    if (form?.login !== undefined) return this.signIn(form.login, form.passwd ?? '');
    const accounts = this.accounts();
    if (form?.account) {
      if (form.account === 'other') return this.signInPage();
      const picked = accounts.find((a) => a.user.objectId === form.account);
      if (!picked) return this.signInPage();
      if (form.consent === 'cancel') throw authorizeErrors.consentDeclined();
      return { ...picked, consentAccepted: form.consent === 'accept' };
    }

    const prompt = p.get('prompt');
    if (prompt === 'login') return this.signInPage();
    if (prompt === 'select_account') return accounts.length > 0 ? this.picker(accounts) : this.signInPage();
    const hint = p.get('login_hint')?.trim().toLowerCase();
    if (hint) {
      const hinted = accounts.find((a) => a.user.upn.toLowerCase() === hint);
      if (hinted) return { ...hinted, consentAccepted: false };
      if (prompt === 'none') throw authorizeErrors.loginRequired();
      return this.signInPage();
    }
    // "sign in the sole current user, show the account picker if there are multiple users, or show the login page".
    if (accounts.length === 1) return { ...accounts[0], consentAccepted: false };
    if (accounts.length === 0) {
      if (prompt === 'none') throw authorizeErrors.loginRequired();
      return this.signInPage();
    }
    if (prompt === 'none') throw authorizeErrors.selectAccount();
    return this.picker(accounts);
  }

  private picker(accounts: { user: DemoUser }[]): AuthorizeAnswer {
    return this.page(accountPickerPage({ ...this.pageBase(), accounts: accounts.map((a) => pageAccount(a.user)) }));
  }

  private signIn(login: string, password: string): PersonOutcome {
    const user = findUser(login);
    // Entra's own words on its sign-in page (AADSTS50034, AADSTS50126).
    if (!user) return this.signInPage('This username may be incorrect. Make sure you typed it correctly. Otherwise, contact your admin.');
    if (!passwordMatches(password)) return this.signInPage("Your account or password is incorrect. If you don't remember your password, reset it now.");
    const authTime = this.ctx.now();
    this.sessionId = this.ctx.sessions.signIn(this.sessionId, user.objectId, authTime);
    this.sessionChanged = true;
    return { user, authTime, consentAccepted: false };
  }
}
