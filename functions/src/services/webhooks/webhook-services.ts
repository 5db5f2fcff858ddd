/**
 * What the webhook area's use cases (receive, process, reconcile, register, replay) work with:
 * ports only, built once per app by the composition root (functions/src/app).
 */
import type {
  ClmStatusReader,
  ClmWebhookApi,
  ContractStatusStore,
  OutageRetry,
  PoisonQueue,
  StatusEventQueue,
  WebhookEventQueue,
  WebhookSecretStore,
} from '../ports';
import type { CachedSecrets } from './accepted-secrets';
import type { ContractStatus } from '../../domain/contract';
import type { RenewalResult } from '../outcomes/create-renewal-tasks';

export interface WebhookServices {
  secretStore: WebhookSecretStore;
  secrets: CachedSecrets;
  queue: StatusEventQueue;
  /**
   * What the receiver enqueues through: `queue` behind one group committer per app, so that
   * concurrent deliveries share queue messages (each still acknowledged only once its message is kept).
   */
  receiverQueue: WebhookEventQueue;
  poison: PoisonQueue;
  store: ContractStatusStore;
  /** `rootFolderExists`: for the health check (false when the root folder is unset or unknown). */
  clm: ClmStatusReader & ClmWebhookApi & { rootFolderExists?(): Promise<boolean> };
  /** `dtclm_connector_url` (the functions app's public base, ending in /api); undefined when unset. */
  connectorUrl(): Promise<string | undefined>;
  /** This organization's URL (DATAVERSE_URL): a CLM contract is acted on only when its externalRef names it. */
  orgUrl?: string;
  /** How the processor rides out a Dataverse or CLM outage before giving the message back. */
  outageRetry: OutageRetry;
  /** What a moved status does to the contract's record: returns, win (services/outcomes). */
  outcomes?: (moved: { contractRowId: string; status: ContractStatus; sequence: number }, log?: (message: string) => void) => Promise<void>;
  /** The daily renewal tasks (services/outcomes/create-renewal-tasks.ts), at `now`. */
  renewalTasks?: (now: Date, log?: (message: string) => void) => Promise<RenewalResult>;
}
