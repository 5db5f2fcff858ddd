/** The contact form's Sync to CLM command (dataverse-model.md): one contact now, with the outcome told to the user. */
import { formRecord, isSaved } from './record';
import { connectorRoles } from './user-roles';

const NOTICE_ID = 'dtclm_synccontact';

export async function syncContact(primaryControl: Xrm.FormContext): Promise<void> {
  const record = formRecord(primaryControl);
  const userId = Xrm.Utility.getGlobalContext().userSettings.userId.replace(/[{}]/g, '').toLowerCase();
  primaryControl.ui.setFormNotification('Syncing this contact with the CLM…', 'INFO', NOTICE_ID);
  try {
    // A chunk of its own: the form never loads the connector client unless the button is clicked.
    const { syncContactNow } = await import(/* webpackChunkName: "sync-contact" */ '../lib/sync-contact');
    await syncContactNow(record.id, userId);
    primaryControl.ui.setFormNotification('This contact is in step with the CLM.', 'INFO', NOTICE_ID);
    primaryControl.data.refresh(false);
  } catch (error) {
    const words = error instanceof Error ? error.message : 'The sync failed.';
    primaryControl.ui.setFormNotification(`Sync to CLM failed: ${words}`, 'ERROR', NOTICE_ID);
  }
}

/** A saved contact and a user with any connector role (the route checks the rest). */
export function isSyncContactEnabled(primaryControl: Xrm.FormContext): boolean {
  return isSaved(formRecord(primaryControl)) && connectorRoles().size > 0;
}
