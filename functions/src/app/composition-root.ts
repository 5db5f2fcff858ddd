/**
 * The composition root: the one place that knows which adapter implements which port. It builds
 * the app's parts from the settings once per app instance, each on first use (never at import
 * time), and hands them out as AppServices. `functions/src/index.ts`, the sandbox's dev host,
 * tests and benchmarks call it; nothing else does.
 *
 * `createApp(config, overrides)` builds an independent app: tests build several (e.g. four
 * "instances" sharing one Azurite) and replace any part through `overrides`.
 */
import { ENVIRONMENT_VARIABLES } from '../../../api/vocabulary/environment-variables';
import { createClm, type Clm, type ClmOverrides } from '../adapters/clm';
import { DataverseCallerDirectory } from '../adapters/dataverse/caller-directory';
import { DataverseContractStatusRepository } from '../adapters/dataverse/contract-status-repository';
import { DataverseContractsRepository } from '../adapters/dataverse/contracts-repository';
import { createDataverse, type Dataverse, type DataverseOverrides } from '../adapters/dataverse/create-dataverse';
import { DataverseTemplatesRepository } from '../adapters/dataverse/templates-repository';
import { DataverseOutcomesRepository } from '../adapters/dataverse/outcomes-repository';
import { applyOutcomes } from '../services/outcomes/apply-outcomes';
import { createRenewalTasks } from '../services/outcomes/create-renewal-tasks';
import { EntraTokenValidator } from '../adapters/identity/entra-token-validator';
import { outageRetry } from '../adapters/resilience';
import { createScim } from '../adapters/scim/create-scim';
import { DataverseProvisioningDirectory } from '../adapters/dataverse/provisioning-directory';
import { DataverseUserLinkStore } from '../adapters/dataverse/user-link-store';
import { StorageWebhookEventQueue } from '../adapters/storage/event-queue';
import { StoragePoisonQueue } from '../adapters/storage/poison-queue';
import { BlobWebhookSecretStore } from '../adapters/storage/webhook-secrets';
import type { RetryPolicy } from '../adapters/resilience';
import type { Config } from '../config';
import { ReadPlanCache } from '../domain/mapping';
import type { AppServices } from '../services/app-services';
import type { AuthDeps } from '../services/auth/authorize';
import type { ContractServices } from '../services/contracts/contract-services';
import { TemplateCache } from '../services/contracts/template-cache';
import { NotFoundError } from '../services/errors';
import type { HealthDeps } from '../services/health/check-health';
import { Redactor } from '../services/logging/redactor';
import { CachedSecrets } from '../services/webhooks/accepted-secrets';
import { provisionUsersRun, USERS_RUN_KIND } from '../services/users/provision-users-run';
import { RoleIdCache } from '../services/users/role-id-cache';
import { scimHealthChecks } from '../services/users/scim-health';
import { applicationUserCheck } from '../services/health/application-user-check';
import { DataverseApplicationUserPrivileges } from '../adapters/dataverse/application-user-privileges';
import { contactChangeTrackingCheck } from '../services/health/contact-change-tracking-check';
import { DataverseTableChangeTracking } from '../adapters/dataverse/table-change-tracking';
import { notConfigured, type UserServices } from '../services/users/user-services';
import { GroupCommitQueue } from '../services/webhooks/group-commit-queue';
import type { WebhookServices } from '../services/webhooks/webhook-services';
import type { ContactSyncDeps } from '../services/contacts/ports';
import { CONTACT_RUN_KIND, contactSyncRun } from '../services/contacts/contact-sync-run';
import { createContactSyncDeps, type ContactSyncOptions } from './contact-sync';
import { lazy } from './lazy';
import { createDataverseClient } from '../adapters/dataverse/client';
import { DataverseTemplateAdmin } from '../adapters/dataverse/template-admin';
import { DataverseTemplateRows } from '../adapters/dataverse/template-rows';
import { realSleep } from '../adapters/resilience';
import { StorageRunQueue } from '../adapters/storage/run-queue';
import { TableRunStore } from '../adapters/storage/table-run-store';
import { RunService, type RunServiceDeps } from '../services/runs/run-service';
import { syncTemplates, TEMPLATE_RUN_KIND, type TemplateSyncDeps } from '../services/templates/sync-templates';
import { hostname } from 'node:os';
import { RunPatience } from '../services/runs/run-patience';
import { patientClmContacts } from '../services/contacts/patient-clm';
import { patientScim } from '../services/users/patient-scim';

