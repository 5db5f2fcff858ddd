/**
 * The salesperson's side in headless Chromium, against the sandbox world and the form harness
 * running the built web resources and ribbon (issue 12's browser tests). One world for the file;
 * the tests run in order and later ones use contracts earlier ones made.
 */
import { join } from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { SEED_IDS } from '../../sandbox/dataverse/seed/ids';
import { clmContracts, moveClmContract, repStatus, SCREENSHOTS, seriousViolations, startBrowserWorld, type BrowserWorld } from './browser-world';
import { DIALOG, PANE, commandLabels, openDialog, openPanel } from './form-pages';

jest.setTimeout(180_000);

let bw: BrowserWorld;
const OPPORTUNITY = SEED_IDS.opportunity;
const QUOTE = SEED_IDS.quote;

beforeAll(async () => {
  bw = await startBrowserWorld();
}, 600_000);

afterAll(async () => {
  await bw?.close();
});

async function chooseTemplate(dialog: FrameLocator, name: string, contractName: string): Promise<void> {
  await dialog.getByRole('radio', { name }).check();
  const nameInput = dialog.getByRole('textbox', { name: /Contract name/ });
  await nameInput.waitFor();
  await nameInput.fill(contractName);
}

async function contractsNamed(name: string) {
  return (await clmContracts(bw.world)).filter((c) => c.name === name);
}

function contractCard(pane: FrameLocator, name: string) {
  return pane.getByRole('article', { name });
}

test('the command bar is the solution ribbon: buttons by role, none for a user without a connector role', async () => {
  const rep = await bw.openForm('opportunity', OPPORTUNITY, 'rep');
  expect(await commandLabels(rep.page)).toEqual(['Request Contract', 'Contract Status']);
  await rep.page.locator('#commandbar').screenshot({ path: join(SCREENSHOTS, 'command-bar.png') });
  await rep.context.close();

  const reader = await bw.openForm('opportunity', OPPORTUNITY, 'reader');
  expect(await commandLabels(reader.page)).toEqual(['Contract Status']);
  await reader.context.close();

  const norole = await bw.openForm('opportunity', OPPORTUNITY, 'norole');
  expect(await commandLabels(norole.page)).toEqual([]);
  await norole.context.close();
});

test('the rep requests a contract from the opportunity: preview, a double click makes one contract, success with the CLM link', async () => {
  const { page, context } = await bw.openForm('opportunity', OPPORTUNITY, 'rep');
  const dialog = await openDialog(page);
  expect(await seriousViolations(page, DIALOG)).toEqual([]);
  await chooseTemplate(dialog, 'NDA', 'NDA e2e double click');
  await dialog.getByText('Counterparty name').waitFor();
  expect(await seriousViolations(page, DIALOG)).toEqual([]);
  await page.screenshot({ path: join(SCREENSHOTS, 'dialog-preview.png') });

  await dialog.getByRole('button', { name: 'Request contract' }).dblclick();
  await dialog.getByText('Contract requested').waitFor({ timeout: 60_000 });
  expect(await seriousViolations(page, DIALOG)).toEqual([]);
  await page.screenshot({ path: join(SCREENSHOTS, 'dialog-success.png') });
  const link = dialog.getByRole('link', { name: 'Open it in DiliTrust CLM' });
  expect(await link.getAttribute('href')).toMatch(/^http/);
  expect(await contractsNamed('NDA e2e double click')).toHaveLength(1);
  await context.close();
});

