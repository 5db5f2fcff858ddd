/**
 * msal-browser 5 (its own browser bundle, nothing injected) against the emulator in headless
 * Chromium, as the pages use it: an `https://localhost:<port>/<tenant>` authority with
 * `knownAuthorities` and `authorityMetadata` (msal refuses an http authority, authority_uri_insecure),
 * the redirect bridge page calling `broadcastResponseToMainFrame()`, ssoSilent with the login hint,
 * a popup only when Entra asks for the person. Proves the contract sandbox/README.md gives the pages.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { startIdentity, type IdentitySandbox } from '../../../sandbox/identity';
import { CONNECTOR_APP } from '../../../sandbox/seed/identities';
import { decodePart } from './token-client';
import { launchWithProfile, type ProfileBrowser } from './chromium-profile';

const MSAL_LIB = join(__dirname, '../../../node_modules/@azure/msal-browser/lib');
const REDIRECT_PATH = '/WebResources/dtclm_/html/signin.html';
let id: IdentitySandbox;
let org: Server;
let orgUrl: string;
let metadata: string;

function startOrg(): Promise<Server> {
  const scripts: Record<string, string> = {
    '/msal-browser.min.js': join(MSAL_LIB, 'msal-browser.min.js'),
    '/msal-redirect-bridge.min.js': join(MSAL_LIB, 'redirect-bridge', 'msal-redirect-bridge.min.js'),
  };
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (scripts[path]) {
      res.writeHead(200, { 'Content-Type': 'text/javascript' });
      res.end(readFileSync(scripts[path]));
      return;
    }
    res.writeHead(200, { 'Content-Type': 'text/html' });
    if (path === REDIRECT_PATH) {
      res.end(
        '<!doctype html><title>signin</title><script src="/msal-redirect-bridge.min.js"></script><script>msalRedirectBridge.broadcastResponseToMainFrame();</script>',
      );
      return;
    }
    res.end('<!doctype html><title>app</title><body><script src="/msal-browser.min.js"></script>');
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

beforeAll(async () => {
  // Access tokens of 2 minutes: inside msal's 5-minute renewal offset, so acquireTokenSilent renews them at once.
  id = await startIdentity({ port: 0, host: '127.0.0.1', publicHost: 'localhost', tokenLifetimeSeconds: 120 });
  org = await startOrg();
  orgUrl = `http://127.0.0.1:${(org.address() as AddressInfo).port}`;
  id.registerRedirectUri(`${orgUrl}${REDIRECT_PATH}`);
  // Where "Dynamics" itself signed the person in (a web redirect URI of its own).
  id.registerRedirectUri(`${orgUrl}/elsewhere`, { type: 'web' });
  metadata = await (await fetch(id.openIdConfigurationUrl)).text();
});
afterAll(async () => {
  await new Promise((r) => org?.close(r));
  await id?.close();
});

interface MsalResult {
  ok: boolean;
  accessToken?: string;
  errorCode?: string;
  name?: string;
}

/** Runs one msal call in the app page: `ssoSilent` or `acquireTokenPopup`. */
async function msal(page: Page, call: 'ssoSilent' | 'acquireTokenPopup' | 'acquireTokenSilent'): Promise<MsalResult> {
  const authorityHost = new URL(id.authority).host;
  return page.evaluate(
    async ({ call, clientId, authority, host, metadata, redirectUri }) => {
      const w = window as unknown as { msal: any; app?: any };
      if (!w.app) {
        w.app = new w.msal.PublicClientApplication({
          auth: { clientId, authority, knownAuthorities: [host], authorityMetadata: metadata, redirectUri },
          cache: { cacheLocation: 'sessionStorage' },
        });
        await w.app.initialize();
      }
      const account = call === 'acquireTokenSilent' ? w.app.getAllAccounts()[0] : undefined;
      const request = { scopes: [`api://${clientId}/.default`], loginHint: 'rep@contoso.example', ...(account ? { account } : {}) };
      try {
        const result = await w.app[call](request);
        return { ok: true, accessToken: result.accessToken };
      } catch (e) {
        const err = e as { errorCode?: string; name?: string };
        return { ok: false, errorCode: err.errorCode, name: err.name };
      }
    },
    {
      call,
      clientId: CONNECTOR_APP.clientId,
      authority: `https://${authorityHost}/${id.tenantId}`,
      host: authorityHost,
      metadata,
      redirectUri: `${orgUrl}${REDIRECT_PATH}`,
    },
  );
}

