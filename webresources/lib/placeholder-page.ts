/**
 * What the placeholder pages show until their real page is built: what the page is for, and the
 * record it was opened on, so that the ribbon wiring can be tried in Dynamics today.
 */
import { readPageData } from './page-data';

export function renderPlaceholderPage(title: string, purpose: string): void {
  const root = document.getElementById('page');
  if (!root) return;
  const data = readPageData(window.location.search);
  const heading = document.createElement('h1');
  heading.textContent = title;
  const text = document.createElement('p');
  text.textContent = purpose;
  root.replaceChildren(heading, text);
  if (data) {
    const record = document.createElement('p');
    record.textContent = `Opened on ${data.entityName} ${data.recordId}${data.action ? ` (action: ${data.action})` : ''}.`;
    root.append(record);
  }
}
