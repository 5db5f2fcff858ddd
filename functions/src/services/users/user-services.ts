/** What the user-provisioning functions need, as the composition root builds it. */
import type { ProvisioningDeps } from './deps';
import { ScimNotConfiguredError } from '../errors';
import type { ScimHealthDeps } from './scim-health';

export interface UserServices {
  /** The ports of a provisioning run; throws ScimNotConfiguredError when SCIM_URL / SCIM_TOKEN are not set. */
  provisioning(): ProvisioningDeps;
  /** Whether SCIM_URL and SCIM_TOKEN are set. */
  configured: boolean;
  health: ScimHealthDeps;
}

export function notConfigured(): never {
  throw new ScimNotConfiguredError();
}
