/**
 * Issue 27 in headless Chromium: the draft before sending. The status panel lists the contract's
 * CLM draft and opens it as a PDF (through GET /api/contracts/{id}/documents/{documentId}, with the
 * user's token); Send to Sign shows the draft's link beside the signatories; the mapping editor
 * flags a `returns` column the trigger entity does not have.
 */
import { randomUUID } from 'node:crypto';
import { SEED_IDS } from '../../sandbox/dataverse/seed/ids';
import { callApi, userToken } from '../integration/contracts/helpers';
import { startBrowserWorld, type BrowserWorld } from './browser-world';
import { openMappingEditor, replaceText } from './mapping-editor-driver';
import { openPanel } from './form-pages';

jest.setTimeout(180_000);

let bw: BrowserWorld;
const NAME = `MSA draft e2e ${randomUUID().slice(0, 6)}`;

beforeAll(async () => {
  bw = await startBrowserWorld();
  const res = await callApi(bw.world, 'POST', 'contracts', {
    token: await userToken(bw.world, 'rep'),
    body: { entity: 'opportunity', recordId: SEED_IDS.opportunity, templateId: bw.world.demoTemplates!.msa, requestKey: randomUUID(), name: NAME },
  });
  expect(res.status).toBe(201);
}, 600_000);

afterAll(async () => {
  await bw?.close();
});

test('the draft opens from the panel, as a PDF', async () => {
  const { page, context } = await bw.openForm('opportunity', SEED_IDS.opportunity, 'rep');
  const pane = await openPanel(page);
  const card = pane.getByRole('article', { name: NAME });
  const draft = card.getByRole('list', { name: 'Documents' }).getByRole('button', { name: /^Draft \(.*\(draft\)\.pdf\)$/ });
  await draft.waitFor({ timeout: 30_000 });
  const [tab] = await Promise.all([context.waitForEvent('page'), draft.click()]);
  await tab.waitForURL(/^blob:/, { timeout: 30_000 });
  const opened = await tab.evaluate(async () => {
    const blob = await (await fetch(location.href)).blob();
    return { type: blob.type, head: new TextDecoder().decode((await blob.arrayBuffer()).slice(0, 5)) };
  });
  expect(opened).toEqual({ type: 'application/pdf', head: '%PDF-' });
  await context.close();
});

test('Send to Sign shows the draft’s link beside the signatories', async () => {
  const { page, context } = await bw.openForm('opportunity', SEED_IDS.opportunity, 'signer');
  const pane = await openPanel(page);
  await pane.getByRole('article', { name: NAME }).getByRole('button', { name: 'Send to sign' }).click();
  const dialog = pane.getByRole('dialog');
  const link = dialog.getByRole('button', { name: /^Draft \(.*\(draft\)\.pdf\)$/ });
  await link.waitFor({ timeout: 30_000 });
  const [tab] = await Promise.all([context.waitForEvent('page'), link.click()]);
  await tab.waitForURL(/^blob:/, { timeout: 30_000 });
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await context.close();
});

test('the mapping editor flags a returns column that does not exist', async () => {
  const { page, frame, close } = await openMappingEditor(bw, 'Master Services Agreement');
  await replaceText(
    page,
    frame,
    JSON.stringify(
      {
        trigger_entity: 'opportunity',
        fields: { dt0_customer_name: 'name', dt0_total_amount: 'totalamount', dt0_term_months: { attribute: 'closeprobability' } },
        returns: { fields: { estimatedvalue: 'dt0_total_amount', dtx_nosuchcolumn: 'dt0_total_amount' }, endDate: 'dt0_end_date' },
      },
      null,
      2,
    ),
  );
  await frame.getByRole('list', { name: 'Problems in the mapping' }).getByText('opportunity has no column "dtx_nosuchcolumn"').waitFor({ timeout: 30_000 });
  // The existing column is not flagged.
  await expect(frame.getByRole('list', { name: 'Problems in the mapping' }).getByText('"estimatedvalue"').count()).resolves.toBe(0);
  await close();
});

test('the admin sets the outcomes with switches, not JSON: the environment variable holds what the connector reads', async () => {
  const { frame, context } = await bw.openAdmin('admin');
  await frame.getByRole('tab', { name: 'Outcomes' }).click();
  const opportunity = frame.getByRole('switch', { name: 'Close the opportunity as won when its contract is signed' });
  await opportunity.waitFor({ timeout: 30_000 });
  await opportunity.check();
  await frame.getByRole('button', { name: 'Save outcomes' }).click();
  await frame.getByRole('status').filter({ hasText: 'Saved.' }).waitFor({ timeout: 30_000 });
  expect(await bw.world.admin.getEnvironmentVariable('dtclm_outcome_settings')).toBe('{"opportunity":{"signed":"win"}}');
  await context.close();
});
