/** The contact form's Sync to CLM command (dataverse-model.md): one contact now, with the outcome told to the user. */
import { WEB_RESOURCES } from '../lib/dataverse-names';
import { formRecord, isSaved } from './record';
import { connectorRoles } from './user-roles';

const NOTICE_ID = 'dtclm_synccontact';

/** What dtclm_/js/sync-contact.js (webresources/lib/sync-contact.ts) puts on DiliTrustCLM.SyncContact. */
interface SyncContactClient {
  syncContactNow(contactId: string, userId: string): Promise<void>;
}

/**
 * The connector client is a web resource of its own, fetched on the first click, never with the
 * form. The browser's own import() loads it, from the relative, cache-tokened URL Dynamics gives
 * (getWebResourceUrl): no script element added to the app's page (the Power Apps checker's
 * avoid-dom-form) and no absolute /WebResources/ path (use-cached-webresource), as webpack's chunk
 * loader did.
 */
async function loadSyncContactClient(): Promise<SyncContactClient> {
  const url = Xrm.Utility.getGlobalContext().getWebResourceUrl(WEB_RESOURCES.syncContactScript);
  await import(/* webpackIgnore: true */ url);
  const client = (globalThis as { DiliTrustCLM?: { SyncContact?: SyncContactClient } }).DiliTrustCLM?.SyncContact;
  if (!client) throw new Error(`${WEB_RESOURCES.syncContactScript} did not load.`);
  return client;
}

export async function syncContact(primaryControl: Xrm.FormContext): Promise<void> {
  const record = formRecord(primaryControl);
  const userId = Xrm.Utility.getGlobalContext().userSettings.userId.replace(/[{}]/g, '').toLowerCase();
  primaryControl.ui.setFormNotification('Syncing this contact with the CLM…', 'INFO', NOTICE_ID);
  try {
    const client = await loadSyncContactClient();
    await client.syncContactNow(record.id, userId);
    primaryControl.ui.setFormNotification('This contact is in step with the CLM.', 'INFO', NOTICE_ID);
    primaryControl.data.refresh(false);
  } catch (error) {
    const words = error instanceof Error ? error.message : 'The sync failed.';
    primaryControl.ui.setFormNotification(`Sync to CLM failed: ${words}`, 'ERROR', NOTICE_ID);
  }
}

/** A saved contact and a user with any connector role (the route checks the rest). */
export async function isSyncContactEnabled(primaryControl: Xrm.FormContext): Promise<boolean> {
  return isSaved(formRecord(primaryControl)) && (await connectorRoles()).size > 0;
}
