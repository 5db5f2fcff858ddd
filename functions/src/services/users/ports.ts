/**
 * The ports user provisioning needs (scim-profile.md): Dynamics read in pages, the link rows, the
 * CLM's SCIM service provider, and the settings. Adapters implement them; the composition root
 * wires them.
 */
import type { ClmRole, DynamicsUser, HeldClmGroup, HeldClmUser, PatchOperation, SchemaAttribute, TeamMembers } from '../../domain/provisioning';

export interface DynamicsSnapshot {
  users: DynamicsUser[];
  teams: TeamMembers[];
}

export interface ProvisioningDirectory {
  /** Every user (roles direct and through teams, teams) and every team with its members, read in pages. */
  readAll(): Promise<DynamicsSnapshot>;
  /** One user as readAll gives them, or undefined when there is no such systemuser. */
  readOne(systemUserId: string): Promise<DynamicsUser | undefined>;
}

export type LinkState = 'In sync' | 'Pending' | 'Error';

/** A `dtclm_userlink` row (dataverse-model.md). */
export interface UserLink {
  systemUserId: string;
  name: string;
  scimId?: string;
  role?: ClmRole;
  /** As last pushed to the CLM. */
  active?: boolean;
  state?: LinkState;
  lastError?: string;
  lastSyncedOn?: string;
}

export interface UserLinkStore {
  list(): Promise<UserLink[]>;
  get(systemUserId: string): Promise<UserLink | undefined>;
  /** Creates or updates the row of `link.systemUserId`; `lastSyncedOn` only when given. */
  save(link: UserLink): Promise<void>;
}

export interface NewClmUser {
  userName: string;
  externalId: string;
  givenName: string;
  familyName: string;
  roleId: string;
}

export interface ScimClient {
  /** The roleId attribute of the core user schema, from GET /Schemas. */
  roleIdAttribute(): Promise<SchemaAttribute | undefined>;
  listUsers(): Promise<HeldClmUser[]>;
  /**
   * One user at most (`GET /Users?count=1`): a resource that needs the token. RFC 7644 section 4
   * lets a service provider serve /Schemas without authentication, so only this proves the token.
   */
  checkToken(): Promise<void>;
  getUser(id: string): Promise<HeldClmUser | undefined>;
  findUsers(attribute: 'externalId' | 'userName', value: string): Promise<HeldClmUser[]>;
  createUser(user: NewClmUser): Promise<HeldClmUser>;
  patchUser(id: string, operations: PatchOperation[]): Promise<void>;
  listGroups(): Promise<HeldClmGroup[]>;
  findGroup(displayName: string): Promise<HeldClmGroup | undefined>;
  createGroup(displayName: string, memberIds: string[]): Promise<void>;
  patchGroupMembers(id: string, add: string[], remove: string[]): Promise<void>;
  deleteGroup(id: string): Promise<void>;
}

export interface ScimSettingsSource {
  /** The JSON of the environment variable dtclm_scim_settings, or undefined when empty. */
  scimSettingsJson(): Promise<string | undefined>;
}

/** How a long run tells its progress (the run machinery keeps it; tests read it). */
export interface ProgressReporter {
  report(done: number, total?: number): Promise<void> | void;
  error(item: string, message: string): void;
}
