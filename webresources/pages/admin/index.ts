/**
 * Placeholder for the connector settings page: health, template sync, mappings with live preview, webhook registration and user provisioning.
 * The real page comes in a later issue; this one shows what the page is for and the record it was
 * opened on, so the ribbon wiring can be tried in Dynamics today.
 */
import { readPageData } from '../../lib/page-data';

const PURPOSE = 'This page will be the connector settings page: health, template sync, mappings with live preview, webhook registration and user provisioning.';

function render(root: HTMLElement): void {
  const data = readPageData(window.location.search);
  const heading = document.createElement('h1');
  heading.textContent = 'DiliTrust CLM Settings';
  const purpose = document.createElement('p');
  purpose.textContent = PURPOSE;
  root.replaceChildren(heading, purpose);
  if (data) {
    const record = document.createElement('p');
    record.textContent = `Opened on ${data.entityName} ${data.recordId}${data.action ? ` (action: ${data.action})` : ''}.`;
    root.append(record);
  }
}

const root = document.getElementById('page');
if (root) render(root);
