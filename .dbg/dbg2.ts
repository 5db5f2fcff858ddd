import { chromium } from '/work/wt/signin/node_modules/playwright-core';
import { startBrowserWorld, CHROMIUM, CHROMIUM_ARGS, contextOptions, signInOnEntraPage } from '/work/wt/signin/tests/e2e/browser-world';
import { SEED_IDS } from '/work/wt/signin/sandbox/dataverse/seed/ids';
(async () => {
  const bw = await startBrowserWorld();
  try {
    for (const extra of [[]]) {
      const dir = require('fs').mkdtempSync('/tmp/pw-');
      require('fs').mkdirSync(dir + '/Default');
      require('fs').writeFileSync(dir + '/Default/Preferences', JSON.stringify({ profile: { cookie_controls_mode: 0, block_third_party_cookies: false, default_content_setting_values: { cookies: 1 } }, tracking_protection: { tracking_protection_3pcd_enabled: false } }));
      const context = await chromium.launchPersistentContext(dir, { executablePath: CHROMIUM, args: [...CHROMIUM_ARGS, ...extra], ...contextOptions({ width: 1200, height: 800 }) });
      const browser = context;
      const page = context.pages()[0] ?? (await context.newPage());
      context.on('request', async (r) => { if (r.url().includes('authorize')) console.log('authorize main?', r.frame() === page.mainFrame(), 'cookie:', JSON.stringify((await r.allHeaders())['cookie'] ?? null)); });
      context.on('response', (r) => { if (r.url().includes('authorize')) console.log('  ->', r.status(), (r.headers()['location'] ?? '').slice(0, 160)); });
      await page.goto(bw.harness.formUrl('opportunity', SEED_IDS.opportunity, 'rep'));
      await signInOnEntraPage(page, 'rep');
      await page.locator('#commandbar[data-ready="true"]').waitFor({ state: 'attached' });
      console.log(extra.join(' '), 'cookies', JSON.stringify((await context.cookies()).map((c) => [c.name, c.domain, c.sameSite, c.secure, c.partitionKey])));
      await page.getByRole('button', { name: 'Request Contract' }).click();
      const dialog = page.frameLocator('iframe[title="Request Contract"]');
      await dialog.getByRole('radio', { name: 'NDA' }).check();
      await page.waitForTimeout(8000);
      console.log('popups', context.pages().length);
      await browser.close();
    }
  } finally {
    await bw.close();
  }
})();
