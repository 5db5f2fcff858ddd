/** In-memory stand-ins for the status processor's ports, with the semantics of Dataverse's ETag and alternate key. */
import type {
  ClmContractSnapshot,
  ClmStatusReader,
  ContractStatusRow,
  ContractStatusStore,
  EventPlacement,
  NewContractEvent,
  StatusChange,
  WebhookSecrets,
  WebhookSecretStore,
} from '../../../functions/src/services/ports';
import { NO_WEBHOOK_SECRETS } from '../../../functions/src/services/ports';

/** The opportunity every fake contract row was requested from, and the externalRef the CLM gives its contracts. */
const OPPORTUNITY_ID = 'a0000000-0000-4000-8000-00000000000a';
export const EXTERNAL_REF = { system: 'dynamics365', entity: 'opportunity', id: OPPORTUNITY_ID } as const;

export class FakeContractStore implements ContractStatusStore {
  rows = new Map<string, ContractStatusRow & { reason: string | null; file?: { name: string; size: number } }>();
  events = new Map<string, NewContractEvent & EventPlacement>();
  private version = 0;
  /** Called before each changeStatus: lets a test make another writer win in between. */
  beforeChange?: (row: ContractStatusRow) => void;
  failNext: { op: 'changeStatus' | 'createEvent' | 'storeSignedDocument'; error: Error }[] = [];

  addContract(id: string, clmContractId: string, sequence = 1): void {
    this.rows.set(id, {
      id,
      clmContractId,
      status: 'draft',
      sequence,
      statusChangedOn: null,
      owner: { type: 'systemuser', id: 'owner-1' },
      opportunityId: OPPORTUNITY_ID,
      quoteId: null,
      etag: this.etag(),
      reason: null,
    });
  }
  private etag(): string {
    return `W/"${++this.version}"`;
  }
  private fail(op: string): void {
    const i = this.failNext.findIndex((f) => f.op === op);
    if (i >= 0) throw this.failNext.splice(i, 1)[0].error;
  }
  async findByClmId(clmId: string) {
    const r = [...this.rows.values()].find((x) => x.clmContractId === clmId);
    return r ? { ...r } : null;
  }
  async findById(id: string) {
    const r = this.rows.get(id);
    return r ? { ...r } : null;
  }
  async eventExists(eventId: string) {
    return this.events.has(eventId);
  }
  async createEvent(e: NewContractEvent & EventPlacement) {
    this.fail('createEvent');
    if (this.events.has(e.eventId)) return 'exists' as const;
    this.events.set(e.eventId, e);
    return 'created' as const;
  }
  async changeStatus(row: ContractStatusRow, change: StatusChange) {
    this.beforeChange?.(row);
    this.fail('changeStatus');
    const held = this.rows.get(row.id)!;
    if (held.etag !== row.etag) return 'stale' as const;
    Object.assign(held, {
      status: change.status,
      sequence: change.sequence,
      statusChangedOn: change.statusChangedOn,
      reason: change.reason,
      etag: this.etag(),
    });
    return 'changed' as const;
  }
  async storeSignedDocument(rowId: string, name: string, content: Buffer) {
    this.fail('storeSignedDocument');
    this.rows.get(rowId)!.file = { name, size: content.length };
  }
  async clearSignedDocument(rowId: string) {
    delete this.rows.get(rowId)!.file;
  }
  async *listStaleContracts(before: Date) {
    yield [...this.rows.values()]
      .filter(
        (r) =>
          !['signed', 'declined', 'expired', 'cancelled'].includes(r.status ?? '') && (!r.statusChangedOn || Date.parse(r.statusChangedOn) < before.getTime()),
      )
      .map((r) => ({ ...r }));
  }
}

export class FakeClm implements ClmStatusReader {
  contracts = new Map<string, ClmContractSnapshot>();
  documentsFetched = 0;
  async getContract(id: string) {
    return this.contracts.get(id) ?? null;
  }
  async getDocumentContent() {
    this.documentsFetched++;
    return Buffer.from('%PDF-1.7 fake');
  }
}

export class MemorySecretStore implements WebhookSecretStore {
  value: WebhookSecrets = { ...NO_WEBHOOK_SECRETS };
  reads = 0;
  async read() {
    this.reads++;
    return { ...this.value };
  }
  async update(change: (s: WebhookSecrets) => WebhookSecrets | null) {
    const next = change({ ...this.value });
    if (next) this.value = next;
    return { ...this.value };
  }
}

/** A `contract.status_changed` body as the CLM sends it (webhook.md); `over` replaces top-level fields, `data` fields of data. */
export const statusEventBody = (over: Record<string, unknown> = {}, data: Record<string, unknown> = {}) =>
  JSON.stringify({
    id: 'evt_1',
    type: 'contract.status_changed',
    occurredAt: '2026-11-22T10:15:02Z',
    data: {
      contractId: 'ctr_1',
      status: 'signed',
      previousStatus: 'sent_for_signature',
      sequence: 5,
      externalRef: EXTERNAL_REF,
      reason: null,
      signedDocumentId: 'doc_7',
      ...data,
    },
    ...over,
  });
