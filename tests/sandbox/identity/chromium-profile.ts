/**
 * Headless Chromium with a person's ordinary profile. This Chromium blocks third-party cookies by
 * default, in `browser.newContext()` (off the record, as Chrome's Incognito) and in a fresh
 * profile alike; then Entra's session cookie never reaches a hidden iframe under another site and
 * ssoSilent gets login_required (as in Safari, or Chrome Incognito). Chrome's and Edge's default
 * profiles allow them; this profile does the same (Preferences `profile.cookie_controls_mode: 0`,
 * "Allow third-party cookies").
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'];

export interface ProfileBrowser {
  context: BrowserContext;
  close(): Promise<void>;
}

export async function launchWithProfile(opts: { thirdPartyCookies: 'allowed' | 'blocked' }): Promise<ProfileBrowser> {
  const dir = mkdtempSync(join(tmpdir(), 'chromium-profile-'));
  if (opts.thirdPartyCookies === 'allowed') {
    mkdirSync(join(dir, 'Default'), { recursive: true });
    writeFileSync(join(dir, 'Default', 'Preferences'), JSON.stringify({ profile: { cookie_controls_mode: 0 } }));
  }
  // 'blocked': a fresh profile as this Chromium makes it (it blocks them).
  const context = await chromium.launchPersistentContext(dir, { executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  return {
    context,
    async close() {
      await context.close().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
