/**
 * What the webhook area's functions need, built once per process from the app's settings and the
 * shared adapters. Tests and benchmarks replace any part with `setWebhookServices`.
 */
import { getConfig } from '../../config';
import { StorageWebhookEventQueue, type QueueMessage } from '../../adapters/storage/event-queue';
import { StoragePoisonQueue, type PoisonQueue } from '../../adapters/storage/poison-queue';
import { BlobWebhookSecretStore } from '../../adapters/storage/webhook-secrets';
import type {
  ClmStatusReader,
  ClmWebhookApi,
  ContractStatusStore,
  GroupingWebhookEventQueue,
  WebhookEventQueue,
  WebhookSecretStore,
} from '../../services/ports';
import { CachedSecrets } from '../../services/webhooks/accepted-secrets';
import { GroupCommitQueue } from '../../services/webhooks/group-commit-queue';

export interface WebhookServices {
  secretStore: WebhookSecretStore;
  secrets: CachedSecrets;
  queue: GroupingWebhookEventQueue & { bodyOf(m: QueueMessage): Promise<string> };
  /**
   * What the receiver enqueues through: `queue` behind one group committer per process, so that
   * concurrent deliveries share queue messages (each still acknowledged only once its message is kept).
   */
  receiverQueue: WebhookEventQueue;
  poison: PoisonQueue;
  store: ContractStatusStore;
  /** `rootFolderExists`: for the health check (false when the root folder is unset or unknown). */
  clm: ClmStatusReader & ClmWebhookApi & { rootFolderExists?(): Promise<boolean> };
  /** `dtclm_connector_url` (the functions app's public base, ending in /api); undefined when unset. */
  connectorUrl(): Promise<string | undefined>;
  /** Dataverse answers as the app user (WhoAmI); throws when not. */
  pingDataverse(): Promise<void>;
  /** How long the processor keeps trying through a Dataverse or CLM outage before giving the message back. */
  outagePatienceMs: number;
}

/** Builds the Dataverse / CLM parts; supplied by the composition root (app-context.ts). */
export type RemoteParts = Pick<WebhookServices, 'store' | 'clm' | 'connectorUrl' | 'pingDataverse'>;

let overrides: Partial<WebhookServices> = {};
let remoteFactory: (() => RemoteParts) | undefined;
let built: WebhookServices | undefined;

/** The composition root registers how the Dataverse and CLM parts are made. */
export function setWebhookRemoteFactory(factory: () => RemoteParts): void {
  remoteFactory = factory;
  built = undefined;
}

/** Tests: replace parts (the rest is built from the settings as in production). */
export function setWebhookServices(parts: Partial<WebhookServices>): void {
  overrides = parts;
  built = undefined;
}

export function webhookServices(): WebhookServices {
  if (built) return built;
  const storageParts = (): Pick<WebhookServices, 'secretStore' | 'queue' | 'poison'> => {
    const cs = getConfig().storageConnectionString;
    return { secretStore: new BlobWebhookSecretStore(cs), queue: new StorageWebhookEventQueue(cs), poison: new StoragePoisonQueue(cs) };
  };
  const storage = overrides.secretStore && overrides.queue && overrides.poison ? undefined : storageParts();
  const remoteNeeded = !(overrides.store && overrides.clm && overrides.connectorUrl && overrides.pingDataverse);
  const remote: Partial<RemoteParts> = remoteNeeded ? remoteParts() : {};
  const secretStore = overrides.secretStore ?? storage!.secretStore;
  const queue = overrides.queue ?? storage!.queue;
  built = {
    secretStore,
    secrets: overrides.secrets ?? new CachedSecrets(secretStore),
    queue,
    receiverQueue: overrides.receiverQueue ?? new GroupCommitQueue(queue),
    poison: overrides.poison ?? storage!.poison,
    store: (overrides.store ?? remote.store)!,
    clm: (overrides.clm ?? remote.clm)!,
    connectorUrl: (overrides.connectorUrl ?? remote.connectorUrl)!,
    pingDataverse: (overrides.pingDataverse ?? remote.pingDataverse)!,
    outagePatienceMs: overrides.outagePatienceMs ?? 60_000,
  };
  return built;
}

/** The Dataverse and CLM parts from the composition root, loaded on first use (never at import time). */
function remoteParts(): RemoteParts {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  if (!remoteFactory) require('../../app-context');
  if (!remoteFactory) throw new Error('The webhook routes have no Dataverse/CLM clients: app-context.ts must call setWebhookRemoteFactory().');
  return remoteFactory();
}
