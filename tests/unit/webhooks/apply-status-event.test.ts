import fc from 'fast-check';
import { applyStatusEvent } from '../../../functions/src/services/status/apply-status-event';
import type { ContractStatus } from '../../../functions/src/domain/contract';
import type { StatusEvent } from '../../../functions/src/services/status/status-event';
import { EXTERNAL_REF, FakeClm, FakeContractStore } from './fakes';

function event(n: number, status: ContractStatus, over: Partial<StatusEvent> = {}): StatusEvent {
  return {
    eventId: `evt_${n}`,
    clmContractId: 'ctr_1',
    status,
    sequence: n,
    occurredAt: new Date(Date.UTC(2026, 10, 22, 10, 0, n)).toISOString(),
    reason: null,
    signedDocumentId: null,
    externalRef: EXTERNAL_REF,
    payload: '{}',
    ...over,
  };
}

describe('applyStatusEvent (webhook.md "What the receiver owes")', () => {
  let store: FakeContractStore;
  let clm: FakeClm;
  beforeEach(() => {
    store = new FakeContractStore();
    clm = new FakeClm();
    store.addContract('row-1', 'ctr_1');
  });

  it('moves the status, records the event as applied, owned by the contract owner', async () => {
    const out = await applyStatusEvent(event(2, 'in_validation'), { store, clm });
    expect(out).toEqual({ kind: 'recorded', applied: true, contractRowId: 'row-1' });
    expect(store.rows.get('row-1')).toMatchObject({ status: 'in_validation', sequence: 2 });
    expect(store.events.get('evt_2')).toMatchObject({ applied: true, name: 'In validation (2)', owner: { type: 'systemuser', id: 'owner-1' } });
  });

  it('is idempotent on the event id: a second delivery changes nothing', async () => {
    await applyStatusEvent(event(2, 'in_validation'), { store, clm });
    const again = await applyStatusEvent(event(2, 'in_validation'), { store, clm });
    expect(again).toEqual({ kind: 'duplicate' });
    expect(store.events.size).toBe(1);
  });

  it('records an older event without moving the status back (dtclm_applied = no)', async () => {
    await applyStatusEvent(event(5, 'sent_for_signature'), { store, clm });
    const out = await applyStatusEvent(event(3, 'validated'), { store, clm });
    expect(out).toMatchObject({ kind: 'recorded', applied: false });
    expect(store.rows.get('row-1')).toMatchObject({ status: 'sent_for_signature', sequence: 5 });
    expect(store.events.get('evt_3')!.applied).toBe(false);
  });

  it('sets the reason on rejected, declined, expired and cancelled, and clears it otherwise', async () => {
    await applyStatusEvent(event(2, 'rejected', { reason: 'Clause 4' }), { store, clm });
    expect(store.rows.get('row-1')!.reason).toBe('Clause 4');
    await applyStatusEvent(event(3, 'in_validation', { reason: 'ignored' }), { store, clm });
    expect(store.rows.get('row-1')!.reason).toBeNull();
  });

  it('acknowledges an event for a contract Dataverse does not know, and logs it', async () => {
    const log = jest.fn();
    const out = await applyStatusEvent(event(2, 'draft', { clmContractId: 'ctr_unknown' }), { store, clm, log });
    expect(out).toEqual({ kind: 'unknown-contract' });
    expect(log).toHaveBeenCalledWith(expect.stringContaining('ctr_unknown'));
    expect(store.events.size).toBe(0);
  });

  // Issue 24, finding 1: a row whose CLM id names another record's contract gets neither its status nor its PDF.
  it('ignores (and logs) an event whose externalRef names another record: no status, no PDF, no event row', async () => {
    const log = jest.fn();
    const foreign = { system: 'dynamics365', entity: 'opportunity', id: 'a0000000-0000-4000-8000-0000000000ff' };
    const out = await applyStatusEvent(event(6, 'signed', { signedDocumentId: 'doc_9', externalRef: foreign }), { store, clm, log });
    expect(out).toEqual({ kind: 'foreign-contract', contractRowId: 'row-1' });
    expect(store.rows.get('row-1')).toMatchObject({ status: 'draft', sequence: 1 });
    expect(store.rows.get('row-1')!.file).toBeUndefined();
    expect(clm.documentsFetched).toBe(0);
    expect(store.events.size).toBe(0);
    expect(log).toHaveBeenCalledWith(expect.stringContaining('the CLM contract was made for another opportunity'));
  });

  it('reads the CLM contract when the event carries no externalRef, and applies it only when that names the row', async () => {
    const bare = event(2, 'in_validation', { externalRef: undefined });
    expect(await applyStatusEvent(bare, { store, clm })).toEqual({ kind: 'foreign-contract', contractRowId: 'row-1' });
    clm.contracts.set('ctr_1', { id: 'ctr_1', status: 'in_validation', sequence: 2, updatedAt: '2026-11-22T10:00:02Z', externalRef: EXTERNAL_REF });
    expect(await applyStatusEvent(bare, { store, clm })).toMatchObject({ kind: 'recorded', applied: true });
  });

  it('on signed, fetches the signed PDF and stores it; a duplicate does not fetch it again', async () => {
    await applyStatusEvent(event(6, 'signed', { signedDocumentId: 'doc_9' }), { store, clm });
    expect(store.rows.get('row-1')!.file).toEqual({ name: 'ctr_1-signed.pdf', size: 13 });
    await applyStatusEvent(event(6, 'signed', { signedDocumentId: 'doc_9' }), { store, clm });
    expect(clm.documentsFetched).toBe(1);
  });

  // Issue 25, finding 10: the file is named as the CLM names the document, not after the CLM id.
  it('on signed, names the stored PDF as the CLM names the document', async () => {
    clm.contracts.set('ctr_1', {
      id: 'ctr_1',
      status: 'signed',
      sequence: 6,
      updatedAt: '2026-11-22T10:00:06Z',
      externalRef: EXTERNAL_REF,
      documents: [{ id: 'doc_9', name: 'NDA - Contoso (signed)', kind: 'signed', size: 13, contentType: 'application/pdf' }],
    });
    await applyStatusEvent(event(6, 'signed', { signedDocumentId: 'doc_9' }), { store, clm });
    expect(store.rows.get('row-1')!.file).toEqual({ name: 'NDA - Contoso (signed).pdf', size: 13 });
  });

  it('a retry after a crash between the status change and the event row finishes the job, counted as applied', async () => {
    store.failNext.push({ op: 'createEvent', error: new Error('crash') });
    await expect(applyStatusEvent(event(6, 'signed', { signedDocumentId: 'doc_9' }), { store, clm })).rejects.toThrow('crash');
    const out = await applyStatusEvent(event(6, 'signed', { signedDocumentId: 'doc_9' }), { store, clm });
    expect(out).toMatchObject({ kind: 'recorded', applied: true });
    expect(store.rows.get('row-1')!.file).toBeDefined();
  });

  it('re-reads and tries again when another event changed the row first (412), keeping the higher sequence', async () => {
    let raced = false;
    store.beforeChange = () => {
      if (raced) return;
      raced = true;
      const r = store.rows.get('row-1')!;
      Object.assign(r, { status: 'sent_for_signature', sequence: 7, etag: 'W/"other"' });
    };
    const out = await applyStatusEvent(event(4, 'validated'), { store, clm });
    expect(out).toMatchObject({ applied: false });
    expect(store.rows.get('row-1')).toMatchObject({ status: 'sent_for_signature', sequence: 7 });
  });

  it('property: any order, with duplicates, ends at the highest sequence with every event recorded once', async () => {
    const statuses: ContractStatus[] = ['in_validation', 'validated', 'rejected', 'sent_for_signature', 'signed', 'declined'];
    await fc.assert(
      fc.asyncProperty(
        fc
          .array(fc.constantFrom(...statuses), { minLength: 1, maxLength: 12 })
          .chain((chain) =>
            fc.tuple(fc.constant(chain), fc.shuffledSubarray([...chain.keys(), ...chain.keys()], { minLength: chain.length * 2, maxLength: chain.length * 2 })),
          ),
        async ([chain, order]) => {
          const s = new FakeContractStore();
          s.addContract('row-1', 'ctr_1');
          const events = chain.map((st, i) => event(i + 2, st));
          for (const i of order) await applyStatusEvent(events[i], { store: s, clm });
          const last = events[events.length - 1];
          expect(s.rows.get('row-1')).toMatchObject({ status: last.status, sequence: last.sequence });
          expect(s.events.size).toBe(events.length);
        },
      ),
      { numRuns: 100 },
    );
  });
});
