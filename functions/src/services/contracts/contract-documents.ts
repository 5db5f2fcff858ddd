/**
 * The contract's CLM documents (clm-api.yaml Contract `documents`), for a caller who can read the
 * contract row (connector-api.md, role ReadOnly): the list the status panel shows, and the bytes of
 * one, named as the CLM names it. A document of another contract, or of a CLM contract that is not
 * the row's own (externalRef), is never served.
 */
import type { ContractDocument, ContractDocumentsAnswer } from '../../../../api/contracts';
import { NotFoundError } from '../errors';
import type { Caller } from '../ports';
import { verifiedClmContract } from './clm-contract-of';
import { contractOf } from './contract-access';
import type { ClmContracts, ContractsStore, OpenedDocument } from './ports';

interface DocumentDeps {
  store: ContractsStore;
  clm: Pick<ClmContracts, 'getContract' | 'openDocument'>;
  orgUrl?: string;
}

/** The draft to read before sending while the contract is not signed; once signed, the signed PDF. */
export async function listContractDocuments(contractId: string, caller: Caller, deps: DocumentDeps): Promise<ContractDocumentsAnswer> {
  const row = await contractOf(contractId, deps.store, caller);
  const onClm = await verifiedClmContract(row, deps.clm, deps.orgUrl);
  const kind = onClm.status === 'signed' ? 'signed' : 'draft';
  return { documents: (onClm.documents ?? []).filter((d) => d.kind === kind) };
}

export interface DocumentContent {
  /** As the CLM contract lists it: its name is the file name. */
  document: ContractDocument;
  /** The CLM's answer, its body streamed (the handler checks the type and forwards the bytes). */
  opened: OpenedDocument;
}

/** Checks who asks and which document first; then opens the CLM's answer, whose bytes the caller forwards as they come. */
export async function contractDocument(contractId: string, documentId: string, caller: Caller, deps: DocumentDeps): Promise<DocumentContent> {
  const row = await contractOf(contractId, deps.store, caller);
  const onClm = await verifiedClmContract(row, deps.clm, deps.orgUrl);
  const document = (onClm.documents ?? []).find((d) => d.id === documentId);
  if (!document) throw new NotFoundError(`The contract "${row.name}" has no document ${documentId} in the CLM.`);
  return { document, opened: await deps.clm.openDocument(row.clmContractId, documentId) };
}
