/**
 * Issue 25's bars, in headless Chromium against the sandbox world and the form harness: what the
 * rep chose is what gets signed, team roles show their buttons, every template is listed, errors in
 * a person's words, the command bar follows the contract, the dialog's keyboard. One world for the
 * file; the tests run in order and later ones use contracts earlier ones made.
 */
import { join } from 'node:path';
import { SEED_IDS } from '../../sandbox/dataverse/seed/ids';
import { connectorAppToken, demoUserToken } from '../../sandbox/identity';
import { clmContracts, moveClmContract, PAGE_FRAME, repStatus, SCREENSHOTS, seriousViolations, startBrowserWorld, type BrowserWorld } from './browser-world';
import { DIALOG, PANE, commandLabels, openDialog, openPanel } from './form-pages';

jest.setTimeout(300_000);

let bw: BrowserWorld;
const OPPORTUNITY = SEED_IDS.opportunity;
const GRACE = { first: 'Grace', last: 'Hopper', email: 'grace.hopper@contoso.example' };

beforeAll(async () => {
  bw = await startBrowserWorld();
}, 600_000);

afterAll(async () => {
  await bw?.close();
});

async function contractsNamed(name: string) {
  return (await clmContracts(bw.world)).filter((c) => c.name === name);
}

async function dataverseLog(): Promise<Array<{ method: string; url: string }>> {
  return (await (await fetch(`${bw.world.dataverse.url}/_sandbox/requests`)).json()) as Array<{ method: string; url: string }>;
}

test('a user with the User role only through a team sees Request Contract and Contract Status, from one team read per session', async () => {
  const { page, context } = await bw.openForm('opportunity', OPPORTUNITY, 'teamrep');
  await page.locator('#commandbar').screenshot({ path: join(SCREENSHOTS, 'command-bar-team-role.png') });
  expect(await commandLabels(page)).toEqual(['Request Contract', 'Contract Status']);
  // The team read is kept for the session: the same form loaded again asks Dataverse no more.
  await fetch(`${bw.world.dataverse.url}/_sandbox/requests`, { method: 'DELETE' });
  const missing: string[] = [];
  page.on('response', (r) => {
    if (r.status() === 404) missing.push(r.url());
  });
  await page.reload();
  await page.locator('#commandbar[data-ready="true"]').waitFor({ state: 'attached' });
  expect(await commandLabels(page)).toEqual(['Request Contract', 'Contract Status']);
  expect((await dataverseLog()).filter((r) => decodeURIComponent(r.url).includes('/teams?'))).toEqual([]);
  // The harness as Dynamics: the table's name under the record's, every demo user in the switcher
  // (the disabled one too), and no page logging a 404 for the browser's favicon.
  expect(await page.locator('#record-kind').textContent()).toBe('Opportunity');
  expect(await page.locator('#user-switch option').allTextContents()).toContain('Dana Disabled (disabled, user disabled in Dynamics)');
  expect(missing).toEqual([]);
  await context.close();
});

test('the dialog takes focus on open, closes on Escape from inside, and returns focus to the button', async () => {
  const { page, context } = await bw.openForm('opportunity', OPPORTUNITY, 'rep');
  const label = () => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.tagName ?? '');
  for (let i = 0; i < 20 && (await label()) !== 'Request Contract'; i++) await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await page.frameLocator(DIALOG).getByRole('radio').first().waitFor();
  const frame = page.frame({ url: /requestcontract\.html/ })!;
  // Focus on the page's first control, not its body.
  await frame.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === 'Search the templates');
  await page.keyboard.press('Escape');
  await page.locator(DIALOG).waitFor({ state: 'detached' });
  await page.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === 'Request Contract');
  await context.close();
});

