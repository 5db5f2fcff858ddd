/**
 * Issue 24, finding 5 (connector-api.md, the link rule) in headless Chromium: "Open in DiliTrust
 * CLM" is a link only when the contract's `clmUrl` is https (http on a loopback host) on the
 * origin of `dtclm_clm_url`. A `data:`, `vbscript:`, `javascript:` or foreign-origin `clmUrl`
 * (CLM data a person must not be led astray by) is shown as text: no anchor, nothing to click.
 * Contracts are requested as the rep through the connector; their rows' `dtclm_clmurl` are then
 * set as the CLM data could have made them.
 */
import { randomUUID } from 'node:crypto';
import type { FrameLocator } from 'playwright-core';
import { SEED_IDS } from '../../sandbox/dataverse/seed/ids';
import { callApi, userToken } from '../integration/contracts/helpers';
import { startBrowserWorld, type BrowserWorld } from './browser-world';

jest.setTimeout(180_000);

let bw: BrowserWorld;
beforeAll(async () => {
  bw = await startBrowserWorld();
}, 600_000);
afterAll(async () => {
  await bw?.close();
});

const PANE = 'iframe[title="Contract Status"]';

/** A contract requested as rep on the seed opportunity, its row's clmUrl then set to `clmUrl` (undefined: left as the connector wrote it). */
async function contractWithClmUrl(name: string, clmUrl?: string): Promise<string> {
  const world = bw.world;
  const res = await callApi(world, 'POST', 'contracts', {
    token: await userToken(world, 'rep'),
    body: { entity: 'opportunity', recordId: SEED_IDS.opportunity, templateId: world.demoTemplates!.nda, requestKey: randomUUID(), name },
  });
  expect(res.status).toBe(201);
  if (clmUrl !== undefined) {
    const patch = await fetch(`${world.dataverse.apiUrl}/dtclm_contracts(${res.body.contractId})`, {
      method: 'PATCH',
      headers: { Authorization: `Bearer ${await world.admin.token()}`, 'Content-Type': 'application/json', 'If-Match': '*' },
      body: JSON.stringify({ dtclm_clmurl: clmUrl }),
    });
    expect(patch.status).toBe(204);
  }
  return res.body.clmUrl as string;
}

async function openPanel(): Promise<FrameLocator> {
  const { page } = await bw.openForm('opportunity', SEED_IDS.opportunity, 'rep');
  await page.getByRole('button', { name: 'Contract Status' }).click();
  const pane = page.frameLocator(PANE);
  await pane.getByRole('heading', { name: 'Contracts' }).waitFor();
  return pane;
}

test('a data:, vbscript:, javascript: or foreign clmUrl is shown as text; the CLM own one is a link', async () => {
  const genuine = await contractWithClmUrl('Link genuine');
  const hostile = {
    'Link data': 'data:text/html,<script>alert(1)</script>',
    'Link vbscript': 'vbscript:msgbox(1)',
    'Link javascript': 'javascript:alert(document.domain)',
    'Link foreign': 'https://dilitrust-clm.evil.example/contracts/1',
    'Link plain http': `http://clm.contoso.example/contracts/1`,
  };
  for (const [name, url] of Object.entries(hostile)) await contractWithClmUrl(name, url);

  const pane = await openPanel();
  const card = (name: string) => pane.getByRole('article', { name });
  // The genuine link: an anchor to the CLM's own page.
  const open = card('Link genuine').getByRole('link', { name: 'Open in DiliTrust CLM' });
  await open.waitFor();
  expect(await open.getAttribute('href')).toBe(new URL(genuine).href);
  for (const [name, url] of Object.entries(hostile)) {
    await card(name).getByText('Open in DiliTrust CLM').waitFor();
    expect([name, await card(name).locator('a').count()]).toEqual([name, 0]);
    await card(name).getByText('not a DiliTrust CLM address').waitFor();
    expect([name, await card(name).locator('a').count()]).toEqual([name, 0]);
    expect(await card(name).textContent()).toContain(url);
  }
});
