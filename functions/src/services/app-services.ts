/**
 * Everything the handlers may call on, as one object: the composition root (functions/src/app)
 * builds it once per app instance, lazily, part by part; handlers receive a provider of it
 * (`AppProvider`) and never build anything themselves.
 */
import type { AuthDeps } from './auth/authorize';
import type { ContactSyncDeps } from './contacts/ports';
import type { ContractServices } from './contracts/contract-services';
import type { HealthDeps } from './health/check-health';
import type { Redactor } from './logging/redactor';
import type { UserServices } from './users/user-services';
import type { RunService } from './runs/run-service';
import type { TemplateAdminStore } from './templates/ports';
import type { WebhookServices } from './webhooks/webhook-services';

export interface AppServices {
  /** Takes the app's secrets out of every log line. */
  readonly redactor: Redactor;
  /** Token validation and the caller's Dynamics user, for every route but the webhook. */
  readonly auth: AuthDeps;
  readonly contracts: ContractServices;
  readonly webhooks: WebhookServices;
  readonly health: HealthDeps;
  /** User provisioning over SCIM (scim-profile.md). */
  readonly users: UserServices;
  /** Long runs of every kind: start, follow, and the queue worker (services/runs/README.md). */
  readonly runs: RunService;
  /** The `dtclm_template` rows as the admin mapping routes read and save them (as the caller). */
  readonly templateAdmin: TemplateAdminStore;
  /** Contact sync's ports (contact-sync.md). */
  readonly contacts: ContactSyncDeps;
}

/** How a handler reaches the app's services: called per invocation, so nothing is built at import time. */
export type AppProvider = () => AppServices;