test('a contract name over 200 characters is said while typing, not cut; removing every signatory asks whether to use the template’s', async () => {
  const { page, context } = await bw.openForm('opportunity', OPPORTUNITY, 'rep');
  const dialog = await openDialog(page);
  await dialog.getByRole('radio', { name: 'NDA' }).check();
  const name = dialog.getByRole('textbox', { name: /Contract name/ });
  await name.waitFor();
  await name.fill('N'.repeat(300));
  expect((await name.inputValue()).length).toBe(300);
  await dialog.getByText('A contract name has at most 200 characters: remove 100.').waitFor();
  await dialog.getByText('300 of 200 characters').waitFor();
  expect(await dialog.getByRole('button', { name: 'Request contract' }).isDisabled()).toBe(true);
  expect(await seriousViolations(page, DIALOG)).toEqual([]);
  await page.screenshot({ path: join(SCREENSHOTS, 'dialog-name-too-long.png') });

  await name.fill('NDA e2e no signatory');
  const list = dialog.getByRole('list', { name: 'Signatories, in signing order' });
  while ((await list.getByRole('listitem').count()) > 0)
    await list
      .getByRole('button', { name: /^Remove / })
      .first()
      .click();
  await dialog.getByRole('button', { name: 'Request contract' }).click();
  await dialog.getByText('No signatory', { exact: true }).waitFor();
  expect(await seriousViolations(page, DIALOG)).toEqual([]);
  await page.screenshot({ path: join(SCREENSHOTS, 'dialog-no-signatory.png') });
  // Nothing is made until the rep answers.
  expect(await contractsNamed('NDA e2e no signatory')).toEqual([]);
  await dialog.getByRole('button', { name: "Use the template's signatories" }).click();
  expect(await list.getByRole('listitem').count()).toBeGreaterThan(0);
  await context.close();
});

test('a signatory the rep adds at request time is in the Send to Sign dialog and in the CLM contract that is sent', async () => {
  const rep = await bw.openForm('opportunity', OPPORTUNITY, 'rep');
  const dialog = await openDialog(rep.page);
  await dialog.getByRole('radio', { name: 'NDA' }).check();
  const nameInput = dialog.getByRole('textbox', { name: /Contract name/ });
  await nameInput.waitFor();
  await nameInput.fill('NDA e2e Grace');
  const requestList = dialog.getByRole('list', { name: 'Signatories, in signing order' });
  const fromTemplate = await requestList.getByRole('textbox', { name: /^E-mail/ }).evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
  await dialog.getByRole('button', { name: 'Add signatory' }).click();
  await requestList
    .getByRole('textbox', { name: /^First name/ })
    .last()
    .fill(GRACE.first);
  await requestList
    .getByRole('textbox', { name: /^Last name/ })
    .last()
    .fill(GRACE.last);
  await requestList
    .getByRole('textbox', { name: /^E-mail/ })
    .last()
    .fill(GRACE.email);
  await dialog.getByRole('button', { name: 'Request contract' }).click();
  await dialog.getByText('Contract requested').waitFor({ timeout: 60_000 });
  await rep.context.close();

  const { page, context } = await bw.openForm('opportunity', OPPORTUNITY, 'signer');
  const pane = await openPanel(page);
  const card = pane.getByRole('article', { name: 'NDA e2e Grace' });
  await card.getByRole('button', { name: 'Send to sign' }).click();
  const send = pane.getByRole('dialog');
  const list = send.getByRole('list', { name: 'Signatories, in signing order' });
  await list.waitFor({ timeout: 30_000 });
  const shown = await list.getByRole('textbox', { name: /^E-mail/ }).evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
  expect(shown).toEqual([...fromTemplate, GRACE.email]);
  // Where each name came from.
  await send.getByText('Added by hand when the contract was requested.').waitFor();
  expect(await send.getByText('Chosen at request time; the template takes this person from the record.').count()).toBe(fromTemplate.length);
  expect(await seriousViolations(page, PANE)).toEqual([]);
  await page.screenshot({ path: join(SCREENSHOTS, 'status-panel-send-to-sign-kept.png') });
  await send.getByRole('button', { name: 'Send to sign' }).click();
  await card.getByLabel('Status: Sent for signature').waitFor({ timeout: 30_000 });
  const [clm] = await contractsNamed('NDA e2e Grace');
  expect(clm.status).toBe('sent_for_signature');
  expect(clm.signatories?.map((s) => s.email)).toEqual([...fromTemplate, GRACE.email]);
  await context.close();
});

