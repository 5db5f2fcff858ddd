/**
 * The health check's entries for user provisioning (connector-api.md, issue: SCIM reachable, token
 * accepted, role UUIDs found). GET /Schemas gives the role UUIDs; the token is checked on
 * `GET /Users?count=1`, a resource that needs it (RFC 7644 section 4 lets /Schemas be served
 * without authentication: a server that does so must not make a refused token look accepted).
 */
import type { HealthCheck } from '../../../../api/admin';
import { CLM_ROLES, countRoleIds, parseScimSettings, withOverride } from '../../domain/provisioning';
import { ScimTokenRejectedError, UnavailableError } from '../errors';
import type { ScimSettingsSource } from './ports';
import type { RoleIdCache } from './role-id-cache';

export interface ScimHealthDeps {
  /** Undefined when SCIM_URL / SCIM_TOKEN are not set. */
  roleIds: RoleIdCache | undefined;
  settings: ScimSettingsSource;
  /** A request that needs the token (ScimClient.checkToken). */
  checkToken?: () => Promise<void>;
}

const ok = (name: string, detail: string): HealthCheck => ({ name, ok: true, detail, hint: '' });
const bad = (name: string, detail: string, hint: string): HealthCheck => ({ name, ok: false, detail, hint });

export async function scimHealthChecks(deps: ScimHealthDeps): Promise<HealthCheck[]> {
  if (!deps.roleIds)
    return [bad('User provisioning (SCIM)', 'Not configured.', 'Set SCIM_URL and SCIM_TOKEN in the Function App settings to provision users.')];
  try {
    const ids = await deps.roleIds.refresh();
    await deps.checkToken?.();
    let override = {};
    try {
      override = parseScimSettings(await deps.settings.scimSettingsJson()).roleIds;
    } catch (e) {
      return [
        ok('SCIM reachable', 'The CLM SCIM service answers.'),
        ok('SCIM token', 'The CLM accepts SCIM_TOKEN.'),
        bad('SCIM role UUIDs', (e as Error).message, 'Fix the JSON of Dilitrust_SCIM_Settings.'),
      ];
    }
    const all = withOverride(ids, override);
    const found = countRoleIds(all);
    const missing = CLM_ROLES.filter((r) => !all[r]);
    return [
      ok('SCIM reachable', 'The CLM SCIM service answers.'),
      ok('SCIM token', 'The CLM accepts SCIM_TOKEN.'),
      found === CLM_ROLES.length
        ? ok('SCIM role UUIDs', `${found} of ${CLM_ROLES.length} role UUIDs found.`)
        : bad(
            'SCIM role UUIDs',
            `${found} of ${CLM_ROLES.length} role UUIDs found (missing: ${missing.join(', ')}).`,
            'Check that GET /Schemas of the CLM lists the roles, or set roleIds in Dilitrust_SCIM_Settings.',
          ),
    ];
  } catch (e) {
    if (e instanceof ScimTokenRejectedError) {
      return [
        ok('SCIM reachable', 'The CLM SCIM service answers.'),
        bad('SCIM token', 'The CLM refused SCIM_TOKEN (HTTP 401).', 'Create a new SCIM token in the CLM and put it in SCIM_TOKEN.'),
        bad('SCIM role UUIDs', 'Not read: the token was refused.', 'Fix SCIM_TOKEN first.'),
      ];
    }
    const detail = e instanceof UnavailableError ? e.message : `Failed: ${(e as Error).message}`;
    return [
      bad('SCIM reachable', detail, 'Check SCIM_URL (e.g. https://api.dilitrust.com/api/scim/v2/) and that the CLM is up.'),
      bad('SCIM token', 'Not checked: the SCIM service did not answer.', ''),
      bad('SCIM role UUIDs', 'Not read: the SCIM service did not answer.', ''),
    ];
  }
}
