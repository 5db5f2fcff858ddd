import { randomUUID } from 'node:crypto';
import { SCIMMY } from 'scimmy-routers';
import type { ClmRoles } from './roles';

/** A resource as the CLM holds it: the SCIM attributes plus its own meta. */
export interface StoredResource {
  id: string;
  meta: { resourceType: 'User' | 'Group'; created: string; lastModified: string };
  [attribute: string]: unknown;
}

const scimError = (status: number, scimType: string | null, detail: string) => new SCIMMY.Types.Error(status, scimType as never, detail);

/** Attributes the client may not set: the server owns them (RFC 7643 section 3.1). */
function withoutServerAttributes(data: Record<string, unknown>): Record<string, unknown> {
  const { id: _id, meta: _meta, schemas: _schemas, ...rest } = data;
  return rest;
}

/**
 * The users and groups of one CLM organization. Uniqueness is checked here, as the CLM does:
 * userName (case-insensitive, RFC 7643 caseExact false) among users, displayName among groups.
 * Users are never deleted (scim-profile.md): the connector deactivates them.
 */
export class ScimStore {
  private users = new Map<string, StoredResource>();
  private groups = new Map<string, StoredResource>();

  constructor(
    private readonly roles: ClmRoles,
    private readonly now: () => string = () => new Date().toISOString(),
  ) {}

  listUsers(): StoredResource[] {
    return [...this.users.values()];
  }

  listGroups(): StoredResource[] {
    return [...this.groups.values()];
  }

  user(id: string): StoredResource {
    const found = this.users.get(id);
    if (!found) throw scimError(404, null, `Resource ${id} not found`);
    return found;
  }

  group(id: string): StoredResource {
    const found = this.groups.get(id);
    if (!found) throw scimError(404, null, `Resource ${id} not found`);
    return found;
  }

  writeUser(id: string | undefined, data: Record<string, unknown>): StoredResource {
    const previous = id === undefined ? undefined : this.user(id);
    const attributes = withoutServerAttributes(data);
    const userName = String(attributes.userName ?? '');
    for (const other of this.users.values()) {
      if (other.id !== id && String(other.userName).toLowerCase() === userName.toLowerCase()) {
        throw scimError(409, 'uniqueness', `userName "${userName}" is already taken by another user`);
      }
    }
    const roleId = attributes.roleId;
    if (typeof roleId !== 'string' || !roleId) {
      throw scimError(400, 'invalidValue', 'roleId is required: every CLM user has exactly one role (see GET /Schemas for the role UUIDs)');
    }
    if (!this.roles.nameOf(roleId)) throw scimError(400, 'invalidValue', `roleId "${roleId}" is not a role of this organization`);
    if (attributes.active === undefined) attributes.active = previous ? previous.active : true;
    const at = this.now();
    const stored: StoredResource = {
      ...attributes,
      id: previous?.id ?? randomUUID(),
      meta: { resourceType: 'User', created: previous?.meta.created ?? at, lastModified: at },
    };
    this.users.set(stored.id, stored);
    return stored;
  }

  writeGroup(id: string | undefined, data: Record<string, unknown>): StoredResource {
    const previous = id === undefined ? undefined : this.group(id);
    const attributes = withoutServerAttributes(data);
    const displayName = String(attributes.displayName ?? '');
    for (const other of this.groups.values()) {
      if (other.id !== id && String(other.displayName).toLowerCase() === displayName.toLowerCase()) {
        throw scimError(409, 'uniqueness', `A group named "${displayName}" already exists`);
      }
    }
    const members = (attributes.members ?? []) as { value?: string }[];
    const memberIds: string[] = [];
    for (const member of members) {
      if (!member.value || !this.users.has(member.value))
        throw scimError(400, 'invalidValue', `Group member "${member.value ?? ''}" is not a user of this organization`);
      // A member added again (a PATCH "add" of a value already there) is held once: RFC 7644
      // section 3.5.2.1 makes that a success that changes nothing.
      if (!memberIds.includes(member.value)) memberIds.push(member.value);
    }
    // Members are held by reference; the CLM answers with `value`, `$ref` and `display` of its own.
    attributes.members = memberIds.map((value) => ({ value, type: 'User' }));
    const at = this.now();
    // A write that changes nothing keeps the modify timestamp (same section).
    const unchanged = previous !== undefined && sameGroup(previous, attributes);
    const stored: StoredResource = {
      ...attributes,
      id: previous?.id ?? randomUUID(),
      meta: { resourceType: 'Group', created: previous?.meta.created ?? at, lastModified: unchanged ? previous.meta.lastModified : at },
    };
    this.groups.set(stored.id, stored);
    return stored;
  }

  deleteGroup(id: string): void {
    this.group(id);
    this.groups.delete(id);
  }

  /** After the role UUIDs were regenerated: every user keeps its role under the new UUID. */
  renameRoles(renamed: Map<string, string>): void {
    for (const user of this.users.values()) {
      const next = renamed.get(String(user.roleId));
      if (next) user.roleId = next;
    }
  }
}

/** The same group, id and meta aside: the same attributes, and the same members in any order. */
function sameGroup(previous: StoredResource, next: Record<string, unknown>): boolean {
  const canonical = (r: Record<string, unknown>) => {
    const { id: _id, meta: _meta, members, ...rest } = r;
    const ids = ((members ?? []) as { value?: string }[]).map((m) => m.value).sort();
    return JSON.stringify([Object.entries(rest).sort(([a], [b]) => a.localeCompare(b)), ids]);
  };
  return canonical(previous) === canonical(next);
}
