/**
 * What the contract services need from Dataverse and the CLM. Implemented by
 * adapters/dataverse/contracts-repository.ts (+ templates-repository.ts) and the platform's CLM
 * client (adapted in the composition root, functions/src/app); unit tests use fakes.
 */
import type { ContractDocument, ContractStatus, Signatory, TriggerEntity, ValidationFlow } from '../../../../api/contracts';
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
  /** The record it was requested from: the quote when it has one (a quote's contract also names the quote's opportunity), else the opportunity. */
  record: { entity: TriggerEntity; id: string } | null;
  /** The row's `dtclm_opportunityid` and `dtclm_quoteid`, which the CLM contract's externalRef must name. */
  opportunityId: string | null;
  quoteId: string | null;
  /** Who owns the row: the connector gives its events the same owner (Basic-depth readers see them). */
  owner: { type: 'systemuser' | 'team'; id: string };
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
  /** Requested from a quote that has an opportunity: that opportunity, so the contract follows its sharing. */
  quoteOpportunityId?: string;
  /** The requester's systemuserid: the row and its event are theirs (`ownerid`), though the connector writes them. */
  ownerId: string;
}

export interface ContractStatusUpdate {
  status: ContractStatus;
  sequence: number;
  statusChangedOn: string;
  validationFlow?: string;
}

/** What the request reads in its first round trip, as the caller. */
export interface RequestContext {
  template?: TemplateHeader;
  existing?: ContractRow;
  /** Asked for a quote: its `opportunityid` (null when it has none); undefined when the caller cannot read the quote. */
  quoteOpportunityId?: string | null;
}

/**
 * Reads run as the caller (CallerObjectId), so Dataverse's record security decides what they see;
 * writes run as the connector's application user (dataverse-model.md, "Who writes what"): people's
 * roles only read contracts and events, so no one can plant a CLM id or a status by hand.
 */
export interface ContractsStore {
  /** ONE round trip, as the caller: the template's header, the contract already made with this request key, and a quote's opportunity. */
  loadRequestContext(templateId: string, requestKey: string, as: Caller, quoteId?: string): Promise<RequestContext>;
  findByRequestKey(requestKey: string, as: Caller): Promise<ContractRow | undefined>;
  /** The row, or undefined when it does not exist or the caller may not read it. */
  get(contractId: string, as: Caller): Promise<ContractRow | undefined>;
  /**
   * The contract row and its event in ONE `$batch` change set, as the application user, owned by
   * `row.ownerId`. Create-only: 'exists' when a row with this request key is already there (a concurrent twin won).
   */
  create(row: NewContractRow, event: NewContractEvent): Promise<'created' | 'exists'>;
  /** The new status and its event (owned as the contract) in one change set, as the application user. */
  updateStatus(contractId: string, update: ContractStatusUpdate, event: NewContractEvent, owner: ContractRow['owner']): Promise<void>;
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
  /** The contract as the CLM has it now, with its signatories (the ones given when it was made, or changed since in the CLM) and its externalRef. */
  getContract(clmContractId: string): Promise<ClmContract & { signatories?: Signatory[]; externalRef?: unknown; documents?: ContractDocument[] }>;
  /**
   * The bytes of one of the contract's documents (clm-api.yaml .../documents/{documentId}/content),
   * as they arrive: never held whole; the stream errors when the CLM stalls or is cut off.
   */
  openDocument(clmContractId: string, documentId: string): Promise<OpenedDocument>;
}

/** A document on its way from the CLM: what its answer says of it, and the bytes still to come. */
export interface OpenedDocument {
  body: ReadableStream<Uint8Array>;
  contentType?: string;
  contentLength?: number;
}

/** Connector settings read from Dataverse environment variables (cached by the adapter). */
export interface ContractSettings {
  /** `dtclm_account_rootfolder`: where new contracts go. */
  rootFolderId(): Promise<string | undefined>;
}
