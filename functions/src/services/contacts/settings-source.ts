/** The contact sync settings from the environment variable, checked each time a run starts. */
import { ENVIRONMENT_VARIABLES } from '../../../../api/vocabulary/environment-variables';
import { parseContactSyncSettings, type ContactSyncSettings } from '../../domain/contact-sync';
import { ConflictError } from '../errors';
import type { ContactSyncSettingsSource } from './ports';

export const CONTACT_SYNC_SETTINGS_VARIABLE = ENVIRONMENT_VARIABLES.contactSyncSettings;

export function settingsFromVariable(read: () => Promise<string | undefined>): ContactSyncSettingsSource {
  return {
    async read(): Promise<ContactSyncSettings> {
      const result = parseContactSyncSettings(await read());
      if (result.ok) return result.settings;
      throw new ConflictError(
        `Dilitrust_ContactSync_Settings is not valid, so contacts were not synced: ${result.problems.map((p) => (p.path ? `${p.path}: ${p.message}` : p.message)).join(' ')}`,
        result.problems.map((p) => ({ field: p.path, message: p.message })),
      );
    },
  };
}
