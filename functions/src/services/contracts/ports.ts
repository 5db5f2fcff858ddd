/**
 * What the contract services need from Dataverse and the CLM. Implemented by
 * adapters/dataverse/contracts-repository.ts (+ templates-repository.ts) and the platform's CLM
 * client (adapted in app-context.ts); unit tests use fakes.
 */
import type { ContractStatus, Signatory, TriggerEntity, ValidationFlow } from '../../../../api/contracts';
import type { FieldValue } from '../../domain/mapping';
import type { Caller, NewContractEvent } from '../ports';

export type { NewContractEvent };

/** The small columns of a `dtclm_template` row: enough to decide, and to know whether the cached mapping is current. */
export interface TemplateHeader {
  id: string;
  name: string;
  clmTemplateId: string;
  triggerEntity: string | null;
  active: boolean;
  /** Template sync found that the mapping no longer fits the template (dtclm_mappingstate Broken). */
  mappingBroken: boolean;
  /** Changes whenever the row changes (versionnumber / ETag): the key of the parsed-mapping cache. */
  version: string;
}

/** The big columns: the CLM field definitions and the mapping, as JSON text. */
export interface TemplateContent {
  fieldsJson: string | null;
  mappingJson: string | null;
}

export interface TemplatesStore {
  header(templateId: string, as: Caller): Promise<TemplateHeader | undefined>;
  content(templateId: string, as: Caller): Promise<TemplateContent | undefined>;
}

/** A `dtclm_contract` row as the contract services read it. */
export interface ContractRow {
  id: string;
  name: string;
  clmContractId: string;
  requestKey: string | null;
  status: ContractStatus | null;
  sequence: number;
  clmUrl: string | null;
  templateId: string | null;
  record: { entity: TriggerEntity; id: string } | null;
}

export interface NewContractRow {
  id: string;
  name: string;
  clmContractId: string;
  requestKey: string;
  status: ContractStatus;
  sequence: number;
  statusChangedOn: string;
  clmUrl: string;
  templateId: string;
  record: { entity: TriggerEntity; id: string };
}

export interface ContractStatusUpdate {
  status: ContractStatus;
  sequence: number;
  statusChangedOn: string;
  validationFlow?: string;
}

export interface ContractsStore {
  /** ONE round trip: the template's header and the contract already made with this request key, if any. */
  loadRequestContext(templateId: string, requestKey: string, as: Caller): Promise<{ template?: TemplateHeader; existing?: ContractRow }>;
  findByRequestKey(requestKey: string, as: Caller): Promise<ContractRow | undefined>;
  /** The row, or undefined when it does not exist or the caller may not read it. */
  get(contractId: string, as: Caller): Promise<ContractRow | undefined>;
  /**
   * The contract row and its event in ONE `$batch` change set, as the caller (who then owns them).
   * Create-only: 'exists' when a row with this request key is already there (a concurrent twin won).
   */
  create(row: NewContractRow, event: NewContractEvent, as: Caller): Promise<'created' | 'exists'>;
  /** The new status and its event in one change set. */
  updateStatus(contractId: string, update: ContractStatusUpdate, event: NewContractEvent, as: Caller): Promise<void>;
}

/** A contract as the CLM answers it (clm-api.yaml Contract), the parts the connector reads. */
export interface ClmContract {
  id: string;
  name: string;
  status: ContractStatus;
  sequence: number;
  templateId: string;
  url: string;
  updatedAt: string;
}

export interface ClmCreateContract {
  templateId: string;
  folderId: string;
  name: string;
  fields: Record<string, FieldValue>;
  signatories?: Signatory[];
  externalRef: { system: 'dynamics365'; entity: TriggerEntity; id: string; orgUrl?: string };
  requestedBy?: { email?: string; name?: string };
}

/** The CLM operations the contract routes use. Errors: UnprocessableError (422), ConflictError (409), NotFoundError, UnavailableError. */
export interface ClmContracts {
  createContract(body: ClmCreateContract, idempotencyKey: string): Promise<ClmContract>;
  listValidationFlows(clmContractId: string): Promise<ValidationFlow[]>;
  startValidation(clmContractId: string, flowId?: string): Promise<ClmContract>;
  sendForSignature(clmContractId: string, signatories?: Signatory[]): Promise<ClmContract>;
  /** The contract as the CLM has it now, with its signatories (the ones given when it was made, or changed since in the CLM). */
  getContract(clmContractId: string): Promise<ClmContract & { signatories?: Signatory[] }>;
}

/** Connector settings read from Dataverse environment variables (cached by the adapter). */
export interface ContractSettings {
  /** `dtclm_account_rootfolder`: where new contracts go. */
  rootFolderId(): Promise<string | undefined>;
}