test('the status panel follows the contract to Signed and opens the signed PDF', async () => {
  const { page, context } = await bw.openForm('opportunity', OPPORTUNITY, 'rep');
  const pane = await openPanel(page);
  const card = contractCard(pane, 'NDA e2e double click');
  // The rep's Dynamics language is French: Dataverse formats the status choice in French (the solution's 1036 labels).
  await card.getByText(repStatus('draft')).first().waitFor();
  expect(await seriousViolations(page, PANE)).toEqual([]);
  const [clm] = await contractsNamed('NDA e2e double click');

  await moveClmContract(bw.world, clm.id, 'in_validation');
  await card.getByLabel(`Status: ${repStatus('in_validation')}`).waitFor({ timeout: 30_000 });
  expect(await seriousViolations(page, PANE)).toEqual([]);
  await page.screenshot({ path: join(SCREENSHOTS, 'status-panel-in-validation.png') });

  await moveClmContract(bw.world, clm.id, 'signed');
  await card.getByLabel(`Status: ${repStatus('signed')}`).waitFor({ timeout: 30_000 });
  const pdf = card.getByRole('link', { name: /Signed document/ });
  await pdf.waitFor({ timeout: 30_000 });
  expect(await seriousViolations(page, PANE)).toEqual([]);
  await page.screenshot({ path: join(SCREENSHOTS, 'status-panel-signed.png') });

  // The link opens the file column's bytes as the signed-in user.
  const [popup] = await Promise.all([context.waitForEvent('page'), pdf.click()]);
  const bytes = await popup.request.get(await pdf.getAttribute('href').then((h) => new URL(h!, page.url()).toString()));
  expect(bytes.status()).toBe(200);
  expect((await bytes.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  await context.close();
});

test('the rep requests a contract from the quote', async () => {
  const { page, context } = await bw.openForm('quote', QUOTE, 'rep');
  const dialog = await openDialog(page);
  await chooseTemplate(dialog, 'Quote Acceptance', 'Quote acceptance e2e');
  await dialog.getByRole('button', { name: 'Request contract' }).click();
  await dialog.getByText('Contract requested').waitFor({ timeout: 60_000 });
  expect(await contractsNamed('Quote acceptance e2e')).toHaveLength(1);
  await context.close();
});

test('the whole request with the keyboard alone', async () => {
  const { page, context } = await bw.openForm('opportunity', OPPORTUNITY, 'rep');
  const focused = (p: Page | ReturnType<Page['frames']>[number]) =>
    p.evaluate(() => (document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent ?? '').trim());
  for (let i = 0; i < 20 && (await focused(page)) !== 'Request Contract'; i++) await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  const dialog = page.frameLocator(DIALOG);
  await dialog.getByRole('radio').first().waitFor();
  const frame = page.frame({ url: /requestcontract\.html/ })!;
  // Into the dialog's page, to the templates: Space picks the focused one (Master Services Agreement).
  for (let i = 0; i < 10 && !(await frame.evaluate(() => document.activeElement?.getAttribute('type') === 'radio')); i++) await page.keyboard.press('Tab');
  await page.keyboard.press('Space');
  await dialog.getByRole('textbox', { name: /Contract name/ }).waitFor();
  for (let i = 0; i < 10 && !(await frame.evaluate(() => document.activeElement?.getAttribute('type') === 'text')); i++) await page.keyboard.press('Tab');
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('MSA e2e keyboard');
  for (let i = 0; i < 20 && (await focused(frame)) !== 'Request contract'; i++) await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await dialog.getByText('Contract requested').waitFor({ timeout: 60_000 });
  expect(await contractsNamed('MSA e2e keyboard')).toHaveLength(1);
  await context.close();
});

test('the signer sends for signature a contract the rep requested', async () => {
  const { page, context } = await bw.openForm('opportunity', OPPORTUNITY, 'signer');
  expect(await commandLabels(page)).toEqual(['Request Contract', 'Contract Status', 'Send to Sign']);
  const pane = await openPanel(page);
  const card = contractCard(pane, 'MSA e2e keyboard');
  await card.getByRole('button', { name: 'Send to sign' }).click();
  // Who will sign is shown first (GET .../signatories), editable; what the dialog shows is what is sent.
  const dialog = pane.getByRole('dialog');
  const list = dialog.getByRole('list', { name: 'Signatories, in signing order' });
  await list.waitFor({ timeout: 30_000 });
  const shown = await list.getByRole('textbox', { name: /^E-mail/ }).evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
  await dialog.getByRole('button', { name: 'Add signatory' }).click();
  await list
    .getByRole('textbox', { name: /^First name/ })
    .last()
    .fill('Grace');
  await list
    .getByRole('textbox', { name: /^Last name/ })
    .last()
    .fill('Hopper');
  await list
    .getByRole('textbox', { name: /^E-mail/ })
    .last()
    .fill('grace.hopper@contoso.example');
  expect(await seriousViolations(page, PANE)).toEqual([]);
  await page.screenshot({ path: join(SCREENSHOTS, 'status-panel-send-to-sign.png') });
  await dialog.getByRole('button', { name: 'Send to sign' }).click();
  await card.getByLabel('Status: Sent for signature').waitFor({ timeout: 30_000 });
  const [clm] = await contractsNamed('MSA e2e keyboard');
  expect(clm.status).toBe('sent_for_signature');
  expect(clm.signatories?.map((x) => x.email)).toEqual([...shown, 'grace.hopper@contoso.example']);
  await context.close();
});

test('the reader sees the panel but no request button and no actions', async () => {
  const { page, context } = await bw.openForm('opportunity', OPPORTUNITY, 'reader');
  expect(await commandLabels(page)).not.toContain('Request Contract');
  const pane = await openPanel(page);
  await contractCard(pane, 'MSA e2e keyboard').waitFor();
  expect(await pane.getByRole('button', { name: /Launch validation|Send to sign/ }).count()).toBe(0);
  expect(await seriousViolations(page, PANE)).toEqual([]);

  // The side pane's minimum width: nothing overflows sideways.
  await page.locator('.sidepane').evaluate((e) => ((e as HTMLElement).style.width = '300px'));
  await page.locator('.sidepane').evaluate((e) => ((e as HTMLElement).style.minWidth = '300px'));
  const frame = page.frame({ url: /contractstatus\.html/ })!;
  await page.waitForTimeout(200);
  expect(await frame.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
  await context.close();
});

test('Refresh re-reads an open contract from the CLM: a change whose webhook was lost shows at once', async () => {
  const clmBase = bw.world.clm!.apiBase;
  const [clm] = await contractsNamed('MSA e2e keyboard');
  const { page, context } = await bw.openForm('opportunity', OPPORTUNITY, 'reader');
  const pane = await openPanel(page);
  const card = contractCard(pane, 'MSA e2e keyboard');
  await card.getByLabel('Status: Sent for signature').waitFor();
  // The CLM loses the next webhook (mode drop without match: that one event, then normal again).
  await fetch(`${clmBase}/_sandbox/delivery`, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ mode: 'drop' }) });
  await moveClmContract(bw.world, clm.id, 'signed');
  type Delivery = { contractId: string; status: string; state: string };
  let lost: Delivery | undefined;
  while (!lost) {
    const deliveries = (await (await fetch(`${clmBase}/_sandbox/deliveries`)).json()) as Delivery[];
    lost = deliveries.find((d) => d.contractId === clm.id && d.status === 'signed');
    if (!lost) await page.waitForTimeout(100);
  }
  expect(lost.state).toBe('dropped');
  await pane.getByRole('button', { name: 'Refresh the contracts' }).click();
  await card.getByLabel('Status: Signed').waitFor({ timeout: 30_000 });
  await context.close();
});

