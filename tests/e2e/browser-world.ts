/**
 * One world for the browser tests: the sandbox (as `npm start` runs it, minus the lifecycle driver:
 * the tests move contracts with the CLM sandbox's controls), the form harness over the built
 * solution, and Debian's Chromium driven by playwright-core. Every context signs in as a person
 * does: on the identity emulator's sign-in page (https://localhost, another site than the harness),
 * then the pages get their own tokens through msal-browser.
 */
import { CONTRACT_STATUS_VALUE } from '../../api/vocabulary/contract-status';
import { contractStatus } from '../../solution/model';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type FrameLocator, type Page } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import { build } from '../../scripts/build';
import { isBuildFresh, ROOT } from '../../sandbox/harness/built-solution';
import { startHarness, type Harness, type HarnessFormEntity } from '../../sandbox/harness';
import { connectHarnessToWorld } from '../../sandbox/harness/connect-to-world';
import { startWorld, type World } from '../../sandbox/world';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'];
export const SCREENSHOTS = join(ROOT, 'docs', 'screenshots');

/** A contract status as the demo rep (French, 1036) sees it: Dataverse formats the choice with the solution's 1036 label. */
export const repStatus = (status: keyof typeof CONTRACT_STATUS_VALUE): string =>
  contractStatus.options.find((o) => o.value === CONTRACT_STATUS_VALUE[status])!.label[1036];
/** Every demo user's password (sandbox/seed/identities.ts). */
const PASSWORD = 'sandbox';
/**
 * A person's browser: an ordinary window of its own profile, not Playwright's default incognito-like
 * context, where Chromium blocks third-party cookies by default (so Entra's session cookie would
 * never reach msal's hidden iframe, as in an InPrivate window). Third-party cookies as a new
 * Chromium profile has them (allowed: cookie_controls_mode 0). The identity emulator's certificate
 * is the sandbox's own (sandbox/tls), accepted as a developer accepts a local CA. Closing the
 * context closes its browser.
 */
export async function personBrowser(viewport: { width: number; height: number }): Promise<BrowserContext> {
  const profile = mkdtempSync(join(tmpdir(), 'browser-profile-'));
  mkdirSync(join(profile, 'Default'));
  // cookie_controls_mode 0: third-party cookies allowed, as in a new profile's ordinary window.
  writeFileSync(join(profile, 'Default', 'Preferences'), JSON.stringify({ profile: { cookie_controls_mode: 0, block_third_party_cookies: false } }));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
    viewport,
    locale: 'en-US',
    ignoreHTTPSErrors: true,
  });
  context.on('close', () => {
    try {
      rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
    } catch {
      // Chromium may still be writing its profile as it exits: the temporary directory is left behind.
    }
  });
  return context;
}

/** The first tab of a person's browser. */
export async function firstPage(context: BrowserContext): Promise<Page> {
  return context.pages()[0] ?? (await context.newPage());
}

/** Fills the identity emulator's sign-in page (the login is the hint Dynamics sent) and signs in. */
export async function signInOnEntraPage(page: Page, user: string): Promise<void> {
  const login = page.getByLabel('Email, phone, or Skype');
  await login.waitFor();
  if (!(await login.inputValue())) await login.fill(`${user}@contoso.example`);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
}
/** The frame the harness opens a site map web resource page in (the admin page: its Settings area). */
export const PAGE_FRAME = '#webresource-frame';
const ADMIN_PAGE = 'dtclm_/html/admin.html';

export interface BrowserWorld {
  world: World;
  harness: Harness;
  /** A fresh browser context signed in as `user` on a record's form. */
  openForm(entity: HarnessFormEntity, id: string, user: string, opts?: { width?: number; query?: string }): Promise<{ context: BrowserContext; page: Page }>;
  /**
   * A fresh browser context signed in as `user` on the admin page, opened from the app's Settings
   * area; `frame` is the page (wait for what you need in it: it loads its data after opening).
   */
  openAdmin(
    user: string,
    /** `query`: the page's `data` parameter (as Dynamics passes it to a web resource page), e.g. `template=NDA` opens that template's mapping. */
    opts?: { width?: number; query?: string },
  ): Promise<{ context: BrowserContext; page: Page; frame: FrameLocator }>;
  close(): Promise<void>;
}

export async function startBrowserWorld(): Promise<BrowserWorld> {
  if (!isBuildFresh()) await build();
  const world = await startWorld({ registerWebhook: true, autoLifecycle: false, logRequest: () => undefined, functionsLogHandler: () => undefined });
  const harness = await startHarness({ dataverseUrl: world.dataverse.url, authority: world.identity.authority });
  connectHarnessToWorld(world, harness);
  mkdirSync(SCREENSHOTS, { recursive: true });
  const open = new Set<BrowserContext>();
  const browserFor = async (viewport: { width: number; height: number }) => {
    const context = await personBrowser(viewport);
    open.add(context);
    context.on('close', () => open.delete(context));
    return context;
  };
  return {
    world,
    harness,
    async openForm(entity, id, user, opts = {}) {
      const context = await browserFor({ width: opts.width ?? 1280, height: 860 });
      const page = await firstPage(context);
      await page.goto(`${harness.formUrl(entity, id, user)}${opts.query ? `&${opts.query}` : ''}`);
      await signInOnEntraPage(page, user);
      await page.locator('#commandbar[data-ready="true"]').waitFor({ state: 'attached' });
      return { context, page };
    },
    async openAdmin(user, opts = {}) {
      const context = await browserFor({ width: opts.width ?? 1280, height: 900 });
      const page = await firstPage(context);
      await page.goto(`${harness.pageUrl(ADMIN_PAGE, user)}${opts.query ? `&data=${encodeURIComponent(opts.query)}` : ''}`);
      await signInOnEntraPage(page, user);
      await page.locator(PAGE_FRAME).waitFor();
      return { context, page, frame: page.frameLocator(PAGE_FRAME) };
    },
    async close() {
      await Promise.all([...open].map((c) => c.close().catch(() => undefined)));
      await harness.close();
      await world.close();
    },
  };
}

/** axe-core's serious and critical violations of what a frame shows, as "rule: target" lines (empty = none). */
export async function seriousViolations(page: Page, frameSelector: string): Promise<string[]> {
  const results = await new AxeBuilder({ page }).include(frameSelector).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
}

interface ClmContract {
  id: string;
  name: string;
  status: string;
  requestKey?: string;
  signatories?: Array<{ firstName: string; lastName: string; email: string; order?: number }>;
}

export async function clmContracts(world: World): Promise<ClmContract[]> {
  const res = await fetch(`${world.clm!.apiBase}/_sandbox/contracts`);
  return (await res.json()) as ClmContract[];
}

export async function moveClmContract(world: World, id: string, to: string): Promise<void> {
  const res = await fetch(`${world.clm!.apiBase}/_sandbox/contracts/${encodeURIComponent(id)}/transition`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ to }),
  });
  if (!res.ok) throw new Error(`CLM transition to ${to}: ${res.status} ${await res.text()}`);
}
