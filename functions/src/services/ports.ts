/**
 * Ports: what the services need from the world, implemented by adapters (functions/src/adapters).
 * Services depend on these interfaces only, so they run against fakes in unit tests.
 */
import type { ContractStatus } from '../domain/contract';
import type { Answer, DataverseMetadata, RecordRequest } from '../domain/mapping';

/** Whose rights a Dataverse read runs with: the calling user's Entra object id (`CallerObjectId`). */
export interface Caller {
  callerObjectId: string;
}

/** A planned request whose record ids are known (the trigger id given, earlier answers read). */
export type ReadyRequest = { kind: 'record'; request: RecordRequest; id: string } | { kind: 'batch'; parts: { request: RecordRequest; id: string }[] };

/** Executes one planned Web API request as the caller; a record that is missing or hidden from them is null. */
export interface RecordReader {
  read(request: ReadyRequest, as: Caller): Promise<Answer>;
}

/** Dataverse metadata (EntityDefinitions) of the given tables; unknown tables are simply absent. */
export interface MetadataReader {
  load(logicalNames: readonly string[]): Promise<DataverseMetadata>;
}

/** The caller's time zone (IANA) and locale (BCP 47), from their Dynamics user settings. */
export interface UserContextReader {
  contextOf(as: Caller): Promise<{ timeZone: string; locale: string }>;
}

// ---- Status webhook, processor, reconcile, registration ----

/** A `dtclm_contract` row as the status processor sees it. */
export interface ContractStatusRow {
  /** The row id (GUID). */
  id: string;
  clmContractId: string;
  /** CLM status held (null: Failed, or never set). */
  status: ContractStatus | null;
  /** The CLM sequence of that status (0 when none yet). */
  sequence: number;
  statusChangedOn: string | null;
  /** Who owns the row; the events are given the same owner (Basic-depth readers see them). */
  owner: { type: 'systemuser' | 'team'; id: string };
  /** The row's `dtclm_opportunityid` and `dtclm_quoteid`: the CLM contract's externalRef must name one of them. */
  opportunityId: string | null;
  quoteId: string | null;
  /** The row's ETag, for the If-Match of a status change. */
  etag: string;
}

export interface StatusChange {
  status: ContractStatus;
  sequence: number;
  statusChangedOn: string;
  /** Set on rejected, declined, expired, cancelled; cleared otherwise. */
  reason: string | null;
}

/** A `dtclm_contractevent` row to write: a CLM webhook event, or an action of the connector (`connector:<uuid>`). */
export interface NewContractEvent {
  eventId: string;
  name: string;
  status: ContractStatus;
  sequence: number;
  occurredOn: string;
  payload: string;
  /** False when the event arrived out of order and did not move the status (default true). */
  applied?: boolean;
}

/** Where an event row goes when it is written apart from its contract (the status processor). */
export interface EventPlacement {
  contractRowId: string;
  /** The contract's owner: the events are given the same one (Basic-depth readers see them). */
  owner: ContractStatusRow['owner'];
}

/** Dataverse, as the status processor and reconcile need it (app identity). */
export interface ContractStatusStore {
  findByClmId(clmContractId: string): Promise<ContractStatusRow | null>;
  /** `asCallerObjectId`: read as that user (CallerObjectId), so a row they may not read is null. */
  findById(id: string, asCallerObjectId?: string): Promise<ContractStatusRow | null>;
  eventExists(eventId: string): Promise<boolean>;
  /** Create-only on the `dtclm_eventid` key: 'exists' when another delivery already wrote it. */
  createEvent(event: NewContractEvent & EventPlacement): Promise<'created' | 'exists'>;
  /** Conditional on the ETag: 'stale' when someone changed the row since it was read. */
  changeStatus(row: ContractStatusRow, change: StatusChange): Promise<'changed' | 'stale'>;
  /** Stores the signed PDF in `dtclm_signeddocument` (chunked above 4 MB). */
  storeSignedDocument(rowId: string, fileName: string, content: Buffer): Promise<void>;
  /** Empties `dtclm_signeddocument`: a row the CLM does not say is signed holds no signed PDF. */
  clearSignedDocument(rowId: string): Promise<void>;
  /** Contracts not in a final status whose status changed before `before` (or never), page by page. */
  listStaleContracts(before: Date): AsyncIterable<ContractStatusRow[]>;
}

