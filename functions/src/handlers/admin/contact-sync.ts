/**
 * `POST /api/admin/contacts/sync` (connector-api.md): `{ contactId }` syncs one contact now (200
 * with its result; Admin, or a User for a contact they can read: the contact form's Sync to CLM
 * button); without it, a full sync (Admin). The full sync runs within the request until the
 * long-run machinery lands (docs/contact-sync.md). The 15-minute timer runs the incremental sync.
 */
import type { InvocationContext, Timer } from '@azure/functions';
import { syncContactsBodySchema } from '../../../../api/admin';
import type { AppProvider } from '../../services/app-services';
import type { RunProgress } from '../../services/contacts/ports';
import type { ContactSyncResult } from '../../services/contacts/run-report';
import { syncContacts } from '../../services/contacts/sync-contacts';
import { syncOneContact, type OneContactResult } from '../../services/contacts/sync-one-contact';
import { ForbiddenError } from '../../services/errors';
import { endpoint } from '../http/endpoint';
import { safeLog, type SafeLog } from '../http/safe-log';

function logProgress(log: SafeLog): RunProgress {
  return {
    report: () => undefined,
    // The message can name an e-mail (personal data): it goes to the run history and the link, not the log.
    error: (item) => log.warn(`Contact sync: ${item} was not synced; see its contact link or the run history.`),
  };
}

export const syncContactsHandler = (app: AppProvider) =>
  endpoint<typeof syncContactsBodySchema, undefined, OneContactResult | ContactSyncResult>(app, {
    role: 'user',
    body: syncContactsBodySchema,
    handle: async ({ body, caller, log }) => {
      const isAdmin = caller.roles.includes('admin');
      if (body.contactId) {
        const result = await syncOneContact(app().contacts, body.contactId, { callerObjectId: caller.callerObjectId, isAdmin });
        return { status: 200, body: result };
      }
      if (!isAdmin) {
        throw new ForbiddenError('A full contact sync needs the security role "Dilitrust CLM Admin"; to sync one contact, send its contactId.');
      }
      const result = await syncContacts(app().contacts, 'full', logProgress(log));
      log.info(`Contact sync (full): ${JSON.stringify(result.counts)}`);
      return { status: 200, body: result };
    },
  });

export const contactSyncTimer =
  (app: AppProvider) =>
  async (_timer: Timer, context: InvocationContext): Promise<void> => {
    const { contacts, redactor } = app();
    const log = safeLog(context, redactor);
    const result = await syncContacts(contacts, 'incremental', logProgress(log));
    log.info(`Contact sync (${result.fellBackToFull ? 'incremental, fell back to full' : 'incremental'}): ${JSON.stringify(result.counts)}`);
  };
