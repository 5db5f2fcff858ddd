/** In-memory stand-ins for the contract services' ports: a Dataverse that keeps rows and a CLM that honours Idempotency-Key. */
import type { Signatory, ValidationFlow } from '../../../api/contracts';
import type { AuthorizedCaller } from '../../../functions/src/services/auth/authorize';
import type {
  ClmContract,
  ClmContracts,
  ClmCreateContract,
  ContractRow,
  ContractsStore,
  ContractStatusUpdate,
  NewContractEvent,
  NewContractRow,
  TemplateHeader,
  TemplatesStore,
} from '../../../functions/src/services/contracts/ports';
import { ConflictError, NotFoundError, type UnprocessableError } from '../../../functions/src/services/errors';

export const TEMPLATE_ID = '11111111-1111-4111-8111-111111111111';
export const RECORD_ID = '22222222-2222-4222-8222-222222222222';

export const caller: AuthorizedCaller = {
  systemUserId: 's-rep',
  objectId: '0b7e55e0-1a2b-4c3d-8e4f-000000000001',
  callerObjectId: '0b7e55e0-1a2b-4c3d-8e4f-000000000001',
  fullName: 'Rémi Durand',
  email: 'rep@contoso.example',
  isDisabled: false,
  roleNames: ['Dilitrust CLM User'],
  roles: ['user', 'readOnly'],
};

export class FakeStore implements ContractsStore, TemplatesStore {
  templates = new Map<string, TemplateHeader & { fieldsJson: string; mappingJson: string | null }>();
  rows = new Map<string, ContractRow>();
  events: NewContractEvent[] = [];
  /** The owner each write gave its rows (the requester, or the contract's owner for an event). */
  owners: string[] = [];
  requests = 0;
  contentReads = 0;
  /** Rows hidden from the caller (record security). */
  hidden = new Set<string>();

  /** Quotes the caller can read, and their opportunity (null: none). */
  quotes = new Map<string, string | null>();

  async loadRequestContext(templateId: string, requestKey: string, _as: unknown, quoteId?: string) {
    this.requests++;
    const t = this.templates.get(templateId);
    const existing = [...this.rows.values()].find((r) => r.requestKey === requestKey);
    const quote = quoteId === undefined ? undefined : this.quotes.get(quoteId);
    return { ...(t ? { template: { ...t } } : {}), ...(existing ? { existing } : {}), ...(quote !== undefined ? { quoteOpportunityId: quote } : {}) };
  }
  async findByRequestKey(requestKey: string) {
    this.requests++;
    return [...this.rows.values()].find((r) => r.requestKey === requestKey);
  }
  async get(id: string) {
    this.requests++;
    return this.hidden.has(id) ? undefined : this.rows.get(id);
  }
  async create(row: NewContractRow, event: NewContractEvent): Promise<'created' | 'exists'> {
    this.requests++;
    if ([...this.rows.values()].some((r) => r.requestKey === row.requestKey)) return 'exists';
    const { quoteOpportunityId, ownerId, ...rest } = row;
    // As Dataverse keeps it: both lookups for a quote with an opportunity, owned by the requester.
    this.rows.set(row.id, {
      ...rest,
      opportunityId: row.record.entity === 'opportunity' ? row.record.id : (quoteOpportunityId ?? null),
      quoteId: row.record.entity === 'quote' ? row.record.id : null,
      owner: { type: 'systemuser', id: ownerId },
    });
    this.owners.push(ownerId);
    this.events.push(event);
    return 'created';
  }
  async updateStatus(id: string, u: ContractStatusUpdate, event: NewContractEvent, owner: ContractRow['owner']) {
    this.requests++;
    this.owners.push(owner.id);
    const row = this.rows.get(id)!;
    this.rows.set(id, { ...row, status: u.status, sequence: u.sequence });
    this.events.push(event);
  }
  async header(id: string) {
    this.requests++;
    return this.templates.get(id);
  }
  async content(id: string) {
    this.contentReads++;
    const t = this.templates.get(id);
    return t ? { fieldsJson: t.fieldsJson, mappingJson: t.mappingJson } : undefined;
  }
}

export class FakeClm implements ClmContracts {
  contracts = new Map<string, ClmContract & { signatories?: unknown[]; externalRef?: unknown }>();
  byKey = new Map<string, string>();
  calls: string[] = [];
  flows: ValidationFlow[] = [
    { id: 'flow_legal', name: 'Legal review', position: 1 },
    { id: 'flow_finance', name: 'Finance and legal', position: 2 },
  ];
  refuse?: UnprocessableError;

  async createContract(body: ClmCreateContract, key: string): Promise<ClmContract> {
    this.calls.push(`create ${key}`);
    await Promise.resolve();
    if (this.refuse) throw this.refuse;
    const known = this.byKey.get(key);
    if (known) return this.contracts.get(known)!;
    const id = `ctr_${this.contracts.size + 1}`;
    const c = {
      id,
      name: body.name,
      status: 'draft' as const,
      sequence: 1,
      templateId: body.templateId,
      url: `https://clm.example/contracts/${id}`,
      updatedAt: '2026-01-01T00:00:00Z',
      signatories: body.signatories,
      externalRef: body.externalRef,
    };
    this.contracts.set(id, c);
    this.byKey.set(key, id);
    return c;
  }
  async listValidationFlows(id: string) {
    this.calls.push(`flows ${id}`);
    return this.flows;
  }
  private move(id: string, to: ClmContract['status'], allowed: ClmContract['status'][]) {
    const c = this.contracts.get(id)!;
    if (!allowed.includes(c.status)) throw new ConflictError('invalid_state');
    const next = { ...c, status: to, sequence: c.sequence + 1 };
    this.contracts.set(id, next);
    return next;
  }
  async startValidation(id: string, flowId?: string) {
    this.calls.push(`validate ${id} ${flowId}`);
    return this.move(id, 'in_validation', ['draft', 'rejected']);
  }
  async getContract(id: string) {
    this.calls.push(`get ${id}`);
    const c = this.contracts.get(id);
    if (!c) throw new NotFoundError(`no contract ${id}`);
    return c as ClmContract & { signatories?: Signatory[] };
  }
  async sendForSignature(id: string, signatories?: unknown[]) {
    this.calls.push(`sign ${id} ${signatories?.length ?? 0}`);
    return this.move(id, 'sent_for_signature', ['draft', 'validated']);
  }
  async openDocument(id: string, documentId: string) {
    this.calls.push(`document ${id} ${documentId}`);
    const bytes = Buffer.from('%PDF-1.7 fake');
    return { body: new Blob([bytes]).stream(), contentType: 'application/pdf', contentLength: bytes.length };
  }
}
