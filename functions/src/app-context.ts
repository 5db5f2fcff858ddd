/**
 * The composition root: builds the settings and the adapters ONCE per process (lazily, on the first
 * request, never at import time) and hands each area the parts it needs. One section per area:
 *
 *   platform   settings, Dataverse (app client, environment variables, mapping readers),
 *              CLM (token store + client)                             -- the platform helper
 *   contracts  the request-contract routes' remote parts              -- wired below
 *   webhooks   the webhook routes' remote parts                       -- wired below
 *
 * `createAppContext(config, overrides)` builds an independent context (tests build several, e.g.
 * four "instances" sharing one Azurite). `getAppContext()` is the process's own.
 * Importing this module registers the areas' factories (closures only: no I/O, no settings read).
 */
import { getConfig, type Config } from './config';
import { createClm, type Clm, type ClmOverrides } from './adapters/clm';
import { DataverseContractStatusRepository } from './adapters/dataverse/contract-status-repository';
import { createDataverse, type Dataverse, type DataverseOverrides } from './adapters/dataverse/create-dataverse';
import { setContractRemoteFactory, type ContractRemoteParts } from './handlers/contracts/contract-services';
import { setWebhookRemoteFactory, type RemoteParts as WebhookRemoteParts } from './handlers/webhooks/webhook-services';
import { NotFoundError } from './services/errors';
import { createContactSyncDeps } from './app/contact-sync';
import { setContactSyncFactory } from './handlers/admin/contact-sync-services';
import type { ContactSyncDeps } from './services/contacts/ports';

export interface AppContext {
  config: Config;
  // --- platform ---
  dataverse: Dataverse;
  clm: Clm;
  // --- areas (each adapts the platform parts to its own ports) ---
  contracts(): ContractRemoteParts;
  webhooks(): WebhookRemoteParts;
  contacts(): ContactSyncDeps;
}

export interface AppContextOverrides {
  dataverse?: DataverseOverrides;
  clm?: ClmOverrides;
}

export function createAppContext(config: Config, overrides: AppContextOverrides = {}): AppContext {
  const dataverse = createDataverse(config, overrides.dataverse);
  const clm = createClm(config, dataverse.environmentVariables, overrides.clm);
  let contracts: ContractRemoteParts | undefined;
  let webhooks: WebhookRemoteParts | undefined;
  let contacts: ContactSyncDeps | undefined;
  return {
    config,
    dataverse,
    clm,
    contracts: () => (contracts ??= contractParts(dataverse, clm)),
    webhooks: () => (webhooks ??= webhookParts(dataverse, clm)),
    contacts: () => (contacts ??= createContactSyncDeps({ config, dataverse, clm })),
  };
}

// --- contracts section ---

function contractParts(dataverse: Dataverse, clm: Clm): ContractRemoteParts {
  return {
    dataverseApi: dataverse.api,
    mapping: { records: dataverse.records, metadata: dataverse.metadata, userContext: dataverse.userContext },
    clm: {
      createContract: (body, key) => clm.client.createContract(body, key),
      listValidationFlows: (id) => clm.client.listValidationFlows(id),
      startValidation: (id, flowId) => clm.client.startValidation(id, flowId),
      sendForSignature: (id, signatories) => clm.client.sendForSignature(id, signatories),
    },
    settings: { rootFolderId: () => dataverse.environmentVariables.get('dtclm_account_rootfolder') },
  };
}

// --- webhooks section ---

function webhookParts(dataverse: Dataverse, clm: Clm): WebhookRemoteParts {
  return {
    store: new DataverseContractStatusRepository(dataverse.api),
    clm: {
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
        const folderId = await dataverse.environmentVariables.get('dtclm_account_rootfolder');
        if (!folderId) return false;
        try {
          await clm.client.getFolder(folderId);
          return true;
        } catch (e) {
          if (e instanceof NotFoundError) return false;
          throw e;
        }
      },
    },
    connectorUrl: () => dataverse.environmentVariables.get('dtclm_connector_url'),
    pingDataverse: async () => {
      // By name, not as a request object: DynamicsWebApi's callFunction deep-copies an object
      // request, which turns the retry loop's AbortSignal into a plain object.
      await dataverse.api.callFunction('WhoAmI');
    },
  };
}

// --- the process's own context ---

let current: AppContext | undefined;

export function getAppContext(): AppContext {
  current ??= createAppContext(getConfig());
  return current;
}

/** Tests: use this context as the process's own (or forget it with undefined). */
export function setAppContext(context: AppContext | undefined): void {
  current = context;
}

setContractRemoteFactory(() => getAppContext().contracts());
setWebhookRemoteFactory(() => getAppContext().webhooks());
setContactSyncFactory(() => getAppContext().contacts());
