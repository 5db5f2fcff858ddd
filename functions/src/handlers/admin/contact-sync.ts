/**
 * `POST /api/admin/contacts/sync` (connector-api.md): `{ contactId }` syncs one contact now (200
 * with its result; Admin, or a User for a contact they can read: the contact form's Sync to CLM
 * button); without it, a full sync (Admin) as a long run: 202 with `Location` to
 * `GET /api/admin/runs/{runId}`. The 15-minute timer starts an incremental run the same way.
 */
import { CONNECTOR_ROLE_NAMES } from '../../../../api/vocabulary/roles';
import type { InvocationContext, Timer } from '@azure/functions';
import { syncContactsBodySchema } from '../../../../api/admin';
import type { RunStartedAnswer } from '../../../../api/runs';
import type { AppProvider } from '../../services/app-services';
import { CONTACT_RUN_KIND } from '../../services/contacts/contact-sync-run';
import { syncOneContact, type OneContactResult } from '../../services/contacts/sync-one-contact';
import { ForbiddenError } from '../../services/errors';
import { endpoint } from '../http/endpoint';
import { safeLog } from '../http/safe-log';
import { startRun } from './runs';

export const syncContactsHandler = (app: AppProvider) =>
  endpoint<typeof syncContactsBodySchema, undefined, OneContactResult | RunStartedAnswer>(app, {
    role: 'user',
    body: syncContactsBodySchema,
    handle: async ({ body, caller, request }) => {
      const isAdmin = caller.roles.includes('admin');
      if (body.contactId) {
        const result = await syncOneContact(app().contacts, body.contactId, { callerObjectId: caller.callerObjectId, isAdmin });
        return { status: 200, body: result };
      }
      if (!isAdmin) {
        throw new ForbiddenError(`A full contact sync needs the security role "${CONNECTOR_ROLE_NAMES.admin}"; to sync one contact, send its contactId.`);
      }
      return startRun(app(), CONTACT_RUN_KIND, { mode: 'full' }, request);
    },
  });

export const contactSyncTimer =
  (app: AppProvider) =>
  async (_timer: Timer, context: InvocationContext): Promise<void> => {
    const services = app();
    const { run, started } = await services.runs.start(CONTACT_RUN_KIND, { mode: 'incremental' }, 'timer');
    safeLog(context, services.redactor).info(`Contact sync: ${started ? 'started' : 'already under way as'} run ${run.runId}.`);
  };
