/**
 * What the contracts routes need, built once per process from the app's settings: the auth parts
 * (token validator, caller directory), the Dataverse repositories, the mapping engine's readers,
 * the CLM client and the connector settings. The composition root (app-context.ts) supplies the
 * shared Dataverse and CLM clients with `setContractRemoteFactory`; tests replace any part with
 * `setContractServices`.
 */
import type { DynamicsWebApi } from 'dynamics-web-api';
import { getConfig } from '../../config';
import { DataverseCallerDirectory } from '../../adapters/dataverse/caller-directory';
import { DataverseContractsRepository } from '../../adapters/dataverse/contracts-repository';
import { DataverseTemplatesRepository } from '../../adapters/dataverse/templates-repository';
import { EntraTokenValidator } from '../../adapters/identity/entra-token-validator';
import { ReadPlanCache } from '../../domain/mapping';
import type { AuthDeps } from '../../services/auth/authorize';
import type { ClmContracts, ContractSettings, ContractsStore, TemplatesStore } from '../../services/contracts/ports';
import { TemplateCache } from '../../services/contracts/template-cache';
import type { PreviewDeps } from '../../services/mapping/preview-mapping';
import { setDefaultAuth } from '../http/endpoint';
import { registerSecret } from '../http/redact';

export interface ContractServices {
  auth: AuthDeps;
  store: ContractsStore;
  templatesStore: TemplatesStore;
  templates: TemplateCache;
  mapping: PreviewDeps;
  clm: ClmContracts;
  settings: ContractSettings;
  orgUrl?: string;
}

/** The shared remote clients the composition root hands over. */
export interface ContractRemoteParts {
  /** The resilient DynamicsWebApi acting as the connector app (impersonation per call). */
  dataverseApi: DynamicsWebApi;
  mapping: Omit<PreviewDeps, 'planCache'>;
  clm: ClmContracts;
  settings: ContractSettings;
}

let remoteFactory: (() => ContractRemoteParts) | undefined;
let overrides: Partial<ContractServices> = {};
let built: ContractServices | undefined;

export function setContractRemoteFactory(factory: () => ContractRemoteParts): void {
  remoteFactory = factory;
  built = undefined;
}

export function setContractServices(parts: Partial<ContractServices>): void {
  overrides = parts;
  built = undefined;
}

export function contractServices(): ContractServices {
  if (built) return built;
  const config = getConfig();
  // Whatever logs them by mistake, these never reach a log line.
  registerSecret(config.clientSecret);
  registerSecret(config.scim?.token);
  const auth = (): AuthDeps => {
    const remote = remote_();
    return {
      tokens: new EntraTokenValidator({
        authorityHost: config.authorityHost,
        tenantId: config.tenantId,
        clientId: config.clientId,
        connectorAudience: config.connectorAudience,
      }),
      directory: new DataverseCallerDirectory(remote.dataverseApi),
    };
  };
  let remoteBuilt: ContractRemoteParts | undefined;
  const remote_ = (): ContractRemoteParts => {
    // The composition root registers itself when imported; the route table does not import it, so
    // load it on first use (lazily: it imports this module, and nothing may happen at import time).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    if (!remoteFactory) require('../../app-context');
    if (!remoteFactory) throw new Error('The contracts routes have no Dataverse/CLM clients: app-context.ts must call setContractRemoteFactory().');
    return (remoteBuilt ??= remoteFactory());
  };
  const templatesStore = overrides.templatesStore ?? new DataverseTemplatesRepository(remote_().dataverseApi);
  built = {
    auth: overrides.auth ?? auth(),
    store: overrides.store ?? new DataverseContractsRepository(remote_().dataverseApi),
    templatesStore,
    templates: overrides.templates ?? new TemplateCache(templatesStore),
    mapping: overrides.mapping ?? { ...remote_().mapping, planCache: new ReadPlanCache() },
    clm: overrides.clm ?? remote_().clm,
    settings: overrides.settings ?? remote_().settings,
    orgUrl: overrides.orgUrl ?? config.dataverseUrl,
  };
  return built;
}

// Every route of the app (admin ones too) authenticates with the same parts.
setDefaultAuth(() => contractServices().auth);
