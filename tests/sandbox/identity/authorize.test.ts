/**
 * The authorize endpoint and its sign-in pages against Microsoft's documented answers:
 * "Microsoft identity platform and OAuth 2.0 authorization code flow" (parameters, prompt, response
 * modes, Error response), "Microsoft Entra authentication and authorization error codes" (AADSTS
 * codes), "Redirect URI (reply URL) restrictions and limitations" and "Single-page application:
 * Acquire a token" (spa redirect URIs need PKCE).
 */
import { startIdentity, type IdentitySandbox } from '../../../sandbox/identity';
import { CONNECTOR_APP, WEB_CLIENT } from '../../../sandbox/seed/identities';
import { TestBrowser, inputValue, pkcePair, redirectParams } from './browser-client';

const ORG = 'http://127.0.0.1:7001';
const SIGNIN = `${ORG}/WebResources/dtclm_/html/signin.html`;
const API = `api://${CONNECTOR_APP.clientId}/.default`;
let id: IdentitySandbox;

beforeAll(async () => {
  id = await startIdentity({ port: 0 });
  id.registerRedirectUri(SIGNIN);
  id.registerRedirectUri(`${ORG}/web/callback`, { type: 'web' });
});
afterAll(() => id.close());

function authorizeUrl(extra: Record<string, string | undefined> = {}): string {
  const { challenge } = pkcePair();
  const params: Record<string, string | undefined> = {
    client_id: CONNECTOR_APP.clientId,
    response_type: 'code',
    redirect_uri: SIGNIN,
    response_mode: 'fragment',
    scope: `${API} openid profile offline_access`,
    state: 'state-123',
    nonce: 'nonce-456',
    code_challenge: challenge,
    code_challenge_method: 'S256',
    ...extra,
  };
  const q = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined));
  return `${id.authorizeEndpoint}?${q.toString()}`;
}

/** The redirect must go to the registered URI with Entra's error parameters. */
function expectErrorRedirect(location: string | undefined, error: string, aadsts: number): Record<string, string> {
  expect(location).toBeDefined();
  const { target, params } = redirectParams(location as string);
  expect(target).toBe(SIGNIN);
  expect(params.error).toBe(error);
  expect(params.error_description).toMatch(new RegExp(`^AADSTS${aadsts}: .+Trace ID: .+Correlation ID: .+Timestamp: `));
  expect(params.error_uri).toMatch(new RegExp(`/error\\?code=${aadsts}$`));
  expect(params.trace_id).toMatch(/^[0-9a-f-]{36}$/);
  expect(params.correlation_id).toMatch(/^[0-9a-f-]{36}$/);
  expect(params.state).toBe('state-123');
  expect(params).not.toHaveProperty('code');
  return params;
}

