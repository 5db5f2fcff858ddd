/**
 * Whether user provisioning and contact sync are set up, and if not, the step to take: read from
 * the health check of SCIM (SCIM_URL / SCIM_TOKEN are Function App settings the page cannot read)
 * and from the contact sync settings variable (a Dynamics environment variable it can).
 */
import { ENVIRONMENT_VARIABLES } from '../../../api/vocabulary/environment-variables';
import { readEnvironmentVariables } from '../../lib/environment';
import { checkNamed, type HealthState } from './use-health';

export type SetupState = { kind: 'unknown' } | { kind: 'ready' } | { kind: 'not set up'; detail: string; step: string };

/** The check check-health.ts reports alone when SCIM is not configured (and when its probe failed). */
const SCIM_NOT_CONFIGURED_CHECK = 'User provisioning (SCIM)';

export function userProvisioningSetup(health: HealthState): SetupState {
  if (!health.checks) return { kind: 'unknown' };
  const check = checkNamed(health, SCIM_NOT_CONFIGURED_CHECK);
  if (check && !check.ok) return { kind: 'not set up', detail: check.detail, step: check.hint || 'Set SCIM_URL and SCIM_TOKEN in the Function App settings.' };
  return { kind: 'ready' };
}

const SETTINGS_NAME = 'Dilitrust_ContactSync_Settings';

export async function contactSyncSetup(): Promise<SetupState> {
  const vars = await readEnvironmentVariables([ENVIRONMENT_VARIABLES.contactSyncSettings]);
  return contactSyncSetupOf(vars[ENVIRONMENT_VARIABLES.contactSyncSettings]);
}

/** Empty is the default field map (contact-sync.md); JSON that does not parse, or `"enabled": false`, is not set up. */
export function contactSyncSetupOf(text: string | undefined): SetupState {
  if (!text || text.trim() === '') return { kind: 'ready' };
  let settings: unknown;
  try {
    settings = JSON.parse(text);
  } catch {
    return {
      kind: 'not set up',
      detail: `${SETTINGS_NAME} is not valid JSON.`,
      step: `Fix the JSON of the environment variable ${SETTINGS_NAME} (Solutions > DiliTrust CLM Connector > Environment variables), or empty it to use the default field map.`,
    };
  }
  if (settings && typeof settings === 'object' && (settings as { enabled?: unknown }).enabled === false) {
    return {
      kind: 'not set up',
      detail: `Contact sync is turned off: ${SETTINGS_NAME} says "enabled": false.`,
      step: `Set "enabled": true in the environment variable ${SETTINGS_NAME} to sync contacts.`,
    };
  }
  return { kind: 'ready' };
}