test('after Signed, Send to Sign is gone from the command bar without a reload, and the notice that it was sent is gone', async () => {
  // A draft the rep requested through the connector, for the signer to follow to Signed.
  const token = await demoUserToken(bw.world.identity.tokenEndpoint, 'rep');
  const made = await fetch(`${bw.world.functions.url}/contracts`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({
      entity: 'opportunity',
      recordId: OPPORTUNITY,
      templateId: bw.world.demoTemplates!.nda,
      requestKey: crypto.randomUUID(),
      name: 'NDA e2e followed to Signed',
    }),
  });
  expect(made.status).toBe(201);
  const { page, context } = await bw.openForm('opportunity', OPPORTUNITY, 'signer');
  expect(await commandLabels(page)).toContain('Send to Sign');
  const pane = await openPanel(page);
  const card = pane.getByRole('article', { name: 'NDA e2e followed to Signed' });
  await card.getByRole('button', { name: 'Send to sign' }).click();
  const send = pane.getByRole('dialog');
  await send.getByRole('list', { name: 'Signatories, in signing order' }).waitFor({ timeout: 30_000 });
  await send.getByRole('button', { name: 'Send to sign' }).click();
  await card.getByLabel('Status: Sent for signature').waitFor({ timeout: 30_000 });
  await pane.getByText('NDA e2e followed to Signed was sent for signature.').waitFor();

  const [clm] = await contractsNamed('NDA e2e followed to Signed');
  await moveClmContract(bw.world, clm.id, 'signed');
  await card.getByLabel('Status: Signed').waitFor({ timeout: 30_000 });
  await page.waitForFunction(
    () => ![...document.querySelectorAll('#commandbar button')].some((b) => b.getAttribute('aria-label') === 'Send to Sign'),
    undefined,
    {
      timeout: 30_000,
    },
  );
  expect(await pane.getByText('NDA e2e followed to Signed was sent for signature.').count()).toBe(0);
  await context.close();
});

test('the history of a signed contract has one row per status', async () => {
  const { page, context } = await bw.openForm('opportunity', OPPORTUNITY, 'rep');
  const pane = await openPanel(page);
  const card = pane.getByRole('article', { name: 'NDA e2e followed to Signed' });
  await card.getByLabel(`Status: ${repStatus('signed')}`).waitFor({ timeout: 30_000 });
  const history = card.getByRole('list', { name: 'History of NDA e2e followed to Signed' });
  await history.getByText(repStatus('signed')).waitFor({ timeout: 30_000 });
  const rows = (await history.getByRole('listitem').allTextContents()).map((t) => t.split(' — ')[0]);
  expect(rows).toEqual([repStatus('draft'), repStatus('sent_for_signature'), repStatus('signed')]);
  expect(await seriousViolations(page, PANE)).toEqual([]);
  await page.screenshot({ path: join(SCREENSHOTS, 'status-panel-signed-one-row-per-status.png') });

  // The signed PDF is named as the CLM names it and opens in the browser's viewer as application/pdf.
  const [clm] = await contractsNamed('NDA e2e followed to Signed');
  const named = (await (await fetch(`${bw.world.clm!.apiBase}/_sandbox/contracts`)).json()) as Array<{
    id: string;
    documents?: Array<{ kind: string; name: string }>;
  }>;
  const clmName = named.find((c) => c.id === clm.id)?.documents?.find((d) => d.kind === 'signed')?.name ?? '';
  expect(clmName).not.toBe('');
  const pdf = card.getByRole('link', { name: /Signed document/ });
  expect(await pdf.textContent()).toContain(clmName.replace(/\.pdf$/i, ''));
  expect(await pdf.textContent()).not.toMatch(/ctr_/);
  const [viewer] = await Promise.all([context.waitForEvent('page'), pdf.click()]);
  await viewer.waitForURL(/^blob:/);
  const shown = await viewer.evaluate(async () => {
    const res = await fetch(location.href);
    return { type: (await res.blob()).type, head: (await (await fetch(location.href)).text()).slice(0, 5) };
  });
  expect(shown).toEqual({ type: 'application/pdf', head: '%PDF-' });
  await context.close();
});

test('a user without the template read privilege sees a sentence naming the role, not a Dataverse message', async () => {
  // Signed in on a form first; then the dialog's page as Dynamics opens it (its data: the record).
  const { page, context } = await bw.openForm('opportunity', OPPORTUNITY, 'norole');
  const data = encodeURIComponent(JSON.stringify({ entityName: 'opportunity', recordId: OPPORTUNITY }));
  await page.goto(`${bw.harness.pageUrl('dtclm_/html/requestcontract.html', 'norole')}&data=${data}`);
  const frame = page.frameLocator(PAGE_FRAME);
  const alert = frame.getByRole('alert');
  await alert.waitFor({ timeout: 30_000 });
  const text = (await alert.textContent()) ?? '';
  expect(text).toMatch(/You may not read contract templates in Dynamics: you need the role Dilitrust CLM User/);
  expect(text).toMatch(/code for support: 0x80040220/);
  expect(text).not.toMatch(/SecLib|Principal user|prvRead/);
  expect(await seriousViolations(page, PAGE_FRAME)).toEqual([]);
  await page.screenshot({ path: join(SCREENSHOTS, 'dialog-no-template-privilege.png') });
  await context.close();
});

