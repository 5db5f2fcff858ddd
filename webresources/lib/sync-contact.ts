/**
 * The contact form's Sync to CLM: `POST /api/admin/contacts/sync { contactId }` as the signed-in
 * user (contact-sync.md, "One contact now"). Loaded on demand by the ribbon command, so the
 * connector client and its token provider never weigh on the form's load.
 */
import { ROUTES, routePath } from '../../api/routes';
import { z } from 'zod';
import { setUpConnector } from './connector-setup';

/** Whatever the route answers for one contact: only its success matters to the form. */
const anyAnswer = z.unknown();

export async function syncContactNow(contactId: string, userId: string): Promise<void> {
  const connector = await setUpConnector(userId);
  await connector.call(ROUTES.syncContacts.method, routePath('syncContacts'), anyAnswer, { contactId });
}
