/** What the provisioning use cases are given (ports), and the run's shared context built from them. */
import { parseScimSettings, type RoleIds, type ScimSettings } from '../../domain/provisioning';
import type { ProvisioningDirectory, ScimClient, ScimSettingsSource, UserLinkStore } from './ports';
import type { RoleIdCache } from './role-id-cache';
import type { UserSyncContext } from './sync-user';

export interface ProvisioningDeps {
  directory: ProvisioningDirectory;
  links: UserLinkStore;
  scim: ScimClient;
  settings: ScimSettingsSource;
  roleIds: RoleIdCache;
  /** scim-profile.md: at most 4 writes at a time. */
  concurrency?: number;
  now?: () => Date;
}

export const MAX_CONCURRENT_WRITES = 4;

/** The context of one run: the settings read once, role UUIDs refreshed at most once. */
export async function runContext(deps: ProvisioningDeps): Promise<UserSyncContext> {
  const settings: ScimSettings = parseScimSettings(await deps.settings.scimSettingsJson());
  let refreshed: Promise<RoleIds> | undefined;
  return {
    scim: deps.scim,
    links: deps.links,
    settings,
    roleIds: () => deps.roleIds.get(),
    refreshRoleIds: () => (refreshed ??= deps.roleIds.refresh()),
    now: deps.now ?? (() => new Date()),
  };
}
