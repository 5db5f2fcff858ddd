/**
 * The admin page (dtclm_/html/admin.html, issue 16) in headless Chromium, opened from the harness's
 * Settings area as the demo admin (and as the rep), against the sandbox world. One world for the
 * file; the tests run in order (the health test reads the broken mapping the sync test made).
 * Effects are counted where they happen: Dataverse rows read with the app's token, the CLM
 * sandbox's controls, the connector's own run store through its API.
 */
import { join } from 'node:path';
import type { FrameLocator } from 'playwright-core';
import { QueueServiceClient } from '@azure/storage-queue';
import { BlobWebhookSecretStore } from '../../functions/src/adapters/storage/webhook-secrets';
import { WEBHOOK_POISON_QUEUE_NAME } from '../../functions/src/services/webhooks/queue-names';
import { connectorAppToken, demoUserToken } from '../../sandbox/identity/demo-tokens';
import { demoUser } from '../../sandbox/seed/identities';
import { PAGE_FRAME, SCREENSHOTS, seriousViolations, startBrowserWorld, type BrowserWorld } from './browser-world';

jest.setTimeout(240_000);

/** The demo users' languages as BCP 47 tags (Dynamics stores an LCID). */
const LCID_LOCALES: Record<number, string> = { 1033: 'en-US', 1036: 'fr-FR', 2057: 'en-GB' };

let bw: BrowserWorld;

beforeAll(async () => {
  bw = await startBrowserWorld();
}, 600_000);

afterAll(async () => {
  await bw?.close();
});

