/**
 * One contact now (contact-sync.md "Runs": the contact form's Sync to CLM button, or
 * `POST /api/admin/contacts/sync { contactId }`). An Admin may sync any contact; a User only one
 * they can read in Dynamics (read as them, so Dataverse's record security decides). The scope
 * does not apply: someone asked for this contact.
 */
import { NotFoundError, ConflictError } from '../errors';
import { RemoteLookups } from './lookups';
import type { ContactSyncDeps } from './ports';
import { emptyCounts, type ContactConflict, type ContactSyncCounts } from './run-report';
import { syncFromDynamics } from './sync-pair';

export interface OneContactResult {
  contactId: string;
  clmContactId: string | null;
  /** in sync: both sides agree; conflict: two candidates, nothing written; error: see message; skipped: see message. */
  state: 'inSync' | 'conflict' | 'error' | 'skipped';
  counts: ContactSyncCounts;
  conflicts: ContactConflict[];
  message?: string;
}

export interface OneContactCaller {
  callerObjectId: string;
  isAdmin: boolean;
}

export async function syncOneContact(deps: ContactSyncDeps, contactId: string, caller: OneContactCaller): Promise<OneContactResult> {
  if (!caller.isAdmin && !(await deps.dynamics.canRead(caller.callerObjectId, contactId))) {
    throw new NotFoundError('No contact with this id, or you may not read it.');
  }
  const settings = await deps.settings.read();
  if (!settings.enabled) throw new ConflictError('Contact sync is turned off (Dilitrust_ContactSync_Settings "enabled": false).');
  const d = await deps.dynamics.get(contactId, settings.fields);
  if (!d) throw new NotFoundError('No contact with this id, or you may not read it.');
  const state = await deps.state.read();
  const counts = emptyCounts();
  const conflicts: ContactConflict[] = [];
  const errors: string[] = [];
  const lookups = new RemoteLookups(deps, settings.fields);
  lookups.rememberDynamics(d);
  const outcome = await syncFromDynamics(
    {
      deps,
      rules: settings.fields,
      lookups,
      appUserId: await deps.dynamics.applicationUserId(),
      clmClientId: state.clmClientId,
      inScope: () => Promise.resolve(true),
      counts,
      conflicts,
      error: (_item, message) => errors.push(message),
      handledDynamics: new Set(),
      handledClm: new Set(),
      failed: { dynamics: [], clm: [], deleted: [] },
    },
    d,
    { ignoreScope: true },
  );
  counts.read = 1;
  switch (outcome.kind) {
    case 'synced':
      return { contactId, clmContactId: outcome.clmContactId, state: 'inSync', counts, conflicts };
    case 'deactivated':
      return { contactId, clmContactId: outcome.clmContactId, state: 'inSync', counts, conflicts };
    case 'ambiguous':
      return { contactId, clmContactId: null, state: 'conflict', counts, conflicts, message: outcome.message };
    case 'skipped':
      return { contactId, clmContactId: null, state: 'skipped', counts, conflicts, message: `Not synced: ${outcome.reason}.` };
    case 'failed':
      return { contactId, clmContactId: null, state: 'error', counts, conflicts, message: outcome.message };
  }
}
