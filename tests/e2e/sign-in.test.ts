/**
 * Signing in as Entra ID does it (issue 22): the harness (Dynamics) signs the user in on the
 * identity emulator's page, and each page gets its connector token through msal-browser and the
 * redirect bridge dtclm_/html/signin.html, with nothing injected. What Entra did is read from the
 * identity emulator's token log; what the person sees, from the page.
 *
 * Microsoft's articles these follow: "Single sign-on with MSAL.js" (ssoSilent with a login hint),
 * "Acquire a token to call a web API (single-page apps)" (acquireTokenSilent, popup on
 * InteractionRequiredAuthError), "Redirect URI (reply URL) restrictions" (AADSTS50011), "Grant
 * tenant-wide admin consent" (AADSTS65001), "Refresh tokens: single-page apps" (24 hours).
 */
import { join } from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { SEED_IDS } from '../../sandbox/dataverse/seed/ids';
import { CONNECTOR_APP } from '../../sandbox/seed/identities';
import type { IdentitySandbox } from '../../sandbox/identity';
import { firstPage, PAGE_FRAME, personBrowser, SCREENSHOTS, signInOnEntraPage, startBrowserWorld, type BrowserWorld } from './browser-world';
import { openDialog } from './form-pages';

jest.setTimeout(180_000);

type TokenLogEntry = ReturnType<IdentitySandbox['tokenLog']>[number];

let bw: BrowserWorld;
const OPPORTUNITY = SEED_IDS.opportunity;

beforeAll(async () => {
  bw = await startBrowserWorld();
}, 600_000);

afterAll(async () => {
  await bw?.close();
});

/** The token endpoint calls made from the harness's pages (an Origin header) since `from`. */
function pageCalls(from: number): TokenLogEntry[] {
  return bw.world.identity
    .tokenLog()
    .slice(from)
    .filter((e) => e.origin === bw.harness.url);
}

/** Windows the page (or any of its frames: the dialog, msal) opens. */
function countPopups(page: Page): () => number {
  let n = 0;
  page.on('popup', () => n++);
  return () => n;
}

/** Picking a template makes the dialog ask the connector for its preview: the page's first token. */
function pickTemplate(dialog: FrameLocator, name = 'NDA') {
  return dialog.getByRole('radio', { name }).check();
}

const previewShown = (dialog: FrameLocator) => dialog.getByText('Counterparty name').waitFor({ timeout: 60_000 });

test("the harness signs the rep in on Entra's page; the dialog then gets its token silently (ssoSilent: a code redeemed with PKCE for the bridge page), no popup", async () => {
  const context = await personBrowser({ width: 1280, height: 860 });
  const page = await firstPage(context);
  const popups = countPopups(page);
  await page.goto(bw.harness.formUrl('opportunity', OPPORTUNITY, 'rep'));
  // Dynamics sends an unsigned-in browser to Entra: another site (localhost), over https.
  await page.getByLabel('Password').waitFor();
  expect(new URL(page.url()).origin).toBe(new URL(bw.world.identity.authority).origin);
  expect(new URL(page.url()).hostname).toBe('localhost');
  await page.screenshot({ path: join(SCREENSHOTS, 'harness-sign-in.png') });
  await signInOnEntraPage(page, 'rep');
  await page.locator('#commandbar[data-ready="true"]').waitFor({ state: 'attached' });
  expect(new URL(page.url()).origin).toBe(bw.harness.url);

  const before = bw.world.identity.tokenLog().length;
  const dialog = await openDialog(page);
  await pickTemplate(dialog);
  await previewShown(dialog);
  await page.screenshot({ path: join(SCREENSHOTS, 'signed-in-dialog.png') });
  expect(popups()).toBe(0);
  expect(pageCalls(before)).toEqual([
    expect.objectContaining({
      grantType: 'authorization_code',
      clientId: CONNECTOR_APP.clientId,
      redirectUri: bw.harness.redirectUris.signInPage,
      redirectType: 'spa',
      pkce: true,
      outcome: 'issued',
    }),
  ]);
  await context.close();
});

test('a user whose Entra session has ended gets the sign-in popup, signs in there, and the page carries on', async () => {
  const { context, page } = await bw.openForm('opportunity', OPPORTUNITY, 'signer');
  bw.world.identity.endAllSessions();
  const before = bw.world.identity.tokenLog().length;
  const dialog = await openDialog(page);
  const [popup] = await Promise.all([context.waitForEvent('page'), pickTemplate(dialog)]);
  await signInOnEntraPage(popup, 'signer');
  await previewShown(dialog);
  expect(pageCalls(before)).toEqual([expect.objectContaining({ grantType: 'authorization_code', pkce: true, redirectType: 'spa', outcome: 'issued' })]);
  await context.close();
});

