/**
 * The health check of contact sync's change tracking (contact-sync.md: incremental sync reads
 * Dynamics' contact changes through change tracking). Dataverse answers RetrieveEntityChanges only
 * for a table with Track changes on (Microsoft, "Use change tracking to synchronize data with
 * external systems"); the Sales contact table ships with it on, but an admin may have switched it
 * off, and the solution does not own contact's settings. So health says what to switch on, where.
 */
import type { HealthCheck } from '../../../../api/admin';
import type { ContactSyncSettingsSource } from '../contacts/ports';
import type { TableChangeTracking } from './ports';

export interface ContactChangeTrackingDeps {
  settings: ContactSyncSettingsSource;
  changeTracking: TableChangeTracking;
}

const CONTACT_TRACK_CHANGES_HINT = 'In Power Apps (make.powerapps.com) > Tables > Contact > Properties > Advanced options, turn on Track changes, then save.';

export async function contactChangeTrackingCheck(deps: ContactChangeTrackingDeps): Promise<Omit<HealthCheck, 'name'>> {
  const settings = await deps.settings.read();
  if (!settings.enabled) return { ok: true, detail: 'Contact sync is switched off (Dilitrust_ContactSync_Settings): not checked.', hint: '' };
  return (await deps.changeTracking.enabled('contact'))
    ? { ok: true, detail: 'Dataverse tracks changes of contacts, as contact sync needs.', hint: '' }
    : {
        ok: false,
        detail:
          'Contact sync is on, but Track changes is off on the Contact table: Dataverse refuses the changes contact sync reads, so no Dynamics edit reaches the CLM.',
        hint: CONTACT_TRACK_CHANGES_HINT,
      };
}
