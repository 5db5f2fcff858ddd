import { rfc3339, type MonotonicClock } from '../clock';
import { ClmError, notFound } from '../errors';
import { newId } from '../ids';
import { contractPdf } from './contract-pdf';
import type { Contract, ContractDocument, NewContract, Signatory, StatusChange } from './contract-types';
import { canMove, pathTo, STATUSES_WITH_REASON, type ContractStatus } from './status-machine';

/** What a reason defaults to when a change that carries one is made without one. */
const DEFAULT_REASONS: Partial<Record<ContractStatus, string>> = {
  rejected: 'Rejected by the validator',
  declined: 'Declined by a signatory',
  expired: 'The signature request expired',
  cancelled: 'Cancelled in the CLM',
};

/** Idempotency keys are remembered this long (clm-api.yaml: "within 24 h"). */
const IDEMPOTENCY_WINDOW_MS = 24 * 60 * 60 * 1000;

interface ContractRecord {
  contract: Contract;
  content: Map<string, Uint8Array>;
  requestedBy?: { email?: string; name?: string };
  validationFlowId?: string;
}

export class ContractStore {
  private readonly records = new Map<string, ContractRecord>();
  private readonly idempotency = new Map<string, { contractId: string; atMs: number }>();
  private readonly listeners: ((change: StatusChange) => void)[] = [];

  constructor(
    private readonly clock: MonotonicClock,
    private readonly contractUrl: (id: string) => string,
  ) {}

  onStatusChange(listener: (change: StatusChange) => void): void {
    this.listeners.push(listener);
  }

  /** The contract an earlier POST with this key made, if the key is still remembered. */
  replayOf(idempotencyKey: string): Contract | undefined {
    const entry = this.idempotency.get(idempotencyKey);
    if (!entry) return undefined;
    if (Date.now() - entry.atMs > IDEMPOTENCY_WINDOW_MS) {
      this.idempotency.delete(idempotencyKey);
      return undefined;
    }
    return this.get(entry.contractId);
  }

  /** Creates a draft (already validated by the caller). A key seen meanwhile makes it a replay. */
  async create(input: NewContract, idempotencyKey: string): Promise<{ contract: Contract; replayed: boolean }> {
    const id = newId('ctr');
    const draftId = newId('doc');
    const draftPdf = await contractPdf(input.name, 'Draft', [`Template: ${input.templateId}`, ...fieldLines(input.fields)]);
    // Checked again after the await: a concurrent POST with the same key may have won meanwhile.
    const earlier = this.replayOf(idempotencyKey);
    if (earlier) return { contract: earlier, replayed: true };
    const now = rfc3339(this.clock.tick());
    const draft: ContractDocument = { id: draftId, name: `${input.name} (draft).pdf`, kind: 'draft', size: draftPdf.length, contentType: 'application/pdf' };
    const contract: Contract = {
      id,
      name: input.name,
      status: 'draft',
      sequence: 1,
      templateId: input.templateId,
      folderId: input.folderId,
      url: this.contractUrl(id),
      fields: structuredClone(input.fields),
      signatories: structuredClone(input.signatories ?? []),
      externalRef: structuredClone(input.externalRef),
      documents: [draft],
      createdAt: now,
      updatedAt: now,
    };
    this.records.set(id, { contract, content: new Map([[draftId, draftPdf]]), requestedBy: input.requestedBy });
    this.idempotency.set(idempotencyKey, { contractId: id, atMs: Date.now() });
    return { contract: structuredClone(contract), replayed: false };
  }

  get(id: string): Contract | undefined {
    const record = this.records.get(id);
    return record ? structuredClone(record.contract) : undefined;
  }

  all(): Contract[] {
    return [...this.records.values()].map((r) => structuredClone(r.contract));
  }

  details(id: string): { requestedBy?: { email?: string; name?: string }; validationFlowId?: string } {
    const record = this.records.get(id);
    return { requestedBy: record?.requestedBy, validationFlowId: record?.validationFlowId };
  }

  /** Lists one more document on the contract (its bytes are served from elsewhere: generated-documents.ts). */
  addDocument(contractId: string, document: ContractDocument): Contract {
    const record = this.records.get(contractId);
    if (!record) throw notFound('Contract');
    record.contract.documents.push(structuredClone(document));
    return structuredClone(record.contract);
  }