describe('sign-in page (authorize without an Entra session)', () => {
  it('shows a form with labelled user name and password fields, the login_hint filled in, and no redirect', async () => {
    const page = await new TestBrowser().get(authorizeUrl({ login_hint: 'rep@contoso.example' }));
    expect(page.status).toBe(200);
    expect(page.location).toBeUndefined();
    expect(page.html).toContain('<html lang="en">');
    expect(page.html).toMatch(/<label for="login">[^<]+<\/label>\s*<input id="login" name="login"/);
    expect(page.html).toMatch(/<label for="passwd">Password<\/label>\s*<input id="passwd" name="passwd" type="password"/);
    expect(inputValue(page.html, 'login')).toBe('rep@contoso.example');
    expect(page.html).toMatch(/<button type="submit"[^>]*>Sign in<\/button>/);
  });

  it("refuses to be framed, as Entra's pages do (X-Frame-Options: DENY, frame-ancestors none)", async () => {
    const res = await fetch(authorizeUrl());
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('content-security-policy')).toBe("frame-ancestors 'none'");
  });

  it('signs in with the demo password: a code on the redirect URI (fragment) and the session cookie, SameSite=None; Secure', async () => {
    const browser = new TestBrowser();
    const done = await browser.signIn(authorizeUrl(), 'rep@contoso.example');
    expect(done.status).toBe(302);
    const { target, params } = redirectParams(done.location as string);
    expect(target).toBe(SIGNIN);
    expect(new URL(done.location as string).hash).toContain('code=');
    expect(params.code).toMatch(/^1\./);
    expect(params.state).toBe('state-123');
    expect(params.session_state).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(done.setCookie).not.toContain(params.session_state);
    expect(done.setCookie).toMatch(/^ESTSAUTH=[^;]+; Path=\/; HttpOnly; Secure; SameSite=None$/);
  });

  it('shows the sign-in page again with the error, sets no cookie and does not redirect, on a wrong password (AADSTS50126 text)', async () => {
    const again = await new TestBrowser().signIn(authorizeUrl(), 'rep@contoso.example', 'wrong');
    expect(again.status).toBe(200);
    expect(again.location).toBeUndefined();
    expect(again.setCookie).toBeUndefined();
    expect(again.html).toMatch(/<p role="alert" id="signin-error">Your account or password is incorrect\./);
    expect(again.html).toContain('aria-describedby="signin-error"');
  });

  it('tells an unknown user apart (AADSTS50034 text)', async () => {
    const again = await new TestBrowser().signIn(authorizeUrl(), 'nobody@contoso.example');
    expect(again.html).toContain('This username may be incorrect.');
  });

  it('answers query when response_mode=query, and query by default for a code', async () => {
    for (const mode of ['query', undefined]) {
      const done = await new TestBrowser().signIn(authorizeUrl({ response_mode: mode }), 'rep@contoso.example');
      const url = new URL(done.location as string);
      expect(url.hash).toBe('');
      expect(url.searchParams.get('code')).toMatch(/^1\./);
      expect(url.searchParams.get('state')).toBe('state-123');
    }
  });

  it('answers form_post with an auto-submitting form to the redirect URI', async () => {
    const done = await new TestBrowser().signIn(authorizeUrl({ response_mode: 'form_post' }), 'rep@contoso.example');
    expect(done.status).toBe(200);
    expect(done.html).toContain(`<form method="post" action="${SIGNIN}" id="form_post">`);
    expect(inputValue(done.html, 'code')).toMatch(/^1\./);
    expect(inputValue(done.html, 'state')).toBe('state-123');
  });
});

describe('single sign-on on the session cookie (prompt, login_hint)', () => {
  let browser: TestBrowser;
  beforeEach(async () => {
    browser = new TestBrowser();
    await browser.signIn(authorizeUrl(), 'rep@contoso.example');
  });

  it('prompt=none with the session: a code, no page', async () => {
    const silent = await browser.get(authorizeUrl({ prompt: 'none', login_hint: 'rep@contoso.example' }));
    expect(silent.status).toBe(302);
    expect(redirectParams(silent.location as string).params.code).toMatch(/^1\./);
  });

  it('no prompt, one account in the session: signs that user in without a page', async () => {
    const sso = await browser.get(authorizeUrl());
    expect(sso.status).toBe(302);
    expect(redirectParams(sso.location as string).params.code).toBeTruthy();
  });

  it('prompt=login forces the sign-in page although a session exists', async () => {
    const page = await browser.get(authorizeUrl({ prompt: 'login' }));
    expect(page.status).toBe(200);
    expect(page.html).toContain('name="passwd"');
  });

  it('prompt=select_account shows the account picker with the session accounts and "Use another account"', async () => {
    const picker = await browser.get(authorizeUrl({ prompt: 'select_account' }));
    expect(picker.status).toBe(200);
    expect(picker.html).toContain('<h1>Pick an account</h1>');
    expect(picker.html).toContain('rep@contoso.example');
    expect(picker.html).toContain('Use another account');
    const picked = await browser.submit(picker, { account: '0b7e55e0-1a2b-4c3d-8e4f-000000000001' });
    expect(picked.status).toBe(302);
    expect(redirectParams(picked.location as string).params.code).toBeTruthy();
    const other = await browser.submit(picker, { account: 'other' });
    expect(other.html).toContain('name="passwd"');
  });

  it('prompt=none with a login_hint of someone not signed in here: login_required (AADSTS50058)', async () => {
    const silent = await browser.get(authorizeUrl({ prompt: 'none', login_hint: 'signer@contoso.example' }));
    expectErrorRedirect(silent.location, 'login_required', 50058);
  });

  it('two accounts in the session: prompt=none without a hint is interaction_required (AADSTS16000), with a hint picks that one', async () => {
    await browser.signIn(authorizeUrl({ prompt: 'login' }), 'signer@contoso.example');
    expectErrorRedirect((await browser.get(authorizeUrl({ prompt: 'none' }))).location, 'interaction_required', 16000);
    const hinted = await browser.get(authorizeUrl({ prompt: 'none', login_hint: 'signer@contoso.example' }));
    expect(redirectParams(hinted.location as string).params.code).toBeTruthy();
    // Without prompt and hint, Entra shows the picker.
    expect((await browser.get(authorizeUrl())).html).toContain('Pick an account');
  });

  it('the end-session endpoint ends the session: prompt=none is login_required afterwards', async () => {
    const out = await browser.get(`${id.endSessionEndpoint}?post_logout_redirect_uri=${encodeURIComponent(SIGNIN)}`);
    expect(out.status).toBe(302);
    expect(out.location).toBe(SIGNIN);
    expect(out.setCookie).toContain('Max-Age=0');
    expectErrorRedirect((await browser.get(authorizeUrl({ prompt: 'none' }))).location, 'login_required', 50058);
  });
});