test('high contrast from the user settings: the panel takes the high-contrast theme and stays accessible', async () => {
  const { page, context } = await bw.openForm('opportunity', OPPORTUNITY, 'rep', { query: 'hc=1' });
  const pane = await openPanel(page);
  await contractCard(pane, 'MSA e2e keyboard').waitFor();
  const frame = page.frame({ url: /contractstatus\.html/ })!;
  // Fluent's high-contrast theme paints the page black.
  expect(
    await frame.evaluate(() => getComputedStyle(document.querySelector('.fui-FluentProvider')!).getPropertyValue('--colorNeutralBackground1').trim()),
  ).toBe('#000000');
  expect(await seriousViolations(page, PANE)).toEqual([]);
  await context.close();
});

test('a retry after a dropped connection makes one contract, automatically and with the Retry button', async () => {
  const { page, context } = await bw.openForm('opportunity', OPPORTUNITY, 'rep');
  // The connector makes the contract, then the connection drops before the answer reaches the page.
  let dropped = 0;
  await page.route(`${bw.world.functions.url}/contracts`, async (route) => {
    if (route.request().method() !== 'POST' || dropped >= 3) return route.continue();
    dropped++;
    await route.fetch();
    await route.abort('connectionreset');
  });
  const dialog = await openDialog(page);
  await chooseTemplate(dialog, 'NDA', 'NDA e2e dropped');
  await dialog.getByRole('button', { name: 'Request contract' }).click();
  // Three attempts all dropped: the page says so and offers Retry, with the same key.
  await dialog.getByRole('button', { name: 'Retry' }).waitFor({ timeout: 60_000 });
  expect(await seriousViolations(page, DIALOG)).toEqual([]);
  expect(dropped).toBe(3);
  await dialog.getByRole('button', { name: 'Retry' }).click();
  await dialog.getByText('Contract requested').waitFor({ timeout: 60_000 });
  expect(await contractsNamed('NDA e2e dropped')).toHaveLength(1);
  await context.close();
});

