/**
 * Drives the admin page's mapping editor in the harness, for the browser tests and the
 * mapping-editor benchmark alike: the unmapped template they work on, opening its editor, typing
 * as a person types, completion, and how long the connector's check takes to show a typo.
 */
import type { FrameLocator, Page } from 'playwright-core';
import { syncTemplatesAsAdmin } from '../../sandbox/demo-templates';
import type { BrowserWorld } from './browser-world';

/** A CLM template no one has mapped yet: the rep is not offered it until the admin maps it. */
export const UNMAPPED_TEMPLATE = 'Sales Agreement';

/** Adds UNMAPPED_TEMPLATE to the CLM sandbox and syncs the templates into Dataverse as the admin. */
export async function addUnmappedTemplate(bw: BrowserWorld): Promise<void> {
  const res = await fetch(`${bw.world.clm!.apiBase}/_sandbox/templates`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      id: 'tpl_sales_agreement',
      name: UNMAPPED_TEMPLATE,
      fields: [
        { key: 'dt0_client_name', label: 'Client name', type: 'text', required: true, maxLength: 200 },
        { key: 'dt0_close_date', label: 'Expected close', type: 'date', required: false },
      ],
    }),
  });
  if (res.status !== 201) throw new Error(`The CLM sandbox refused the template: ${res.status} ${await res.text()}`);
  await syncTemplatesAsAdmin({ tokenEndpoint: bw.world.identity.tokenEndpoint, functionsUrl: bw.world.ready.functions });
}

/** The admin page with the editor of `template` open. */
export async function openMappingEditor(bw: BrowserWorld, template: string): Promise<{ page: Page; frame: FrameLocator; close(): Promise<void> }> {
  const { context, page, frame } = await bw.openAdmin('admin', { query: `template=${encodeURIComponent(template)}` });
  await frame.getByRole('heading', { name: `Mapping of “${template}”` }).waitFor({ timeout: 60_000 });
  await frame.locator('.cm-content').waitFor();
  return { page, frame, close: () => context.close() };
}

export async function editorText(frame: FrameLocator): Promise<string> {
  return frame.locator('.cm-content').evaluate((el) => {
    const view = (el as HTMLElement & { cmView?: { view: { state: { doc: { toString(): string } } } } }).cmView?.view;
    return view ? view.state.doc.toString() : (el as HTMLElement).innerText;
  });
}

/** Replaces the editor's text as a paste would. */
export async function replaceText(page: Page, frame: FrameLocator, text: string): Promise<void> {
  await frame.locator('.cm-content').click();
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText(text);
}

/** Accepts the completion option `label` (CodeMirror ignores an Enter that comes within its interactionDelay of the list opening). */
export async function acceptCompletion(page: Page, frame: FrameLocator, label: string): Promise<void> {
  const selected = frame.locator('.cm-tooltip-autocomplete li[aria-selected="true"]');
  await frame
    .locator('.cm-tooltip-autocomplete li', { hasText: new RegExp(`^${label}`) })
    .first()
    .waitFor();
  for (let i = 0; i < 50 && !(await selected.innerText()).startsWith(label); i++) await page.keyboard.press('ArrowDown');
  await page.waitForTimeout(150);
  await page.keyboard.press('Enter');
}

export const errorAt = (frame: FrameLocator, text: string) => frame.locator('.cm-lintRange-error', { hasText: text });

/**
 * Types `typo` as the value of dt0_client_name (a mapping otherwise right), then waits for the
 * connector's own words for it, in the list under the editor and drawn on the value. Gives the
 * milliseconds from the last key to both being shown.
 */
export async function typoShownAfterMs(page: Page, frame: FrameLocator, typo: string, timeoutMs = 30_000): Promise<number> {
  await replaceText(page, frame, '{\n  "trigger_entity": "opportunity",\n  "fields": {\n    "dt0_client_name": ""\n  }\n}');
  // The cursor into the empty value, and the typo typed as a person types it.
  await frame.locator('.cm-line', { hasText: 'dt0_client_name' }).click();
  await page.keyboard.press('End');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.type(typo, { delay: 60 });
  const paused = Date.now();
  await frame.getByRole('list', { name: 'Problems in the mapping' }).getByText(`opportunity has no column "${typo}"`).waitFor({ timeout: timeoutMs });
  await errorAt(frame, typo).waitFor({ timeout: timeoutMs });
  return Date.now() - paused;
}
