import type { ContractStatus } from './status-machine';

/** The contract shapes of clm-api.yaml (components.schemas.Contract, Signatory, ExternalRef). */
export interface Signatory {
  firstName: string;
  lastName: string;
  email: string;
  phone?: string;
  order?: number;
}

interface ExternalRef {
  system: 'dynamics365';
  entity: 'opportunity' | 'quote';
  id: string;
  orgUrl?: string;
}

export interface ContractDocument {
  id: string;
  name: string;
  kind: 'draft' | 'signed';
  size: number;
  contentType: string;
}

export interface Contract {
  id: string;
  name: string;
  status: ContractStatus;
  sequence: number;
  templateId: string;
  folderId: string;
  url: string;
  fields: Record<string, unknown>;
  signatories: Signatory[];
  externalRef: ExternalRef;
  documents: ContractDocument[];
  createdAt: string;
  updatedAt: string;
}

/** The body of POST /contracts, once it has passed the spec's schema. */
export interface NewContract {
  templateId: string;
  folderId: string;
  name: string;
  fields: Record<string, unknown>;
  signatories?: Signatory[];
  externalRef: ExternalRef;
  requestedBy?: { email?: string; name?: string };
}

/** One status change, as the webhook and the lifecycle driver need to know it. */
export interface StatusChange {
  contract: Contract;
  previousStatus: ContractStatus;
  reason: string | null;
  signedDocumentId: string | null;
  occurredAt: string;
}