test('with 9,000 templates the admin list finds the last one by search and pages to the end', async () => {
  const gen = await fetch(`${bw.world.clm!.apiBase}/_sandbox/templates/generate`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ count: 9000 }),
  });
  expect(gen.status).toBe(201);
  const token = await demoUserToken(bw.world.identity.tokenEndpoint, 'admin');
  const started = await fetch(`${bw.world.functions.url}/admin/templates/sync`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ full: true }),
  });
  const { runId } = (await started.json()) as { runId: string };
  for (;;) {
    const run = (await (await fetch(`${bw.world.functions.url}/admin/runs/${runId}`, { headers: { Authorization: `Bearer ${token}` } })).json()) as {
      state: string;
    };
    if (run.state === 'failed') throw new Error('the template sync failed');
    if (run.state === 'succeeded') break;
    await new Promise((r) => setTimeout(r, 250));
  }
  // The last template by name, as Dataverse orders them.
  const { accessToken } = await connectorAppToken(bw.world.identity.tokenEndpoint, bw.world.dataverse.url);
  type Page = { value: Array<{ dtclm_name: string }>; '@odata.count'?: number; '@odata.nextLink'?: string };
  const ask = async (url: string): Promise<Page> =>
    (await (
      await fetch(url, { headers: { Authorization: `Bearer ${accessToken}`, Accept: 'application/json', Prefer: 'odata.maxpagesize=5000' } })
    ).json()) as Page;
  const base = `${bw.world.dataverse.apiUrl}dtclm_templates`;
  const last = (await ask(`${base}?$select=dtclm_name&$orderby=dtclm_name desc,dtclm_templateid desc&$top=1`)).value[0].dtclm_name;
  expect((await ask(`${base}?$select=dtclm_name&$count=true&$top=1`))['@odata.count']).toBe(5000); // Dataverse counts no further: the page must not stop there.
  let total = 0;
  for (let link: string | undefined = `${base}?$select=dtclm_name`; link;) {
    const answer = await ask(link);
    total += answer.value.length;
    link = answer['@odata.nextLink'];
  }
  expect(total).toBeGreaterThan(9000);

  const { page, frame, context } = await bw.openAdmin('admin');
  await frame.getByRole('tab', { name: 'Templates' }).click();
  const status = frame.getByRole('status').filter({ hasText: /^Templates \d|^No template/ });
  await status.getByText(/^Templates 1–50 of more than 5,000\.$/).waitFor({ timeout: 30_000 });

  await frame.getByRole('searchbox', { name: 'Search the templates' }).fill(last);
  await frame.getByRole('table', { name: 'Templates' }).getByRole('cell', { name: last, exact: true }).waitFor({ timeout: 30_000 });
  expect(await seriousViolations(page, PAGE_FRAME)).toEqual([]);

  await frame.getByRole('searchbox', { name: 'Search the templates' }).fill('');
  await status.getByText(/^Templates 1–50 of/).waitFor({ timeout: 30_000 });
  const next = frame.getByRole('button', { name: 'Next page' });
  let pages = 1;
  // The status says the page shown (it changes once a page has loaded), so Next's state is then final.
  while (await next.isEnabled()) {
    const before = await status.textContent();
    await next.click();
    await status.filter({ hasNotText: before ?? '' }).waitFor({ timeout: 30_000 });
    pages++;
  }
  const names = await frame.getByRole('table', { name: 'Templates' }).getByRole('row').allTextContents();
  expect(names.at(-1)).toContain(last);
  expect(pages).toBe(Math.ceil(total / 50));
  const firstOfLast = (pages - 1) * 50 + 1;
  expect(await status.textContent()).toBe(`Templates ${firstOfLast.toLocaleString('en-US')}–${total.toLocaleString('en-US')} of more than 5,000.`);
  expect(await seriousViolations(page, PAGE_FRAME)).toEqual([]);
  await page.screenshot({ path: join(SCREENSHOTS, 'admin-templates-last-page.png') });
  await context.close();
});
