/**
 * The order of msal-browser calls a page makes for its token (webresources/lib/token/msal-provider.ts),
 * against a recording stand-in for msal's application that fails with msal's own error classes, and
 * the words a person reads for each failure. The real flows (iframe, popup, bridge page) run in
 * headless Chromium: tests/e2e/sign-in.test.ts.
 */
import { BrowserAuthError, InteractionRequiredAuthError, type AccountInfo, type AuthenticationResult } from '@azure/msal-browser';
import { createMsalTokenProvider, type MsalApp, type MsalSettings } from '../../../../webresources/lib/token/msal-provider';

const SETTINGS: MsalSettings = {
  clientId: '8c4f1e2a-6b3d-4c5e-9f70-1a2b3c4d5e60',
  loginHint: 'rep@contoso.com',
  authority: 'https://login.microsoftonline.com/contoso.com',
  redirectUri: 'https://contoso.crm4.dynamics.com/WebResources/dtclm_/html/signin.html',
};
const ACCOUNT = { homeAccountId: 'h', username: 'rep@contoso.com' } as AccountInfo;

type Step = 'ssoSilent' | 'acquireTokenSilent' | 'acquireTokenPopup';

function fakeApp(opts: { account?: boolean; fail?: Partial<Record<Step, Error>> } = {}) {
  const calls: Array<{ step: Step; request: Record<string, unknown> }> = [];
  const answer = (step: Step) => async (request: object) => {
    calls.push({ step, request: request as Record<string, unknown> });
    const error = opts.fail?.[step];
    if (error) throw error;
    return { accessToken: `token from ${step}`, account: ACCOUNT } as AuthenticationResult;
  };
  const app: MsalApp = {
    initialize: async () => undefined,
    getAccount: () => (opts.account ? ACCOUNT : null),
    ssoSilent: answer('ssoSilent'),
    acquireTokenSilent: answer('acquireTokenSilent'),
    acquireTokenPopup: answer('acquireTokenPopup'),
  };
  return { app, calls, steps: () => calls.map((c) => c.step) };
}

const loginRequired = () => new InteractionRequiredAuthError('login_required', 'c', 'AADSTS50058: A silent sign-in request was sent but no user is signed in.');
const consentRequired = () =>
  new InteractionRequiredAuthError('consent_required', 'c', 'AADSTS65001: The user or administrator has not consented to use the application.');

it('a user msal does not know yet: ssoSilent with their login hint and the bridge page, no popup', async () => {
  const f = fakeApp();
  await expect(createMsalTokenProvider(SETTINGS, f.app).getToken()).resolves.toBe('token from ssoSilent');
  expect(f.steps()).toEqual(['ssoSilent']);
  expect(f.calls[0].request).toMatchObject({
    loginHint: 'rep@contoso.com',
    redirectUri: SETTINGS.redirectUri,
    scopes: [`api://${SETTINGS.clientId}/.default`],
  });
});

it('a user msal knows: acquireTokenSilent on their account (the cached token, renewed by msal before it expires)', async () => {
  const f = fakeApp({ account: true });
  await expect(createMsalTokenProvider(SETTINGS, f.app).getToken()).resolves.toBe('token from acquireTokenSilent');
  expect(f.steps()).toEqual(['acquireTokenSilent']);
  expect(f.calls[0].request).toMatchObject({ account: ACCOUNT, redirectUri: SETTINGS.redirectUri });
});

it('Entra asks for the user (login_required, AADSTS50058): one popup with the login hint', async () => {
  const f = fakeApp({ fail: { ssoSilent: loginRequired() } });
  await expect(createMsalTokenProvider(SETTINGS, f.app).getToken()).resolves.toBe('token from acquireTokenPopup');
  expect(f.steps()).toEqual(['ssoSilent', 'acquireTokenPopup']);
  expect(f.calls[1].request).toMatchObject({ loginHint: 'rep@contoso.com', redirectUri: SETTINGS.redirectUri });
});

it('a known account whose refresh needs the user (interaction_required): the popup', async () => {
  const f = fakeApp({ account: true, fail: { acquireTokenSilent: new InteractionRequiredAuthError('interaction_required', 'c', 'AADSTS50076') } });
  await expect(createMsalTokenProvider(SETTINGS, f.app).getToken()).resolves.toBe('token from acquireTokenPopup');
  expect(f.steps()).toEqual(['acquireTokenSilent', 'acquireTokenPopup']);
});

it('missing admin consent (consent_required, AADSTS65001): no popup, a message that sends the user to their admin and the guide step', async () => {
  const f = fakeApp({ fail: { ssoSilent: consentRequired() } });
  await expect(createMsalTokenProvider(SETTINGS, f.app).getToken()).rejects.toThrow(
    /not approved for your organization.*administrator to grant admin consent.*Microsoft Entra ID \(admin guide, Step 1 item 8\)/,
  );
  expect(f.steps()).toEqual(['ssoSilent']);
});

it.each(['popup_window_error', 'empty_window_error'])('a blocked popup (%s): the pop-up blocker message', async (code) => {
  const f = fakeApp({ fail: { ssoSilent: loginRequired(), acquireTokenPopup: new BrowserAuthError(code, 'c') } });
  await expect(createMsalTokenProvider(SETTINGS, f.app).getToken()).rejects.toThrow(/browser blocked the sign-in window.*Allow pop-ups/);
});

it('consent refused in the popup itself (AADSTS65001 in the answer): the consent message', async () => {
  const f = fakeApp({ fail: { ssoSilent: loginRequired(), acquireTokenPopup: consentRequired() } });
  await expect(createMsalTokenProvider(SETTINGS, f.app).getToken()).rejects.toThrow(/grant admin consent/);
});

it('the hidden iframe never came back (an unregistered redirect URI shows AADSTS50011 and stops): the URI to register, no popup', async () => {
  const f = fakeApp({ fail: { ssoSilent: new BrowserAuthError('timed_out', 'c') } });
  const error = await createMsalTokenProvider(SETTINGS, f.app)
    .getToken()
    .catch((e: Error) => e);
  expect((error as Error).message).toContain(`Sign-in did not come back to ${SETTINGS.redirectUri}`);
  expect((error as Error).message).toMatch(/AADSTS50011.*single-page application redirect URI.*Step 1 item 7/);
  expect(f.steps()).toEqual(['ssoSilent']);
});

it('two calls at once make one sign-in', async () => {
  const f = fakeApp({ fail: { ssoSilent: loginRequired() } });
  const provider = createMsalTokenProvider(SETTINGS, f.app);
  await Promise.all([provider.getToken(), provider.getToken()]);
  expect(f.steps()).toEqual(['ssoSilent', 'acquireTokenPopup']);
});