test('a required field the record leaves empty is shown as an error before anything is sent', async () => {
  const { page, context } = await bw.openForm('opportunity', OPPORTUNITY, 'rep');
  // The preview as connector-api.md shapes it, for a record whose account has no name.
  await page.route(`${bw.world.functions.url}/contracts/preview`, (route) =>
    route.fulfill({
      status: 200,
      contentType: 'application/json',
      body: JSON.stringify({
        name: 'NDA - ',
        fields: [
          {
            key: 'dt0_counterparty_name',
            label: 'Counterparty name',
            type: 'text',
            required: true,
            value: null,
            display: '',
            source: 'parentaccountid.name',
          },
          { key: 'dt0_nda_type', label: 'NDA type', type: 'choice', required: true, value: 'mutual', display: 'Mutual', source: null },
        ],
        signatories: [{ firstName: 'Ada', lastName: 'Lovelace', email: 'ada@contoso.example', order: 1 }],
        errors: [{ field: 'dt0_counterparty_name', message: 'Counterparty name is required: fill Account name on the opportunity.' }],
      }),
    }),
  );
  let posted = 0;
  page.on('request', (r) => {
    if (r.method() === 'POST' && r.url() === `${bw.world.functions.url}/contracts`) posted++;
  });
  const dialog = await openDialog(page);
  await dialog.getByRole('radio', { name: 'NDA' }).check();
  await dialog.getByText('Counterparty name is required: fill Account name on the opportunity.').waitFor();
  await dialog.getByRole('button', { name: 'Open the opportunity' }).waitFor();
  expect(await dialog.getByRole('button', { name: 'Request contract' }).isDisabled()).toBe(true);
  expect(await seriousViolations(page, DIALOG)).toEqual([]);
  expect(posted).toBe(0);
  await context.close();
});

test("the contact form's Sync to CLM puts the contact in the CLM's address book and says so; a role without the right is told why", async () => {
  const norole = await bw.openForm('contact', SEED_IDS.contact, 'norole');
  expect(await commandLabels(norole.page)).toEqual([]);
  await norole.context.close();

  const reader = await bw.openForm('contact', SEED_IDS.contact, 'reader');
  await reader.page.getByRole('button', { name: 'Sync to CLM' }).click();
  const refused = reader.page.locator('#notifications').getByRole('alert');
  await refused.waitFor({ timeout: 30_000 });
  expect(await refused.textContent()).toMatch(/^Sync to CLM failed: .+/);
  expect(await clmContactsLinkedTo(SEED_IDS.contact)).toEqual([]);
  await reader.context.close();

  const { page, context } = await bw.openForm('contact', SEED_IDS.contact, 'rep');
  expect(await commandLabels(page)).toEqual(['Sync to CLM']);
  await page.getByRole('button', { name: 'Sync to CLM' }).click();
  await page.locator('#notifications').getByText('This contact is in step with the CLM.').waitFor({ timeout: 30_000 });
  await page.screenshot({ path: join(SCREENSHOTS, 'contact-sync.png') });
  // The effect where it happens: the CLM's address book now has the contact, linked to its Dynamics id.
  const linked = await clmContactsLinkedTo(SEED_IDS.contact);
  expect(linked).toHaveLength(1);
  expect(linked[0]).toMatchObject({ externalId: SEED_IDS.contact, active: true });
  await context.close();
});

async function clmContactsLinkedTo(contactId: string): Promise<Array<Record<string, unknown>>> {
  const clm = bw.world.clm!;
  const tokens = await clm.issueTokens();
  const res = await fetch(`${clm.apiBase}/contacts?externalId=${encodeURIComponent(contactId)}`, {
    headers: { Authorization: `Bearer ${tokens.access_token}` },
  });
  return ((await res.json()) as { data: Array<Record<string, unknown>> }).data;
}

test('a side pane hidden behind another checks every 30 s, not every 5 s, and checks at once when shown again', async () => {
  const { page, context } = await bw.openForm('opportunity', OPPORTUNITY, 'rep');
  const pane = await openPanel(page);
  await contractCard(pane, 'MSA e2e keyboard').waitFor();
  const log = bw.world.dataverse.url + '/_sandbox/requests';
  const checks = async () =>
    ((await (await fetch(log)).json()) as Array<{ url: string; callerObjectId: string | null }>).filter(
      (r) => r.callerObjectId === null && decodeURIComponent(r.url).includes('$select=versionnumber,dtclm_status'),
    ).length;
  // Another pane selected: Dynamics keeps an alwaysRender pane's page alive but not on screen; the tab stays visible.
  await page.locator('.sidepane').evaluate((e) => ((e as HTMLElement).hidden = true));
  await page.waitForTimeout(500);
  await fetch(log, { method: 'DELETE' });
  await page.waitForTimeout(12_000);
  expect(await checks()).toBe(0);
  await page.locator('.sidepane').evaluate((e) => ((e as HTMLElement).hidden = false));
  // Well before the 30 s step (and before a 5 s one would be due again): the check made on showing.
  for (let i = 0; i < 30 && (await checks()) === 0; i++) await page.waitForTimeout(100);
  expect(await checks()).toBe(1);
  await context.close();
});