test('a blocked popup: the page says the browser blocked the sign-in window and how to allow it, and gets no token', async () => {
  // What a blocked popup is to the page: window.open answers null (HTML, "The rules for choosing a
  // navigable": no new window). Headless Chromium opened it even with pop-ups blocked in the
  // profile, so the test's browser answers null itself; the admin page asks for its token as it
  // opens, without a click, as a blocker would refuse.
  const context = await personBrowser({ width: 1280, height: 900 });
  await context.addInitScript(() => {
    window.open = () => null;
  });
  try {
    const page = await firstPage(context);
    await page.goto(bw.harness.formUrl('opportunity', OPPORTUNITY, 'admin'));
    await signInOnEntraPage(page, 'admin');
    await page.locator('#commandbar[data-ready="true"]').waitFor({ state: 'attached' });
    bw.world.identity.endAllSessions();
    const before = bw.world.identity.tokenLog().length;
    await page.goto(bw.harness.pageUrl('dtclm_/html/admin.html', 'admin'));
    const frame = page.frameLocator(PAGE_FRAME);
    await frame
      .getByText(/Your browser blocked the sign-in window.*Allow pop-ups for this Dynamics site/)
      .waitFor({ timeout: 60_000 })
      .catch((e: Error) => {
        throw new Error(
          `${e.message}\nwindows open: ${context
            .pages()
            .map((p) => p.url())
            .join(', ')}`,
        );
      });
    expect(context.pages()).toHaveLength(1);
    expect(pageCalls(before)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'sign-in-popup-blocked.png') });
  } finally {
    await context.close();
  }
});

test('missing admin consent: the page says to ask the administrator for consent in Entra ID, no popup, no token', async () => {
  bw.world.identity.setAdminConsent(false);
  try {
    const { context, page } = await bw.openForm('opportunity', OPPORTUNITY, 'rep');
    const popups = countPopups(page);
    const before = bw.world.identity.tokenLog().length;
    const dialog = await openDialog(page);
    await pickTemplate(dialog);
    await dialog
      .getByText(/not approved for your organization yet.*grant admin consent.*Microsoft Entra ID \(admin guide, Step 1 item 8\)/)
      .waitFor({ timeout: 60_000 });
    await page.screenshot({ path: join(SCREENSHOTS, 'sign-in-consent-missing.png') });
    expect(popups()).toBe(0);
    expect(pageCalls(before)).toEqual([]);
    await context.close();
  } finally {
    bw.world.identity.setAdminConsent(true);
  }
});

test('an expired token is renewed silently with the 24-hour refresh token: no popup, no sign-in page', async () => {
  const context = await personBrowser({ width: 1280, height: 860 });
  await context.clock.install();
  const page = await firstPage(context);
  const popups = countPopups(page);
  await page.goto(bw.harness.formUrl('opportunity', OPPORTUNITY, 'rep'));
  await signInOnEntraPage(page, 'rep');
  const dialog = await openDialog(page);
  await pickTemplate(dialog, 'NDA');
  await previewShown(dialog);

  // Two hours later in the browser: the access token (about an hour) has expired, the refresh token not.
  await context.clock.pauseAt(Date.now() + 2 * 3600_000);
  await context.clock.resume();
  const before = bw.world.identity.tokenLog().length;
  // The dialog opened again: a new page, whose msal finds the tab's account and its expired token.
  await page.getByRole('button', { name: 'Close' }).click();
  const again = await openDialog(page);
  await pickTemplate(again);
  await previewShown(again);
  const renewal = pageCalls(before);
  expect(renewal.map((e) => e.grantType)).toEqual(['refresh_token']);
  expect(renewal[0]).toMatchObject({ clientId: CONNECTOR_APP.clientId, outcome: 'issued' });
  expect(popups()).toBe(0);
  await context.close();
});

test('a redirect URI that is not registered fails visibly: Entra shows AADSTS50011 and never redirects, the page names the URI to register, no token', async () => {
  const registered = bw.harness.redirectUris.signInPage;
  bw.world.identity.unregisterRedirectUri(registered, { clientId: CONNECTOR_APP.clientId });
  try {
    const { context, page } = await bw.openForm('opportunity', OPPORTUNITY, 'rep');
    const before = bw.world.identity.tokenLog().length;
    const dialog = await openDialog(page);
    await pickTemplate(dialog);
    // msal waits for the bridge page as long as its iframe time-out (10 s), then gives up.
    await dialog.getByText(`Sign-in did not come back to ${registered}`, { exact: false }).waitFor({ timeout: 60_000 });
    await dialog
      .getByText(/AADSTS50011/)
      .first()
      .waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'sign-in-redirect-uri-not-registered.png') });
    expect(pageCalls(before)).toEqual([]);
    await context.close();
  } finally {
    bw.world.identity.registerRedirectUri(registered, { clientId: CONNECTOR_APP.clientId, type: 'spa' });
  }
});

test("the emulator's log: every token a page asked for came from a code redeemed with PKCE or its refresh token, never a password", () => {
  const fromPages = bw.world.identity.tokenLog().filter((e) => e.origin !== undefined);
  expect(fromPages.length).toBeGreaterThan(0);
  expect(new Set(fromPages.map((e) => e.grantType))).toEqual(new Set(['authorization_code', 'refresh_token']));
  for (const e of fromPages.filter((x) => x.grantType === 'authorization_code' && x.outcome === 'issued')) expect(e.pkce).toBe(true);
});

test('the bridge page is served without a Cross-Origin-Opener-Policy header (it would cut the popup off from its opener)', async () => {
  const res = await fetch(bw.harness.redirectUris.signInPage);
  expect(res.status).toBe(200);
  expect(res.headers.get('cross-origin-opener-policy')).toBeNull();
  expect(await res.text()).toContain('../js/signin.js');
});