/** The app as the composition root builds it: the services, plus the platform parts platform tests look at. */
export interface App extends AppServices {
  readonly config: Config;
  readonly dataverse: Dataverse;
  readonly clm: Clm;
}

export interface AppOverrides {
  dataverse?: DataverseOverrides;
  clm?: ClmOverrides;
  auth?: AuthDeps;
  contracts?: Partial<ContractServices>;
  webhooks?: Partial<WebhookServices>;
  /** User provisioning: replace parts (tests: a short retry, another SCIM client). */
  users?: { scimRetry?: Partial<Omit<RetryPolicy, 'service'>>; concurrency?: number };
  /** Contact sync: another state blob or clock, or ports replaced. */
  contacts?: ContactSyncOptions & { ports?: Partial<ContactSyncDeps> };
  /** How long the status processor, and a long run's CLM reads, ride out an outage (default 60 s). */
  outagePatienceMs?: number;
  /** Long runs: the queue, timings (staleAfterMs, flushMs), the instance id. */
  runs?: Partial<Omit<RunServiceDeps, 'workers'>>;
  /** Template sync: a CLM source, page and batch sizes, batch statistics. */
  templateSync?: Partial<TemplateSyncDeps>;
}

export function createApp(config: Config, overrides: AppOverrides = {}): App {
  const redactor = new Redactor([config.clientSecret, config.scim?.token]);
  const dataverse = lazy(() => createDataverse(config, overrides.dataverse));
  const clm = lazy(() => createClm(config, dataverse().environmentVariables, overrides.clm));
  const auth = lazy(
    (): AuthDeps =>
      overrides.auth ?? {
        tokens: new EntraTokenValidator({
          authorityHost: config.authorityHost,
          tenantId: config.tenantId,
          clientId: config.clientId,
          connectorAudience: config.connectorAudience,
        }),
        directory: new DataverseCallerDirectory(dataverse().api),
      },
  );
  const rootFolderId = () => dataverse().environmentVariables.get(ENVIRONMENT_VARIABLES.accountRootFolder);
  const connectorUrl = () => dataverse().environmentVariables.get(ENVIRONMENT_VARIABLES.connectorUrl);
  // By name, not as a request object: DynamicsWebApi's callFunction deep-copies an object
  // request, which turns the retry loop's AbortSignal into a plain object.
  const pingDataverse = async () => void (await dataverse().api.callFunction('WhoAmI'));

  const contracts = lazy((): ContractServices => {
    const o = overrides.contracts ?? {};
    const templatesStore = o.templatesStore ?? new DataverseTemplatesRepository(dataverse().api);
    return {
      store: o.store ?? new DataverseContractsRepository(dataverse().api),
      templatesStore,
      templates: o.templates ?? new TemplateCache(templatesStore),
      mapping: o.mapping ?? {
        records: dataverse().records,
        metadata: dataverse().metadata,
        userContext: dataverse().userContext,
        planCache: new ReadPlanCache(),
      },
      // A person waits on these: the CLM client whose retries fit the 30 s of an interactive call.
      clm: o.clm ?? clm().interactive,
      settings: o.settings ?? { rootFolderId },
      orgUrl: o.orgUrl ?? config.dataverseUrl,
    };
  });

  const webhooks = lazy((): WebhookServices => {
    const o = overrides.webhooks ?? {};
    const cs = config.storageConnectionString;
    const secretStore = o.secretStore ?? new BlobWebhookSecretStore(cs);
    const queue = o.queue ?? new StorageWebhookEventQueue(cs);
    const store = o.store ?? new DataverseContractStatusRepository(dataverse().api);
    const statusClm = o.clm ?? clmStatusPorts(clm(), rootFolderId);
    const outcomeStore = lazy(
      () => new DataverseOutcomesRepository(dataverse().api, () => dataverse().environmentVariables.get('dtclm_outcome_settings', { fresh: true })),
    );
    return {
      secretStore,
      secrets: o.secrets ?? new CachedSecrets(secretStore),
      queue,
      receiverQueue: o.receiverQueue ?? new GroupCommitQueue(queue),
      poison: o.poison ?? new StoragePoisonQueue(cs),
      store,
      clm: statusClm,
      outcomes:
        o.outcomes ?? ((moved, log) => applyOutcomes(moved, { store: outcomeStore(), events: store, metadata: dataverse().metadata, clm: statusClm, log })),
      renewalTasks: o.renewalTasks ?? ((now, log) => createRenewalTasks({ store: outcomeStore(), renewals: outcomeStore(), log }, now)),
      connectorUrl: o.connectorUrl ?? connectorUrl,
      orgUrl: o.orgUrl ?? config.dataverseUrl,
      outageRetry: o.outageRetry ?? outageRetry({ patienceMs: overrides.outagePatienceMs ?? 60_000 }),
    };
  });

  const users = lazy(() => userServices(config, dataverse, overrides.users));
  const contacts = lazy((): ContactSyncDeps => ({
    ...createContactSyncDeps({ config, dataverse: dataverse(), clm: clm(), stateBlob: overrides.contacts?.stateBlob, now: overrides.contacts?.now }),
    ...overrides.contacts?.ports,
  }));

  const templateAdmin = lazy(() => new DataverseTemplateAdmin(dataverse().api));

  const health = lazy((): HealthDeps => ({
    pingDataverse,
    clm: webhooks().clm,
    connectorUrl: webhooks().connectorUrl,
    poisonCount: () => webhooks().poison.count(),
    scimConfigured: Boolean(config.scim),
    scimChecks: () => scimHealthChecks(users().health),
    brokenTemplates: () => templateAdmin().brokenActive(),
    applicationUser: () =>
      applicationUserCheck({
        activeMappings: () => templateAdmin().fittingActive(),
        metadata: dataverse().metadata,
        applicationUser: new DataverseApplicationUserPrivileges(dataverse().api),
      }),
    contactChangeTracking: () =>
      contactChangeTrackingCheck({ settings: contacts().settings, changeTracking: new DataverseTableChangeTracking(dataverse().api) }),
  }));

  const runs = lazy(() => runService(config, dataverse(), clm(), overrides, users, contacts));

  return {
    config,
    redactor,
    get dataverse() {
      return dataverse();
    },
    get clm() {
      return clm();
    },
    get auth() {
      return auth();
    },
    get contracts() {
      return contracts();
    },
    get webhooks() {
      return webhooks();
    },
    get health() {
      return health();
    },
    get users() {
      return users();
    },
    get runs() {
      return runs();
    },
    get templateAdmin() {
      return templateAdmin();
    },
    get contacts() {
      return contacts();
    },
  };
}

