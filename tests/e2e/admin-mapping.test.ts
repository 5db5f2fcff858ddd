/**
 * The mapping editor of the admin page in headless Chromium, as the admin (issue 16): a typo'd
 * attribute is shown at that attribute once the admin pauses (how soon is measured by
 * `npm run bench -- mapping-editor`, not asserted here),
 * fixed with completion, previewed on the demo opportunity and saved; the rep's dialog then offers
 * the template; a second admin's concurrent save is reported (412), never overwritten. axe-core
 * on each state. One world for the file; the tests run in order.
 */
import { join } from 'node:path';
import { SEED_IDS } from '../../sandbox/dataverse/seed/ids';
import { PAGE_FRAME, SCREENSHOTS, seriousViolations, startBrowserWorld, type BrowserWorld } from './browser-world';
import {
  acceptCompletion,
  addUnmappedTemplate,
  editorText,
  errorAt,
  openMappingEditor,
  replaceText,
  typoShownAfterMs,
  UNMAPPED_TEMPLATE,
} from './mapping-editor-driver';

jest.setTimeout(240_000);

let bw: BrowserWorld;
const TEMPLATE = UNMAPPED_TEMPLATE;

beforeAll(async () => {
  bw = await startBrowserWorld();
  await addUnmappedTemplate(bw);
}, 600_000);

afterAll(async () => {
  await bw?.close();
});

test('the admin sees a typo at its attribute once they pause, fixes it with completion, previews it on the demo opportunity and saves it; the rep is then offered the template', async () => {
  const { page, frame, close } = await openMappingEditor(bw, TEMPLATE);
  expect(await seriousViolations(page, PAGE_FRAME)).toEqual([]);

  // The connector's own words for this typo, in the list under the editor and drawn on the value.
  await typoShownAfterMs(page, frame, 'nmae');
  await frame.getByRole('status').filter({ hasText: 'The connector found 1 error' }).waitFor();
  expect(await seriousViolations(page, PAGE_FRAME)).toEqual([]);

  // Fix it with completion: the typo out, "na" in, the list offers "name".
  for (let i = 0; i < 4; i++) await page.keyboard.press('Backspace');
  await page.keyboard.type('na');
  await page.keyboard.press('Control+Space');
  await acceptCompletion(page, frame, 'name');
  expect(await editorText(frame)).toContain('"dt0_client_name": "name"');
  await frame.getByRole('status').filter({ hasText: 'The connector found 0 errors' }).waitFor({ timeout: 10_000 });
  await expect(errorAt(frame, 'nmae').count()).resolves.toBe(0);

  // Preview on the demo opportunity, picked by typing part of its name.
  const picker = frame.getByRole('combobox', { name: /Record to preview/ });
  await picker.click();
  await picker.pressSequentially('4G');
  await frame.getByRole('option', { name: '4G Enterprise Rollout' }).click();
  await frame.getByRole('button', { name: 'Preview' }).click();
  const table = frame.getByRole('table', { name: 'The fields the CLM would get' });
  await table.waitFor({ timeout: 30_000 });
  expect(await table.getByRole('row', { name: /Client name/ }).innerText()).toContain('4G Enterprise Rollout');
  expect(await seriousViolations(page, PAGE_FRAME)).toEqual([]);

  // A second field with a typo: the editor with an error and the preview, for the screenshot.
  const line = frame.locator('.cm-line', { hasText: '"dt0_client_name": "name"' });
  await line.click();
  await page.keyboard.press('End');
  await page.keyboard.type(',\n"dt0_close_date": "estimatedclosedat');
  await errorAt(frame, 'estimatedclosedat').waitFor({ timeout: 10_000 });
  expect(await seriousViolations(page, PAGE_FRAME)).toEqual([]);
  await page.keyboard.press('Escape'); // the completion list closed: the error and the preview in view
  await page.setViewportSize({ width: 1280, height: 1500 });
  await page.screenshot({ path: join(SCREENSHOTS, 'admin-mapping-editor.png') });

  // Completion again, then save: it fits.
  for (let i = 0; i < 'estimatedclosedat'.length; i++) await page.keyboard.press('Backspace');
  await page.keyboard.type('estimatedclose');
  await acceptCompletion(page, frame, 'estimatedclosedate');
  expect(await editorText(frame)).toContain('"dt0_close_date": "estimatedclosedate"');
  await frame.getByRole('status').filter({ hasText: 'The connector found no problem in this mapping.' }).waitFor({ timeout: 10_000 });
  await frame.getByRole('button', { name: 'Save mapping' }).click();
  await frame.getByText('Saved. Mapping state: Fits').waitFor({ timeout: 30_000 });
  await close();

  const rep = await bw.openForm('opportunity', SEED_IDS.opportunity, 'rep');
  await rep.page.getByRole('button', { name: 'Request Contract' }).click();
  const dialog = rep.page.frameLocator('iframe[title="Request Contract"]');
  await dialog.getByRole('radio', { name: TEMPLATE }).waitFor({ timeout: 30_000 });
  await rep.context.close();
});

