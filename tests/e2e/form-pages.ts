/**
 * The connector's pages as a form shows them: the Request Contract dialog and the Contract Status
 * side pane, each opened from its command bar button the way a person does, and the command bar's
 * buttons by their accessible names.
 */
import type { FrameLocator, Page } from 'playwright-core';

export const DIALOG = 'iframe[title="Request Contract"]';
export const PANE = 'iframe[title="Contract Status"]';

export async function commandLabels(page: Page): Promise<string[]> {
  return page.locator('#commandbar button').evaluateAll((buttons) => buttons.map((b) => b.getAttribute('aria-label') ?? ''));
}

/** Clicks Request Contract and waits for the dialog's template list. */
export async function openDialog(page: Page): Promise<FrameLocator> {
  await page.getByRole('button', { name: 'Request Contract' }).click();
  const dialog = page.frameLocator(DIALOG);
  await dialog.getByRole('radio').first().waitFor();
  return dialog;
}

/** Clicks Contract Status and waits for the pane's list of contracts. */
export async function openPanel(page: Page): Promise<FrameLocator> {
  await page.getByRole('button', { name: 'Contract Status' }).click();
  const pane = page.frameLocator(PANE);
  await pane.getByRole('heading', { name: 'Contracts' }).waitFor();
  return pane;
}
