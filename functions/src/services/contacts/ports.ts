/**
 * What contact sync needs from the world (contact-sync.md), declared beside the service; the
 * adapters implement them (adapters/dataverse, adapters/clm, adapters/storage). Values travel in
 * the domain's vocabulary (`ContactValues`, keyed by CLM field name), so the service never sees a
 * Dataverse column or a CLM body.
 */
import type { ContactScope, ContactSyncSettings, ContactValues, FieldRule, SyncedValues } from '../../domain/contact-sync';

export interface DynamicsContact {
  id: string;
  /** For If-Match on the next write. */
  etag: string;
  values: ContactValues;
  /** RFC 3339 `modifiedon`. */
  modifiedOn: string;
  /** `_modifiedby_value`: the connector's application user when the last change was its own. */
  modifiedBy: string | null;
  /** `createdon` and `_createdby_value`: a contact the connector made during this run is told apart. */
  createdOn?: string;
  createdBy?: string | null;
  fullName: string;
}

export interface DynamicsContactsPort {
  /** Every contact, through a change-tracked read, and the delta link to follow next time. */
  readAll(rules: readonly FieldRule[]): Promise<{ contacts: DynamicsContact[]; deltaLink: string }>;
  /** What changed since `deltaLink`; throws DeltaLinkExpiredError when Dataverse no longer has it. */
  readChanges(deltaLink: string, rules: readonly FieldRule[]): Promise<{ changed: DynamicsContact[]; deleted: string[]; deltaLink: string }>;
  get(id: string, rules: readonly FieldRule[]): Promise<DynamicsContact | undefined>;
  /** Case-insensitive, as Dataverse compares text. */
  findByEmail(email: string, rules: readonly FieldRule[]): Promise<DynamicsContact[]>;
  /** Only the given fields; If-Match `etag` (StaleContactError when the row moved on). */
  update(id: string, etag: string, values: ContactValues, rules: readonly FieldRule[]): Promise<void>;
  create(values: ContactValues, rules: readonly FieldRule[]): Promise<DynamicsContact>;
  /** The ids of the contacts in `scope`; undefined means every active contact. */
  idsInScope(scope: ContactScope): Promise<Set<string> | undefined>;
  /** The connector's application user (systemuserid), whose own writes are not changes. */
  applicationUserId(): Promise<string>;
  /** Whether the user (Entra object id) may read the contact: Dataverse's record security, as them. */
  canRead(callerObjectId: string, contactId: string): Promise<boolean>;
}

export interface ClmContact {
  id: string;
  externalId: string | null;
  values: ContactValues;
  version: number;
  updatedAt: string;
  updatedBy: string | null;
}

export interface ClmContactsPort {
  all(): Promise<ClmContact[]>;
  /** Changed at or after `since` (inclusive: an overlap re-reads, never skips). */
  changedSince(since: string): Promise<ClmContact[]>;
  get(id: string): Promise<ClmContact | undefined>;
  findByEmail(email: string): Promise<ClmContact[]>;
  findByExternalId(externalId: string): Promise<ClmContact[]>;
  /** `idempotencyKey` makes a resend harmless. */
  create(values: ContactValues, externalId: string, idempotencyKey: string): Promise<ClmContact>;
  /** If-Match `version` (StaleContactError when the contact moved on). */
  update(id: string, version: number, values: ContactValues, externalId?: string | null): Promise<ClmContact>;
}

export type LinkState = 'inSync' | 'pending' | 'error' | 'conflict';

export interface ContactLink {
  /** The dtclm_contactlink row; undefined until saved. */
  rowId?: string;
  contactId: string;
  clmContactId: string | null;
  clmVersion: number | null;
  synced?: SyncedValues;
  hash?: string;
  state: LinkState;
  lastError: string | null;
  /** `dtclm_name`, the contact's full name as last written (dataverse-model.md). */
  name?: string;
}

export interface ContactLinkStore {
  /**
   * Every link, and apart the rows whose contact is gone: Dataverse clears a link's contact when
   * the contact is deleted (the lookup's cascade is Remove Link), leaving a row with nothing to link.
   */
  all(): Promise<{ links: ContactLink[]; withoutContact: ContactLink[] }>;
  byContactIds(ids: readonly string[]): Promise<ContactLink[]>;
  byClmContactIds(ids: readonly string[]): Promise<ContactLink[]>;
  /** Creates or updates (by rowId) the link; returns it with its rowId. */
  save(link: ContactLink, name: string): Promise<ContactLink>;
  /** Many links in few requests (a full sync's new links); each as `save` would. */
  saveAll(items: readonly { link: ContactLink; name: string }[]): Promise<void>;
  /** Deletes the row (an orphan link); a row already gone is done. */
  remove(rowId: string): Promise<void>;
}

/** Kept in Azure Storage between runs. */
export interface ContactSyncState {
  /** The Dataverse delta link of the last run, and the $select it was made with. */
  deltaLink?: string;
  deltaFields?: string;
  /** Where the next CLM read starts (the last run's start, before the overlap is taken off). */
  clmSince?: string;
  /** The CLM's id for the connector's API client (`updatedBy` of its own writes), once seen. */
  clmClientId?: string;
  /**
   * The contacts that failed in the last run (an outage, a refusal), by side: the next
   * incremental run syncs them again though neither side changed them since, so a failure is
   * never left behind by the delta link and `clmSince` moving on.
   */
  retry?: RetrySet;
}

export interface RetrySet {
  dynamics: string[];
  clm: string[];
  /** Contacts deleted in Dynamics whose CLM contact could not be deactivated. */
  deleted: string[];
}

export interface ContactSyncStateStore {
  read(): Promise<ContactSyncState>;
  write(state: ContactSyncState): Promise<void>;
}

export interface ContactSyncSettingsSource {
  /** The checked settings; throws a BadRequestError-like ConnectorError naming the problems. */
  read(): Promise<ContactSyncSettings>;
}

/** How a long run reports (the runs machinery of the templates branch plugs in here). */
export interface RunProgress {
  report(done: number, total?: number): Promise<void> | void;
  error(item: string, message: string): void;
}

export interface ContactSyncDeps {
  dynamics: DynamicsContactsPort;
  clm: ClmContactsPort;
  links: ContactLinkStore;
  state: ContactSyncStateStore;
  settings: ContactSyncSettingsSource;
  now(): Date;
  /** How far back the CLM read reaches before the last run's start (default 5 minutes). */
  clmOverlapMs?: number;
}

// --- the failures the ports signal, so the service can re-read and merge or fall back ---

/** The record moved on since it was read (Dataverse 412 on If-Match, CLM 412): read again and merge. */
export class StaleContactError extends Error {
  constructor(readonly side: 'dynamics' | 'clm') {
    super(`The ${side === 'dynamics' ? 'Dynamics' : 'CLM'} contact changed since it was read.`);
    this.name = 'StaleContactError';
  }
}

/** Dataverse no longer has the delta link (older than its change-tracking retention): a full sync follows. */
export class DeltaLinkExpiredError extends Error {
  constructor() {
    super('The Dataverse delta link expired; a full sync is needed.');
    this.name = 'DeltaLinkExpiredError';
  }
}

/** The CLM refused a second active contact with the same e-mail (409). */
export class DuplicateEmailError extends Error {
  constructor(readonly detail: string) {
    super(detail);
    this.name = 'DuplicateEmailError';
  }
}