  documentContent(contractId: string, documentId: string): { document: ContractDocument; content: Uint8Array } | undefined {
    const record = this.records.get(contractId);
    const document = record?.contract.documents.find((d) => d.id === documentId);
    const content = record?.content.get(documentId);
    return document && content ? { document, content } : undefined;
  }

  /**
   * One legal status change: 409 invalid_state otherwise. Signing makes the signed PDF first, so
   * that the check and the change happen together, with no await between them.
   */
  async move(
    id: string,
    to: ContractStatus,
    opts: { reason?: string; signatories?: Signatory[]; validationFlowId?: string; sequenceGap?: number } = {},
  ): Promise<Contract> {
    const before = this.records.get(id);
    if (!before) throw notFound('Contract');
    const signed = to === 'signed' ? await this.signedDocument(before.contract) : undefined;
    const record = this.records.get(id) as ContractRecord;
    const from = record.contract.status;
    if (!canMove(from, to)) throw new ClmError(409, 'invalid_state', `A contract in status ${from} cannot become ${to}`);
    const contract = record.contract;
    if (opts.signatories) contract.signatories = structuredClone(opts.signatories);
    if (opts.validationFlowId) record.validationFlowId = opts.validationFlowId;
    if (signed) {
      contract.documents.push(signed.document);
      record.content.set(signed.document.id, signed.content);
    }
    const occurredAt = rfc3339(this.clock.tick());
    contract.status = to;
    // The spec promises only that sequence grows; a gap lets tests hold a receiver to no more than that.
    contract.sequence += 1 + (opts.sequenceGap ?? 0);
    contract.updatedAt = occurredAt;
    const reason = STATUSES_WITH_REASON.has(to) ? (opts.reason ?? DEFAULT_REASONS[to] ?? null) : null;
    const change: StatusChange = {
      contract: structuredClone(contract),
      previousStatus: from,
      reason,
      signedDocumentId: signed?.document.id ?? null,
      occurredAt,
    };
    for (const listener of this.listeners) listener(change);
    return structuredClone(contract);
  }

  /**
   * Test control: what legal does in the CLM before signing, changing field values (the final
   * amount, the end date). No status change, so no event; the draft PDF is made again from the new
   * values, as the CLM re-renders its draft.
   */
  async setFields(id: string, fields: Record<string, unknown>): Promise<Contract> {
    const record = this.records.get(id);
    if (!record) throw notFound('Contract');
    const merged = { ...record.contract.fields, ...structuredClone(fields) };
    const draft = record.contract.documents.find((d) => d.kind === 'draft');
    const pdf = draft ? await contractPdf(record.contract.name, 'Draft', [`Template: ${record.contract.templateId}`, ...fieldLines(merged)]) : undefined;
    record.contract.fields = merged;
    if (draft && pdf) {
      record.content.set(draft.id, pdf);
      draft.size = pdf.length;
    }
    record.contract.updatedAt = rfc3339(this.clock.tick());
    return structuredClone(record.contract);
  }

  /** Test control: reach `to` by the shortest chain of legal moves, one event per move. */
  async moveTo(id: string, to: ContractStatus, reason?: string, sequenceGap?: number): Promise<Contract> {
    const contract = this.get(id);
    if (!contract) throw notFound('Contract');
    const steps = pathTo(contract.status, to);
    if (!steps) throw new ClmError(409, 'invalid_state', `A contract in status ${contract.status} cannot reach ${to}`);
    let last = contract;
    for (const step of steps) last = await this.move(id, step, step === to ? { reason, sequenceGap } : {});
    return last;
  }

  private async signedDocument(contract: Contract): Promise<{ document: ContractDocument; content: Uint8Array }> {
    const signers = contract.signatories.map((s) => `Signed by ${s.firstName} ${s.lastName} <${s.email}>`);
    const content = await contractPdf(contract.name, 'Signed', [
      `Contract ${contract.id}`,
      `Signed on ${rfc3339(new Date())}`,
      ...signers,
      ...fieldLines(contract.fields),
    ]);
    const document: ContractDocument = {
      id: newId('doc'),
      name: `${contract.name} (signed).pdf`,
      kind: 'signed',
      size: content.length,
      contentType: 'application/pdf',
    };
    return { document, content };
  }
}

function fieldLines(fields: Record<string, unknown>): string[] {
  return Object.entries(fields).map(([key, value]) => `${key}: ${JSON.stringify(value)}`);
}