describe('errors returned to the redirect URI', () => {
  it('prompt=none without a session: login_required (AADSTS50058), with error_uri, trace and correlation ids and state', async () => {
    const silent = await new TestBrowser().get(authorizeUrl({ prompt: 'none', login_hint: 'rep@contoso.example' }));
    expect(silent.status).toBe(302);
    expectErrorRedirect(silent.location, 'login_required', 50058);
  });

  it('error_uri leads to an error lookup page', async () => {
    const silent = await new TestBrowser().get(authorizeUrl({ prompt: 'none' }));
    const { params } = redirectParams(silent.location as string);
    const lookup = await fetch(params.error_uri);
    expect(lookup.status).toBe(200);
    expect(await lookup.text()).toContain('AADSTS50058');
  });

  it('a spa redirect URI without code_challenge: invalid_request (AADSTS9002325)', async () => {
    const res = await new TestBrowser().get(authorizeUrl({ code_challenge: undefined, code_challenge_method: undefined }));
    expectErrorRedirect(res.location, 'invalid_request', 9002325);
  });

  it('a code_challenge of the wrong size (RFC 7636: 43 to 128): invalid_request (AADSTS501491)', async () => {
    const res = await new TestBrowser().get(authorizeUrl({ code_challenge: 'short' }));
    expectErrorRedirect(res.location, 'invalid_request', 501491);
  });

  it('response_type=token (implicit grant not enabled): unsupported_response_type', async () => {
    const res = await new TestBrowser().get(authorizeUrl({ response_type: 'token' }));
    expectErrorRedirect(res.location, 'unsupported_response_type', 700054);
  });

  it('no scope: invalid_request (AADSTS900144); an unknown scope of the connector API: invalid_scope (AADSTS70011)', async () => {
    expectErrorRedirect((await new TestBrowser().get(authorizeUrl({ scope: undefined }))).location, 'invalid_request', 900144);
    const unknown = await new TestBrowser().get(authorizeUrl({ scope: `api://${CONNECTOR_APP.clientId}/Files.ReadWrite openid` }));
    expectErrorRedirect(unknown.location, 'invalid_scope', 70011);
  });

  it('an unknown prompt value: invalid_request', async () => {
    expectErrorRedirect((await new TestBrowser().get(authorizeUrl({ prompt: 'always' }))).location, 'invalid_request', 90023);
  });
});

describe('admin consent (a per-app setting of the tenant)', () => {
  afterEach(() => {
    id.setAdminConsent(true);
    id.setAdminConsent(true, { clientId: WEB_CLIENT.clientId });
  });

  it('without admin consent, prompt=none with a session: consent_required (AADSTS65001)', async () => {
    const browser = new TestBrowser();
    await browser.signIn(authorizeUrl(), 'rep@contoso.example');
    id.setAdminConsent(false);
    const silent = await browser.get(authorizeUrl({ prompt: 'none', login_hint: 'rep@contoso.example' }));
    const params = expectErrorRedirect(silent.location, 'consent_required', 65001);
    expect(params.error_description).toContain(CONNECTOR_APP.clientId);
  });

  it('without admin consent, interactively: the "Need admin approval" page; going back is access_denied (AADSTS65004, suberror cancel)', async () => {
    id.setAdminConsent(false);
    const browser = new TestBrowser();
    const page = await browser.signIn(authorizeUrl(), 'rep@contoso.example');
    expect(page.status).toBe(200);
    expect(page.html).toContain('<h1>Need admin approval</h1>');
    expect(page.html).toContain('AADSTS90094');
    const back = await browser.submit(page, { account: inputValue(page.html, 'account') as string, consent: 'cancel' });
    const params = expectErrorRedirect(back.location, 'access_denied', 65004);
    expect(params.suberror).toBe('cancel');
  });

  it('consent is per app: revoking it for the web client leaves the connector app signing in', async () => {
    id.setAdminConsent(false, { clientId: WEB_CLIENT.clientId });
    const done = await new TestBrowser().signIn(authorizeUrl(), 'rep@contoso.example');
    expect(redirectParams(done.location as string).params.code).toBeTruthy();
  });

  it('prompt=consent shows the permissions; Accept goes on with a code', async () => {
    const browser = new TestBrowser();
    const page = await browser.signIn(authorizeUrl({ prompt: 'consent' }), 'rep@contoso.example');
    expect(page.html).toContain('<h1>Permissions requested</h1>');
    const accepted = await browser.submit(page, { account: inputValue(page.html, 'account') as string, consent: 'accept' });
    expect(redirectParams(accepted.location as string).params.code).toBeTruthy();
  });
});