test('JSON that does not parse: its error shows at its position at once, and Save is disabled with the reason', async () => {
  const { page, frame, close } = await openMappingEditor(bw, TEMPLATE);
  await replaceText(page, frame, '{\n  "trigger_entity": "opportunity",\n  "fields": { "dt0_client_name": "name" \n}');
  // At the end of the text (the object is not closed): a point, and the gutter's marker on its line.
  await frame.locator('.cm-lintRange-error, .cm-lintPoint-error').first().waitFor({ state: 'attached', timeout: 1000 });
  await frame.locator('.cm-lint-marker-error').first().waitFor({ timeout: 1000 });
  await frame.getByRole('status').filter({ hasText: 'The JSON does not parse' }).waitFor();
  const save = frame.getByRole('button', { name: 'Save mapping' });
  expect(await save.isDisabled()).toBe(true);
  expect(await frame.getByText(/cannot be saved while its JSON does not parse/).count()).toBe(1);
  await close();
});

test('a mapping the connector refuses (422) is not saved, and its errors are drawn in the editor', async () => {
  const { page, frame, close } = await openMappingEditor(bw, TEMPLATE);
  // The check on pause is kept out, so what is drawn can only come from the save's answer.
  await page.route('**/admin/mappings/validate', (route) => route.abort());
  await replaceText(page, frame, '{\n  "trigger_entity": "opportunity",\n  "fields": { "dt0_client_name": "name" },\n  "fieldz": { "x": "y" }\n}');
  await frame.getByRole('button', { name: 'Save mapping' }).click();
  await frame.getByText('The mapping does not follow the mapping format; nothing was saved.', { exact: false }).waitFor({ timeout: 30_000 });
  await errorAt(frame, '"x": "y"').waitFor();
  expect(await frame.getByRole('list', { name: 'Problems in the mapping' }).innerText()).toContain('$.fieldz');
  await close();
});

test('Tab indents in the editor; Escape then Tab leaves it; a mapping longer than the editor scrolls within reach of the keyboard', async () => {
  const { page, frame, close } = await openMappingEditor(bw, TEMPLATE);
  // A stored mapping longer than the editor (the demo MSA's): its scroll area must be reachable by keyboard.
  const long = await openMappingEditor(bw, 'Master Services Agreement');
  expect(await seriousViolations(long.page, PAGE_FRAME)).toEqual([]);
  await long.close();
  await frame.locator('.cm-content').click();
  await page.keyboard.press('Tab');
  const inEditor = () => frame.locator('.cm-content').evaluate((el) => el.contains(document.activeElement) || el === document.activeElement);
  expect(await inEditor()).toBe(true);
  await page.keyboard.press('Escape');
  await page.keyboard.press('Tab');
  expect(await inEditor()).toBe(false);
  await close();
});

test("a second admin's concurrent save is reported (412) and offers to reload; nothing is overwritten", async () => {
  const first = await openMappingEditor(bw, TEMPLATE);
  const second = await openMappingEditor(bw, TEMPLATE);
  const theirs = '{\n  "trigger_entity": "opportunity",\n  "fields": {\n    "dt0_client_name": "name",\n    "dt0_close_date": "actualclosedate"\n  }\n}';
  await replaceText(second.page, second.frame, theirs);
  await second.frame.getByRole('button', { name: 'Save mapping' }).click();
  await second.frame.getByText(/Saved\. Mapping state/).waitFor({ timeout: 30_000 });

  await replaceText(first.page, first.frame, '{\n  "trigger_entity": "opportunity",\n  "fields": { "dt0_client_name": "description" }\n}');
  await first.frame.getByRole('button', { name: 'Save mapping' }).click();
  await first.frame.getByText('Someone else saved this mapping since you opened it.').waitFor({ timeout: 30_000 });
  expect(await seriousViolations(first.page, PAGE_FRAME)).toEqual([]);

  // The stored mapping is still the second admin's.
  const res = await fetch(`${bw.world.dataverse.apiUrl}dtclm_templates?$select=dtclm_mapping&$filter=${encodeURIComponent(`dtclm_name eq '${TEMPLATE}'`)}`, {
    headers: { Authorization: `Bearer ${await bw.world.admin.token()}`, Accept: 'application/json' },
  });
  const rows = ((await res.json()) as { value: { dtclm_mapping: string }[] }).value;
  expect(JSON.parse(rows[0].dtclm_mapping)).toEqual(JSON.parse(theirs));

  await first.frame.getByRole('button', { name: 'Reload the mapping' }).click();
  await first.frame.getByText('Someone else saved').waitFor({ state: 'detached' });
  expect(JSON.parse(await editorText(first.frame))).toEqual(JSON.parse(theirs));
  await first.close();
  await second.close();
});