async function connector(user: string, method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  const token = await demoUserToken(bw.world.identity.tokenEndpoint, user);
  const res = await fetch(`${bw.world.ready.functions}/${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json', 'If-Match': '*' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: await res.json().catch(() => undefined) };
}

interface TemplateRowInDataverse {
  dtclm_templateid: string;
  dtclm_name: string;
  dtclm_mappingstate: number | null;
  dtclm_mappingerrors: string | null;
}

/** The dtclm_template rows as Dataverse holds them (the app user's token: what the page shows must be this). */
async function templateRows(): Promise<TemplateRowInDataverse[]> {
  const { accessToken } = await connectorAppToken(bw.world.identity.tokenEndpoint, bw.world.dataverse.url);
  const res = await fetch(`${bw.world.dataverse.apiUrl}dtclm_templates?$select=dtclm_templateid,dtclm_name,dtclm_mappingstate,dtclm_mappingerrors`, {
    headers: { Authorization: `Bearer ${accessToken}`, Accept: 'application/json', Prefer: 'odata.maxpagesize=5000' },
  });
  return ((await res.json()) as { value: TemplateRowInDataverse[] }).value;
}

async function clmControl(path: string, body: unknown): Promise<void> {
  const res = await fetch(`${bw.world.clm!.apiBase}/_sandbox/${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`CLM control ${path}: ${res.status} ${await res.text()}`);
}

async function clmRequests(): Promise<number> {
  const stats = (await (await fetch(`${bw.world.clm!.apiBase}/_sandbox/stats`)).json()) as { requests: number };
  return stats.requests;
}

async function clmPuts(): Promise<number> {
  const stats = (await (await fetch(`${bw.world.clm!.apiBase}/_sandbox/stats`)).json()) as { requestsByMethod: Record<string, number> };
  return stats.requestsByMethod.PUT ?? 0;
}

async function scimUserNames(): Promise<string[]> {
  const users = (await (await fetch(`${bw.world.clm!.apiBase}/_sandbox/scim/users`)).json()) as Array<{ userName: string }>;
  return users.map((u) => u.userName);
}

async function until(condition: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error(`Not so after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function openSection(frame: FrameLocator, name: string): Promise<void> {
  await frame.getByRole('tab', { name }).click();
  await frame.getByRole('tabpanel', { name }).waitFor();
}

test('the rep opening the admin page gets a clear "needs the Dilitrust CLM Admin role" and nothing else; the admin routes answer 403 to them', async () => {
  const { page, frame, context } = await bw.openAdmin('rep');
  await frame.getByText('This page needs the Dilitrust CLM Admin role').waitFor();
  expect(await frame.getByRole('tab').count()).toBe(0);
  expect(await frame.getByRole('button').count()).toBe(0);
  expect(await seriousViolations(page, PAGE_FRAME)).toEqual([]);
  await context.close();

  const runsBefore = await connector('admin', 'GET', 'admin/runs?limit=100');
  const templateId = (await templateRows())[0].dtclm_templateid;
  const routes: Array<[string, string, unknown?]> = [
    ['GET', 'admin/health'],
    ['POST', 'admin/templates/sync', {}],
    ['PUT', `admin/templates/${templateId}/mapping`, { mapping: null }],
    ['POST', 'admin/mappings/validate', { templateId, mapping: {} }],
    ['POST', 'admin/webhook', {}],
    ['POST', 'admin/users/sync', {}],
    ['POST', 'admin/contacts/sync', {}],
    ['GET', 'admin/runs'],
  ];
  for (const [method, path, body] of routes) {
    const answer = await connector('rep', method, path, body);
    expect({ method, path, status: answer.status }).toEqual({ method, path, status: 403 });
  }
  // Nothing was started for them: the run store holds the same runs.
  expect(await connector('admin', 'GET', 'admin/runs?limit=100')).toEqual(runsBefore);
});

test('a template sync shows its progress while it runs, then its counts, and the list shows the mapping it broke with its reasons', async () => {
  const before = await templateRows();
  // 600 more templates (3 more pages of the CLM's list), each page slowed down, so the run lasts long enough to watch.
  await clmControl('templates/generate', { count: 600 });
  // The quote template changes in the CLM: its mapped fields go, a new required one comes (the mapping no longer fits).
  await clmControl('templates', {
    id: 'tpl_quote_acceptance',
    fields: [
      { key: 'dt0_customer_name', label: 'Customer name', type: 'text', required: true },
      { key: 'dt0_acceptance_clause', label: 'Acceptance clause', type: 'text', required: true },
    ],
  });
  await clmControl('faults', { latencyMs: 1500, count: 8, pathPrefix: '/templates' });

  const { page, frame, context } = await bw.openAdmin('admin');
  await openSection(frame, 'Templates');
  await frame.getByRole('table', { name: 'Templates' }).waitFor();
  expect(await seriousViolations(page, PAGE_FRAME)).toEqual([]);
  await frame.getByRole('button', { name: 'Sync now' }).click();

  // In progress: the progress bar, and the templates read so far.
  // (Named by what it measures: the page's spinners are progress bars too.)
  const progress = frame.getByRole('progressbar', { name: /The template sync is/ });
  await progress.waitFor();
  await frame.getByRole('progressbar', { name: /The template sync is running: [1-9]\d* templates read so far\./ }).waitFor({ timeout: 60_000 });
  await page.screenshot({ path: join(SCREENSHOTS, 'admin-sync-in-progress.png') });
  expect(await seriousViolations(page, PAGE_FRAME)).toEqual([]);

  const outcome = frame.getByRole('status').filter({ hasText: 'The template sync finished' });
  await outcome.waitFor({ timeout: 120_000 });
  const after = await templateRows();
  const created = after.length - before.length;
  expect(created).toBe(600);
  await expect(outcome.textContent()).resolves.toContain(`${created} created`);
  expect(await outcome.textContent()).toMatch(/\b1 updated\b/);
  expect(await progress.count()).toBe(0);

  // The last runs: this one first, succeeded, with the same counts.
  const history = frame.getByRole('table', { name: 'Last template sync runs' });
  await expect(history.getByRole('row').nth(1).textContent()).resolves.toMatch(new RegExp(`Succeeded.*${created} created`));
  // Its start time as Dynamics shows times: in the admin's own time zone (personal options), which
  // is not the browser's (Chromium runs in the machine's UTC here).
  const runs = (await connector('admin', 'GET', 'admin/runs?kind=templates')).json as { runs: Array<{ startedAt?: string }> };
  const admin = demoUser('admin');
  const startedShown = new Date(runs.runs[0].startedAt!).toLocaleString(LCID_LOCALES[admin.localeId], {
    timeZone: admin.timeZone,
    dateStyle: 'medium',
    timeStyle: 'medium',
  });
  expect(await history.getByRole('row').nth(1).getByRole('cell').first().textContent()).toBe(startedShown);

  // The list: Quote Acceptance is Broken, with the reasons Dataverse holds.
  const quote = after.find((r) => r.dtclm_name === 'Quote Acceptance')!;
  expect(quote.dtclm_mappingstate).toBe(718900001);
  const reasons = (quote.dtclm_mappingerrors ?? '').split('\n').filter(Boolean);
  expect(reasons.length).toBeGreaterThan(0);
  await frame.getByRole('searchbox', { name: 'Search the templates' }).fill('Quote Acceptance');
  const row = frame.getByRole('row').filter({ hasText: 'Quote Acceptance' });
  await row.getByText('Broken').waitFor();
  const shown = await row.getByRole('list', { name: 'Why the mapping of Quote Acceptance is broken' }).getByRole('listitem').allTextContents();
  expect(shown).toEqual(reasons.map((r) => r.trim()));
  expect(await seriousViolations(page, PAGE_FRAME)).toEqual([]);
  await context.close();
});

test('health shows every check of GET /api/admin/health with its state, detail and, for a failing part, what to do; Refresh checks again', async () => {
  const api = (await connector('admin', 'GET', 'admin/health')).json as { checks: Array<{ name: string; ok: boolean; detail: string; hint: string }> };
  expect(api.checks.length).toBeGreaterThanOrEqual(5);
  expect(api.checks.some((c) => !c.ok)).toBe(true); // the mapping the sync test broke

  const { page, frame, context } = await bw.openAdmin('admin');
  const list = frame.getByRole('list', { name: 'Health checks' });
  await list.getByRole('listitem').first().waitFor();
  const items = list.getByRole('listitem');
  expect(await items.count()).toBe(api.checks.length);
  for (const [i, check] of api.checks.entries()) {
    const item = items.nth(i);
    await expect(item.getAttribute('aria-label')).resolves.toBe(`${check.name}: ${check.ok ? 'OK' : 'needs attention'}`);
    const text = (await item.textContent()) ?? '';
    expect(text).toContain(check.ok ? 'OK' : 'Needs attention');
    // The detail may name the moment or a count that changes between two checks: its words, not its digits.
    expect(text.replace(/\d+/g, '#')).toContain(check.detail.replace(/\d+/g, '#'));
    if (check.hint) expect(text).toContain(`What to do: ${check.hint}`);
  }
  const failing = api.checks.filter((c) => !c.ok).length;
  await frame.getByText(`${failing} of ${api.checks.length} checks need attention.`).waitFor();
  await page.screenshot({ path: join(SCREENSHOTS, 'admin-health.png'), fullPage: true });
  expect(await seriousViolations(page, PAGE_FRAME)).toEqual([]);

  // Refresh asks the connector again: counted in the CLM sandbox, which the health checks reach.
  const before = await clmRequests();
  await frame.getByRole('button', { name: 'Refresh' }).click();
  await until(async () => (await clmRequests()) > before, 30_000);
  await frame.getByText(`${failing} of ${api.checks.length} checks need attention.`).waitFor();
  await context.close();
});

test('a full sync deactivates the template the CLM removed, and says so in its counts', async () => {
  const inactive = async () => {
    const { accessToken } = await connectorAppToken(bw.world.identity.tokenEndpoint, bw.world.dataverse.url);
    const res = await fetch(`${bw.world.dataverse.apiUrl}dtclm_templates?$select=dtclm_name&$filter=statecode eq 1`, {
      headers: { Authorization: `Bearer ${accessToken}`, Accept: 'application/json' },
    });
    return ((await res.json()) as { value: Array<{ dtclm_name: string }> }).value.map((r) => r.dtclm_name);
  };
  const before = await inactive();
  const res = await fetch(`${bw.world.clm!.apiBase}/_sandbox/templates/tpl_quote_acceptance`, { method: 'DELETE' });
  expect(res.status).toBe(204);
  const { frame, context } = await bw.openAdmin('admin');
  await openSection(frame, 'Templates');
  await frame.getByRole('radio', { name: /^Full/ }).check();
  await frame.getByRole('button', { name: 'Sync now' }).click();
  const outcome = frame.getByRole('status').filter({ hasText: 'The template sync finished' });
  await outcome.waitFor({ timeout: 120_000 });
  const after = await inactive();
  expect(after.filter((n) => !before.includes(n))).toEqual(['Quote Acceptance']);
  await expect(outcome.textContent()).resolves.toMatch(/\b1 deactivated\b/);
  await frame.getByRole('searchbox', { name: 'Search the templates' }).fill('Quote Acceptance');
  await frame.getByRole('row').filter({ hasText: 'Quote Acceptance' }).getByRole('cell', { name: 'Inactive', exact: true }).waitFor();
  await context.close();
});

test('the sections by keyboard: the selected tab is in the tab order, arrow keys move between tabs and show their section', async () => {
  const { page, frame, context } = await bw.openAdmin('admin');
  await frame.getByRole('list', { name: 'Health checks' }).getByRole('listitem').first().waitFor();
  await frame.getByRole('tab', { name: 'Health' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(frame.getByRole('tab', { name: 'Templates' }).getAttribute('aria-selected')).resolves.toBe('true');
  await frame.getByRole('tabpanel', { name: 'Templates' }).waitFor();
  await page.keyboard.press('End');
  await expect(frame.getByRole('tab', { name: 'Outcomes' }).getAttribute('aria-selected')).resolves.toBe('true');
  await page.keyboard.press('ArrowRight');
  await expect(frame.getByRole('tab', { name: 'Health' }).getAttribute('aria-selected')).resolves.toBe('true');
  await expect(frame.getByRole('tab', { name: 'Webhook' }).getAttribute('tabindex')).resolves.toBe('-1');
  await context.close();
});

test('a second admin saving the same mapping meanwhile is reported to the first, whose save overwrites nothing', async () => {
  const nda = (await templateRows()).find((r) => r.dtclm_name === 'NDA')!;
  const first = await bw.openAdmin('admin', { query: 'template=NDA' });
  const second = await bw.openAdmin('admin', { query: `template=${nda.dtclm_templateid}` });
  for (const { frame } of [first, second]) await frame.locator('.cm-content').waitFor({ timeout: 60_000 });

  // The second admin saves first: a mapping with a new constant.
  await second.frame.locator('.cm-content').click();
  await second.page.keyboard.press('Control+A');
  const theirs = JSON.stringify({ trigger_entity: 'opportunity', fields: { dt0_counterparty_name: 'name' }, constants: { dt0_nda_type: 'one-way' } }, null, 2);
  await second.page.keyboard.insertText(theirs);
  await second.frame.getByRole('button', { name: 'Save mapping' }).click();
  await second.frame.getByText(/^Saved\. Mapping state/).waitFor({ timeout: 30_000 });
  const saved = (await templateRows()).find((r) => r.dtclm_templateid === nda.dtclm_templateid)!;

  // The first admin, still on the text they opened, saves: told, not saved.
  await first.frame.locator('.cm-content').click();
  await first.page.keyboard.press('Control+End');
  await first.page.keyboard.insertText('\n');
  await first.frame.getByRole('button', { name: 'Save mapping' }).click();
  await first.frame.getByText('Someone else saved this mapping since you opened it.').waitFor({ timeout: 30_000 });
  const { accessToken } = await connectorAppToken(bw.world.identity.tokenEndpoint, bw.world.dataverse.url);
  const row = (await (
    await fetch(`${bw.world.dataverse.apiUrl}dtclm_templates(${nda.dtclm_templateid})?$select=dtclm_mapping,dtclm_mappingstate`, {
      headers: { Authorization: `Bearer ${accessToken}`, Accept: 'application/json' },
    })
  ).json()) as { dtclm_mapping: string; dtclm_mappingstate: number };
  expect(JSON.parse(row.dtclm_mapping)).toEqual(JSON.parse(theirs));
  expect(row.dtclm_mappingstate).toBe(saved.dtclm_mappingstate);
  await first.context.close();
  await second.context.close();
});

test("axe-core: the page with a template's mapping open in the editor (a mapping longer than the editor) has no serious or critical violation", async () => {
  const { page, frame, context } = await bw.openAdmin('admin', { query: 'template=Master Services Agreement' });
  await frame.locator('.cm-content').waitFor({ timeout: 60_000 });
  await frame.getByRole('table', { name: 'Templates' }).waitFor();
  expect(await seriousViolations(page, PAGE_FRAME)).toEqual([]);
  await context.close();
});

test('webhook: registered, to which URL; Rotate the secret explains revokePrevious and gives the CLM a new secret', async () => {
  const { page, frame, context } = await bw.openAdmin('admin');
  await openSection(frame, 'Webhook');
  const state = frame.getByRole('tabpanel', { name: 'Webhook' }).getByRole('status').first();
  await state.getByText('Registered', { exact: true }).waitFor({ timeout: 60_000 });
  await expect(state.textContent()).resolves.toContain(`${bw.world.ready.functions}/webhooks/clm`);
  await frame.getByText('The previous secret stays accepted for 24 hours').waitFor();
  await frame.getByRole('checkbox', { name: /Stop accepting the previous secret at once/ }).check();
  await frame.getByText('The previous secret is refused as soon as the new one is in place').waitFor();
  expect(await seriousViolations(page, PAGE_FRAME)).toEqual([]);

  // The CLM is given the new secret: one PUT /webhook (the only PUT of the CLM API the connector makes here);
  // the connector's secret store holds the new one, and no previous one (revoked at once, as ticked).
  const store = new BlobWebhookSecretStore(bw.world.ready.storage);
  const secretsBefore = await store.read();
  expect(Boolean(secretsBefore.current)).toBe(true);
  const putsBefore = await clmPuts();
  await frame.getByRole('button', { name: 'Rotate the secret' }).click();
  await frame.getByText('Webhook registered').waitFor({ timeout: 60_000 });
  await frame.getByText(`The CLM now sends status changes to ${bw.world.ready.functions}/webhooks/clm`).waitFor();
  await frame.getByText('The previous secret is no longer accepted.').waitFor();
  expect(await clmPuts()).toBe(putsBefore + 1);
  const secretsAfter = await store.read();
  // Compared as booleans, so a failure never prints a secret.
  expect({ newSecret: secretsAfter.current !== secretsBefore.current, previousRevoked: secretsAfter.previous === null }).toEqual({
    newSecret: true,
    previousRevoked: true,
  });
  expect(await seriousViolations(page, PAGE_FRAME)).toEqual([]);
  await context.close();
});

test('webhook: status events set aside after failures are shown in the health check words, and Replay queues them again', async () => {
  const poison = QueueServiceClient.fromConnectionString(bw.world.ready.storage).getQueueClient(WEBHOOK_POISON_QUEUE_NAME);
  await poison.createIfNotExists();
  const { messageId } = await poison.sendMessage(Buffer.from(JSON.stringify({ note: 'a status event that failed 5 times' })).toString('base64'));
  const setAside = async () => (await poison.peekMessages({ numberOfMessages: 32 })).peekedMessageItems.map((m) => m.messageId);
  expect(await setAside()).toEqual([messageId]);

  const { page, frame, context } = await bw.openAdmin('admin');
  await openSection(frame, 'Webhook');
  const webhook = frame.getByRole('tabpanel', { name: 'Webhook' });
  await webhook.getByText('Status events set aside').waitFor({ timeout: 60_000 });
  await webhook.getByText('1 status event(s) failed 5 times and are set aside. Fix the cause first').waitFor();
  expect(await seriousViolations(page, PAGE_FRAME)).toEqual([]);
  await webhook.getByRole('button', { name: 'Replay the set-aside events' }).click();
  await webhook.getByText('1 status event(s) queued again.').waitFor({ timeout: 30_000 });
  // Moved out of the poison queue, where it happened. (It is no real event: the processor may set it
  // aside again, as a new message, so the check is on this message, not on the count.)
  expect(await setAside()).not.toContain(messageId);
  await context.close();
});

test('users and contacts: user provisioning runs with its progress and counts; contact sync turned off says "not set up" and the step to take', async () => {
  await bw.world.admin.setEnvironmentVariables({ dtclm_contactsync_settings: JSON.stringify({ enabled: false }) });
  const scimBefore = await scimUserNames();
  const { page, frame, context } = await bw.openAdmin('admin');
  await openSection(frame, 'Users and contacts');
  const contacts = frame.getByRole('region', { name: 'Contacts', exact: true });
  await contacts.getByText('Not set up').waitFor({ timeout: 60_000 });
  await contacts.getByText('Set "enabled": true in the environment variable Dilitrust_ContactSync_Settings').waitFor();
  expect(await contacts.getByRole('button', { name: 'Sync now' }).count()).toBe(0);

  const users = frame.getByRole('region', { name: 'CLM users', exact: true });
  await users.getByRole('button', { name: 'Sync now' }).click();
  const outcome = users.getByRole('status').filter({ hasText: 'The user provisioning finished' });
  await outcome.waitFor({ timeout: 120_000 });
  const scimAfter = await scimUserNames();
  const created = scimAfter.filter((u) => !scimBefore.includes(u)).length;
  expect(created).toBeGreaterThan(0);
  await expect(outcome.textContent()).resolves.toContain(`${created} created`);
  await expect(users.getByRole('table', { name: 'Last user provisioning runs' }).getByRole('row').nth(1).textContent()).resolves.toContain(
    `${created} created`,
  );
  expect(await seriousViolations(page, PAGE_FRAME)).toEqual([]);
  await context.close();
});