describe('requests Entra never redirects: its own error page', () => {
  async function expectErrorPage(url: string, aadsts: number): Promise<void> {
    const page = await new TestBrowser().get(url);
    expect(page.status).toBe(400);
    expect(page.location).toBeUndefined();
    expect(page.html).toContain(`<dd id="error-code">${aadsts}</dd>`);
    expect(page.html).toContain(`AADSTS${aadsts}`);
    expect(page.html).not.toContain('code=');
  }

  it('an unregistered redirect URI: AADSTS50011, no redirect', async () => {
    await expectErrorPage(authorizeUrl({ redirect_uri: 'https://evil.example/steal' }), 50011);
  });

  it('a redirect URI that differs in path case or in query: AADSTS50011 (matching is exact, paths case-sensitive)', async () => {
    await expectErrorPage(authorizeUrl({ redirect_uri: SIGNIN.replace('signin.html', 'SignIn.html') }), 50011);
    await expectErrorPage(authorizeUrl({ redirect_uri: `${SIGNIN}?x=1` }), 50011);
    await expectErrorPage(authorizeUrl({ redirect_uri: SIGNIN.replace('127.0.0.1', 'localhost') }), 50011);
  });

  it('a loopback redirect URI on another port matches ("the port component is ignored" for localhost)', async () => {
    const done = await new TestBrowser().signIn(authorizeUrl({ redirect_uri: SIGNIN.replace(':7001', ':7999') }), 'rep@contoso.example');
    expect(done.location?.startsWith('http://127.0.0.1:7999/WebResources/dtclm_/html/signin.html#')).toBe(true);
  });

  it('a redirect URI registered on another app: AADSTS50011', async () => {
    await expectErrorPage(authorizeUrl({ client_id: WEB_CLIENT.clientId }), 50011);
  });

  it('no redirect_uri: AADSTS900971; unknown client: AADSTS700016; no client_id: AADSTS900144', async () => {
    await expectErrorPage(authorizeUrl({ redirect_uri: undefined }), 900971);
    await expectErrorPage(authorizeUrl({ client_id: '00000000-0000-0000-0000-0000000000ff' }), 700016);
    await expectErrorPage(authorizeUrl({ client_id: undefined }), 900144);
  });

  it('refuses to register a non-https redirect URI outside loopback', () => {
    expect(() => id.registerRedirectUri('http://contoso.example/signin.html')).toThrow(/https/);
  });
});

describe("the organizations authority (msal-provider's default)", () => {
  it('signs in at /organizations/oauth2/v2.0/authorize as at the tenant', async () => {
    const url = authorizeUrl().replace(id.tenantId, 'organizations');
    const done = await new TestBrowser().signIn(url, 'rep@contoso.example');
    expect(redirectParams(done.location as string).params.code).toMatch(/^1\./);
  });
});

describe('advertised host', () => {
  it('advertises localhost while listening on 127.0.0.1 (another site than a harness on 127.0.0.1)', async () => {
    const local = await startIdentity({ port: 0, host: '127.0.0.1', publicHost: 'localhost' });
    try {
      expect(local.authority).toMatch(/^http:\/\/localhost:\d+\//);
      expect(local.issuer.startsWith('http://localhost:')).toBe(true);
      const doc = (await (await fetch(local.openIdConfigurationUrl)).json()) as Record<string, string>;
      expect(doc.authorization_endpoint).toBe(`${local.authority}/oauth2/v2.0/authorize`);
    } finally {
      await local.close();
    }
  });
});