/** Signed in to "Dynamics" through Entra earlier: the session cookie is there. */
async function signInToDynamics(page: Page): Promise<void> {
  const q = new URLSearchParams({
    client_id: CONNECTOR_APP.clientId,
    response_type: 'code',
    redirect_uri: `${orgUrl}/elsewhere`,
    scope: 'openid',
    login_hint: 'rep@contoso.example',
  });
  await page.goto(`${id.authorizeEndpoint}?${q.toString()}`);
  await page.getByLabel('Password').fill('sandbox');
  await page.keyboard.press('Enter');
  await page.waitForURL((u) => u.pathname === '/elsewhere');
}

describe('msal-browser 5 against the identity emulator (headless Chromium)', () => {
  let browser: ProfileBrowser;
  beforeEach(async () => {
    browser = await launchWithProfile({ thirdPartyCookies: 'allowed' });
  });
  afterEach(() => browser.close());

  it('a person with an Entra session gets a token silently (ssoSilent: hidden iframe, code + PKCE redeemed cross-origin)', async () => {
    const page = await browser.context.newPage();
    // Signed in to "Dynamics" through Entra earlier: the session cookie is there.
    await page.goto(
      `${id.authorizeEndpoint}?${new URLSearchParams({ client_id: CONNECTOR_APP.clientId, response_type: 'code', redirect_uri: `${orgUrl}/elsewhere`, scope: 'openid', login_hint: 'rep@contoso.example' })}`,
    );
    await page.getByLabel('Password').fill('sandbox');
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => u.pathname === '/elsewhere');

    await page.goto(`${orgUrl}/app.html`);
    const before = id.tokenLog().length;
    const result = await msal(page, 'ssoSilent');
    expect(result).toMatchObject({ ok: true });
    expect(decodePart(result.accessToken as string, 1)).toMatchObject({
      aud: CONNECTOR_APP.clientId,
      scp: 'user_impersonation',
      preferred_username: 'rep@contoso.example',
    });
    expect(id.tokenLog().slice(before)).toEqual([
      expect.objectContaining({ grantType: 'authorization_code', pkce: true, origin: orgUrl, redirectType: 'spa', outcome: 'issued' }),
    ]);
  });

  it('renews an expiring token silently with the 24 h refresh token, cross-origin (acquireTokenSilent)', async () => {
    const page = await browser.context.newPage();
    await signInToDynamics(page);
    await page.goto(`${orgUrl}/app.html`);
    const first = await msal(page, 'ssoSilent');
    expect(first.ok).toBe(true);
    const before = id.tokenLog().length;
    const renewed = await msal(page, 'acquireTokenSilent');
    expect(renewed.ok).toBe(true);
    expect(renewed.accessToken).not.toBe(first.accessToken);
    expect(id.tokenLog().slice(before)).toEqual([expect.objectContaining({ grantType: 'refresh_token', origin: orgUrl, outcome: 'issued' })]);
  });

  it('without admin consent: ssoSilent fails as interaction required with consent_required (AADSTS65001)', async () => {
    const page = await browser.context.newPage();
    await signInToDynamics(page);
    id.setAdminConsent(false);
    try {
      await page.goto(`${orgUrl}/app.html`);
      expect(await msal(page, 'ssoSilent')).toMatchObject({ ok: false, errorCode: 'consent_required', name: 'InteractionRequiredAuthError' });
    } finally {
      id.setAdminConsent(true);
    }
  });

  it('without an Entra session: ssoSilent fails as interaction required (login_required), the popup signs the person in', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${orgUrl}/app.html`);
    const silent = await msal(page, 'ssoSilent');
    expect(silent).toMatchObject({ ok: false, errorCode: 'login_required', name: 'InteractionRequiredAuthError' });

    const popupOpened = page.context().waitForEvent('page');
    const answer = msal(page, 'acquireTokenPopup');
    const popup = await popupOpened;
    await popup.getByLabel('Password').fill('sandbox');
    await popup.keyboard.press('Enter');
    const result = await answer;
    expect(result).toMatchObject({ ok: true });
    expect(decodePart(result.accessToken as string, 1)).toMatchObject({ aud: CONNECTOR_APP.clientId, scp: 'user_impersonation' });
  });
});