/** What reconcile and the processor read from the CLM. */
export interface ClmContractSnapshot {
  id: string;
  name?: string;
  /** clm-api.yaml Contract `fields`: the values as the CLM holds them now (legal may have changed them). */
  fields?: Record<string, unknown>;
  status: ContractStatus;
  sequence: number;
  updatedAt: string;
  documents?: { id: string; name: string; kind: 'draft' | 'signed'; size: number; contentType: string }[];
  /** clm-api.yaml ExternalRef: the Dynamics record the contract was made for (checked before acting on it). */
  externalRef?: unknown;
}

export interface ClmStatusReader {
  /** null when the CLM does not know the contract (404). */
  getContract(clmContractId: string): Promise<ClmContractSnapshot | null>;
  getDocumentContent(clmContractId: string, documentId: string): Promise<Buffer>;
}

/** A verified webhook delivery, as the receiver keeps it for the processor. */
export interface QueuedWebhookEvent {
  webhookId: string;
  receivedAt: string;
  /** The raw body, exactly as verified. */
  body: string;
}

export interface WebhookEventQueue {
  /** Resolves only once Azure Storage has the event; rejects when it cannot take it. */
  enqueue(event: QueuedWebhookEvent): Promise<void>;
}

/** A queue that can also keep several events in one durable write (the receiver's group commit). */
export interface GroupingWebhookEventQueue extends WebhookEventQueue {
  /** One write holding all these events; resolves only once Azure Storage has it, else rejects for all. */
  enqueueGroup(events: QueuedWebhookEvent[]): Promise<void>;
  /** What one event takes of a group's capacity (its encoded size, in bytes). */
  groupCost(event: QueuedWebhookEvent): number;
  /** The most a group can hold, in the unit of groupCost; an event over it is enqueued alone. */
  readonly groupCapacity: number;
}

/**
 * The webhook secrets (never logged). A rotation stores the new secret as `pending`, sets it in the
 * CLM, then makes it `current` and keeps the old one as `previous` during a grace period.
 */
export interface WebhookSecrets {
  current: string | null;
  /** Accepted until `previousUntil`, and in any case until the CLM has confirmed `current`. */
  previous: string | null;
  previousUntil: string | null;
  /** Made but not yet accepted by the CLM's PUT /webhook; accepted too, in case the CLM signs with it first. */
  pending: string | null;
  /** When an event first verified with `current` (the CLM's confirmation); null while not yet. */
  confirmedAt: string | null;
  webhookUrl: string | null;
  rotatedAt: string | null;
}

export const NO_WEBHOOK_SECRETS: WebhookSecrets = {
  current: null,
  previous: null,
  previousUntil: null,
  pending: null,
  confirmedAt: null,
  webhookUrl: null,
  rotatedAt: null,
};

export interface WebhookSecretStore {
  read(): Promise<WebhookSecrets>;
  /** Read-modify-write guarded by the stored ETag (re-read and retried on a concurrent change); null = no change. */
  update(change: (s: WebhookSecrets) => WebhookSecrets | null): Promise<WebhookSecrets>;
}

/** The CLM's webhook registration (clm-api.yaml `/webhook`). */
export interface ClmWebhookApi {
  getWebhook(): Promise<{ webhook_url: string | null; events?: string[] }>;
  putWebhook(registration: { webhook_url: string; secret: string }): Promise<void>;
}

/** One event of a queue message, as the processor sees it (the adapter knows how its body is kept). */
export interface QueuedEventRef {
  webhookId: string;
  receivedAt: string;
}

/** The webhook event queue as the status processor reads it. */
export interface StatusEventQueue extends GroupingWebhookEventQueue {
  /** The events a queue message holds (one, or a group in the order grouped); throws on a message that is not ours. */
  eventsOf(message: unknown): QueuedEventRef[];
  /** The raw body of one event, exactly as verified. */
  bodyOf(event: QueuedEventRef): Promise<string>;
}

/** Where the Functions runtime sets a status event aside after its fifth failed attempt. */
export interface PoisonQueue {
  /** Approximate number of messages waiting (Azure Storage's count is approximate by design). */
  count(): Promise<number>;
  /** Moves every poisoned message back to the main queue; answers how many were moved. */
  replay(): Promise<number>;
}

/**
 * Runs an operation again while a service it needs is unavailable (UnavailableError: throttled or
 * down), waiting at least what the service asked, for a bounded time; any other failure at once.
 */
export type OutageRetry = <T>(operation: () => Promise<T>, onRetry: (info: { delayMs: number; attempt: number }) => void) => Promise<T>;
