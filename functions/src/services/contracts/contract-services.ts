/**
 * What the contract use cases (request, validation, signature, preview) work with: ports only,
 * built once per app by the composition root (functions/src/app).
 */
import type { PreviewDeps } from '../mapping/preview-mapping';
import type { ClmContracts, ContractSettings, ContractsStore, TemplatesStore } from './ports';
import type { TemplateCache } from './template-cache';

export interface ContractServices {
  store: ContractsStore;
  templatesStore: TemplatesStore;
  templates: TemplateCache;
  mapping: PreviewDeps;
  clm: ClmContracts;
  settings: ContractSettings;
  /** The Dataverse organization URL, sent to the CLM in `externalRef.orgUrl`. */
  orgUrl?: string;
}
