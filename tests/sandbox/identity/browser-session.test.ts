/**
 * In headless Chromium: the Entra session cookie works across sites as msal-browser's ssoSilent
 * needs it. A person signs in on the emulator's page ("Entra", on `localhost`); later a page of
 * another site ("Dynamics", on 127.0.0.1) opens the authorize endpoint with prompt=none in a hidden
 * iframe and gets a code, because the cookie is SameSite=None; Secure like Entra's ESTSAUTH. A
 * browser that never signed in, or one that blocks third-party cookies, gets login_required
 * (AADSTS50058) in the same iframe, as "Handle ITP in Safari and other browsers where third-party
 * cookies are blocked" describes.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { startIdentity, type IdentitySandbox } from '../../../sandbox/identity';
import { CONNECTOR_APP } from '../../../sandbox/seed/identities';
import { pkcePair } from './browser-client';
import { launchWithProfile } from './chromium-profile';
const REDIRECT_PATH = '/WebResources/dtclm_/html/signin.html';

let id: IdentitySandbox;
let org: Server;
let orgUrl: string;

/** "Dynamics": the redirect page (shows nothing) and a page that runs the silent request in a hidden iframe. */
function startOrg(): Promise<Server> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === REDIRECT_PATH) {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end('<!doctype html><title>signin</title>');
      return;
    }
    if (url.pathname === '/silent.html') {
      const authorize = url.searchParams.get('authorize') ?? '';
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end(`<!doctype html><title>silent</title><body><script>
        const frame = document.createElement('iframe');
        frame.style.display = 'none';
        frame.src = ${JSON.stringify(authorize)};
        document.body.appendChild(frame);
        const timer = setInterval(() => {
          let hash = '';
          try { if (frame.contentWindow.location.pathname === ${JSON.stringify(REDIRECT_PATH)}) hash = frame.contentWindow.location.hash; } catch (e) { /* still on the identity provider's origin */ }
          if (hash) { clearInterval(timer); document.title = 'done'; document.body.dataset.answer = hash.slice(1); }
        }, 50);
      </script>`);
      return;
    }
    res.writeHead(404);
    res.end();
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

function authorizeUrl(prompt: 'none' | undefined): string {
  const q = new URLSearchParams({
    client_id: CONNECTOR_APP.clientId,
    response_type: 'code',
    redirect_uri: `${orgUrl}${REDIRECT_PATH}`,
    response_mode: 'fragment',
    scope: `api://${CONNECTOR_APP.clientId}/.default openid profile offline_access`,
    state: 'st',
    nonce: 'no',
    login_hint: 'rep@contoso.example',
    code_challenge: pkcePair().challenge,
    code_challenge_method: 'S256',
    ...(prompt ? { prompt } : {}),
  });
  return `${id.authorizeEndpoint}?${q.toString()}`;
}

beforeAll(async () => {
  id = await startIdentity({ port: 0, host: '127.0.0.1', publicHost: 'localhost' });
  org = await startOrg();
  orgUrl = `http://127.0.0.1:${(org.address() as AddressInfo).port}`;
  id.registerRedirectUri(`${orgUrl}${REDIRECT_PATH}`);
});
afterAll(async () => {
  await new Promise((r) => org?.close(r));
  await id?.close();
});

async function signIn(page: Page): Promise<void> {
  await page.goto(authorizeUrl(undefined));
  // The sign-in page, by keyboard: the hint is filled in, focus is on the password.
  await page.getByLabel('Password').fill('sandbox');
  await page.keyboard.press('Enter');
  await page.waitForURL((u) => u.pathname === REDIRECT_PATH);
  expect(new URLSearchParams(new URL(page.url()).hash.slice(1)).get('code')).toMatch(/^1\./);
}

async function silentAnswer(page: Page): Promise<URLSearchParams> {
  await page.goto(`${orgUrl}/silent.html?authorize=${encodeURIComponent(authorizeUrl('none'))}`);
  await page.waitForFunction(() => document.title === 'done');
  return new URLSearchParams((await page.locator('body').getAttribute('data-answer')) ?? '');
}

describe('the Entra session in a cross-site hidden iframe (headless Chromium)', () => {
  it('gets a code with prompt=none after the person signed in on the sign-in page', async () => {
    expect(new URL(id.authority).hostname).toBe('localhost');
    const browser = await launchWithProfile({ thirdPartyCookies: 'allowed' });
    try {
      const page = await browser.context.newPage();
      await signIn(page);
      const answer = await silentAnswer(page);
      expect(answer.get('error_description')).toBeNull();
      expect(answer.get('code')).toMatch(/^1\./);
      expect(answer.get('state')).toBe('st');
    } finally {
      await browser.close();
    }
  });

  it('gets login_required (AADSTS50058) in a browser that never signed in', async () => {
    const browser = await launchWithProfile({ thirdPartyCookies: 'allowed' });
    try {
      const answer = await silentAnswer(await browser.context.newPage());
      expect(answer.get('error')).toBe('login_required');
      expect(answer.get('error_description')).toMatch(/^AADSTS50058: /);
    } finally {
      await browser.close();
    }
  });

  it('gets login_required (AADSTS50058) after signing in when the browser blocks third-party cookies', async () => {
    const browser = await launchWithProfile({ thirdPartyCookies: 'blocked' });
    try {
      const page = await browser.context.newPage();
      await signIn(page);
      expect((await silentAnswer(page)).get('error')).toBe('login_required');
    } finally {
      await browser.close();
    }
  });
});
