/**
 * Role UUIDs from the CLM's `GET /Schemas` (scim-profile.md): in the core user schema, the roleId
 * attribute's `description` reads `Administrator=<uuid>, Editor=<uuid>, ...` and its
 * `canonicalValues` are the UUIDs. The settings' `roleIds` override what the CLM says, role by role.
 */
import { CLM_ROLES, isClmRole, type ClmRole } from './clm-role';

export type RoleIds = Partial<Record<ClmRole, string>>;

export const CORE_USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const ROLE_ID_ATTRIBUTE = 'roleId';

export interface SchemaAttribute {
  name: string;
  description?: string;
  canonicalValues?: unknown[];
}

/** The roles named in the roleId attribute; a UUID the canonical values do not list is ignored. */
export function roleIdsFromSchema(attribute: SchemaAttribute | undefined): RoleIds {
  if (!attribute?.description) return {};
  const canonical = Array.isArray(attribute.canonicalValues) ? new Set(attribute.canonicalValues.map((v) => String(v).toLowerCase())) : undefined;
  const found: RoleIds = {};
  for (const part of attribute.description.split(',')) {
    const match = /^\s*([A-Za-z]+)\s*=\s*([0-9a-fA-F-]{36})\s*$/.exec(part);
    if (!match) continue;
    const [, name, uuid] = match;
    if (!isClmRole(name)) continue;
    if (canonical && !canonical.has(uuid.toLowerCase())) continue;
    found[name] = uuid;
  }
  return found;
}

export function withOverride(fromSchema: RoleIds, override: RoleIds): RoleIds {
  return { ...fromSchema, ...override };
}

export function roleOfId(ids: RoleIds, uuid: string | undefined): ClmRole | undefined {
  if (!uuid) return undefined;
  return CLM_ROLES.find((r) => ids[r]?.toLowerCase() === uuid.toLowerCase());
}

export function countRoleIds(ids: RoleIds): number {
  return CLM_ROLES.filter((r) => ids[r]).length;
}
