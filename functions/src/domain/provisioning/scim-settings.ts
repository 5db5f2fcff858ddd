/**
 * The environment variable `dtclm_scim_settings` (scim-profile.md): `{ "roleMap": { "<Dynamics role
 * or team name>": "Validator" }, "groupPrefix": "CLM-", "roleIds"?: { "Administrator": "<uuid>" } }`.
 * Read with a message an admin can act on; an empty value means the defaults.
 */
import { zodProblemsLine } from '../../../../api/zod-problems';
import { z } from 'zod';
import { CLM_ROLES, type ClmRole } from './clm-role';

export interface ScimSettings {
  /** Dynamics role or team name (compared without case) -> CLM role. */
  roleMap: Map<string, ClmRole>;
  groupPrefix: string;
  /** Role UUIDs that override what /Schemas says. */
  roleIds: Partial<Record<ClmRole, string>>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const role = z.enum(CLM_ROLES, { error: `must be one of ${CLM_ROLES.join(', ')}` });

const schema = z
  .object({
    roleMap: z.record(z.string().trim().min(1, { error: 'a role or team name is empty' }), role).default({}),
    groupPrefix: z.string().trim().min(1, { error: 'must not be empty' }).default('CLM-'),
    roleIds: z.partialRecord(role, z.string().regex(UUID, { error: 'must be a UUID' })).default({}),
  })
  .strict();

class ScimSettingsError extends Error {
  constructor(detail: string) {
    super(`Dilitrust_SCIM_Settings (dtclm_scim_settings) is not valid: ${detail}`);
    this.name = 'ScimSettingsError';
  }
}

export function parseScimSettings(json: string | undefined | null): ScimSettings {
  let raw: unknown = {};
  if (json && json.trim()) {
    try {
      raw = JSON.parse(json);
    } catch {
      throw new ScimSettingsError('it is not JSON.');
    }
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw new ScimSettingsError(zodProblemsLine(parsed.error, { root: '(settings)', input: raw }));
  }
  const roleMap = new Map<string, ClmRole>();
  for (const [name, clmRole] of Object.entries(parsed.data.roleMap)) roleMap.set(name.trim().toLowerCase(), clmRole);
  return { roleMap, groupPrefix: parsed.data.groupPrefix, roleIds: parsed.data.roleIds };
}