/** User provisioning: SCIM from SCIM_URL / SCIM_TOKEN (absent: off), Dynamics as the app user. */
function userServices(config: Config, dataverse: () => Dataverse, o: AppOverrides['users'] = {}): UserServices {
  const scim = createScim(config, o.scimRetry);
  const roleIds = scim ? new RoleIdCache(scim) : undefined;
  const settings = { scimSettingsJson: () => dataverse().environmentVariables.get(ENVIRONMENT_VARIABLES.scimSettings) };
  const provisioning = lazy(() =>
    scim && roleIds
      ? {
          directory: new DataverseProvisioningDirectory(dataverse().api),
          links: new DataverseUserLinkStore(dataverse().api),
          scim,
          settings,
          roleIds,
          ...(o.concurrency ? { concurrency: o.concurrency } : {}),
        }
      : notConfigured(),
  );
  return { provisioning, configured: Boolean(scim), health: { roleIds, settings, ...(scim ? { checkToken: () => scim.checkToken() } : {}) } };
}

/** Long runs, and the worker of each kind: template sync and user provisioning (contacts plug in here). */
function runService(
  config: Config,
  dataverse: Dataverse,
  clm: Clm,
  overrides: AppOverrides,
  users: () => UserServices,
  contacts: () => ContactSyncDeps,
): RunService {
  // Template sync writes through its own client, whose retry loop counts the 429s it waits out:
  // the batch writer grows its batches while there are none and shrinks them when there are.
  let throttles = 0;
  const syncApi = createDataverseClient({
    url: config.dataverseUrl,
    getToken: dataverse.getToken,
    retry: {
      ...config.dataverseRetry,
      ...overrides.dataverse?.retry,
      onRetry: (info) => {
        if (info.reason === 'throttled') throttles++;
        overrides.dataverse?.retry?.onRetry?.(info);
      },
    },
  });
  // A CLM blip of a few seconds outlasts one call's bounded retries: a run rides it out for up to
  // the webhook processor's patience (about 60 s) before the run fails; the lease stays renewed.
  const patient = outageRetry({ patienceMs: overrides.outagePatienceMs ?? 60_000 });
  // Contact sync and provisioning make many calls at once: one patience per run, shared by them all.
  const runPatience = () => new RunPatience({ patienceMs: overrides.outagePatienceMs ?? 60_000, sleep: realSleep });
  const service: RunService = new RunService({
    store: new TableRunStore(config.storageConnectionString),
    queue: new StorageRunQueue(config.storageConnectionString),
    instanceId: config.instanceId ?? `${hostname()}-${process.pid}`,
    staleAfterMs: config.runStaleAfterMs,
    leaseMs: config.runLeaseMs,
    ...overrides.runs,
    workers: {
      [USERS_RUN_KIND]: (ctx) => {
        const deps = users().provisioning();
        return provisionUsersRun(ctx, { ...deps, scim: patientScim(deps.scim, runPatience()) });
      },
      [TEMPLATE_RUN_KIND]: (ctx) =>
        syncTemplates(ctx, {
          clm: {
            page: (q) =>
              patient(
                () => clm.client.listTemplates({ ...q, status: 'all' }),
                () => undefined,
              ),
          },
          rows: new DataverseTemplateRows(syncApi),
          metadata: dataverse.metadata,
          lastSucceeded: (where) => service.lastSucceeded(TEMPLATE_RUN_KIND, where),
          throttles: () => throttles,
          sleep: realSleep,
          ...overrides.templateSync,
        }),
      [CONTACT_RUN_KIND]: (ctx) => contactSyncRun(ctx, { ...contacts(), clm: patientClmContacts(contacts().clm, runPatience()) }),
    },
  });
  return service;
}

/** The CLM as the status processor, reconcile, registration and health read it. */
function clmStatusPorts(clm: Clm, rootFolderId: () => Promise<string | undefined>): WebhookServices['clm'] {
  return {
    async getContract(id) {
      try {
        return await clm.client.getContract(id);
      } catch (e) {
        if (e instanceof NotFoundError) return null;
        throw e;
      }
    },
    getDocumentContent: async (contractId, documentId) => (await clm.client.getDocumentContent(contractId, documentId)).content,
    getWebhook: () => clm.client.getWebhook(),
    putWebhook: (registration) => clm.client.putWebhook(registration),
    async rootFolderExists() {
      const folderId = await rootFolderId();
      if (!folderId) return false;
      try {
        await clm.client.getFolder(folderId);
        return true;
      } catch (e) {
        if (e instanceof NotFoundError) return false;
        throw e;
      }
    },
  };
}
