import { encodeMessage, type QueueMessage } from '../../../functions/src/adapters/storage/event-queue';
import { decodeQueueEvents } from '../../../functions/src/adapters/storage/event-queue';
import { outageRetry } from '../../../functions/src/adapters/resilience';
import { processQueuedEvents } from '../../../functions/src/services/status/process-queued-events';
import { UnavailableError } from '../../../functions/src/services/errors';
import { EXTERNAL_REF, FakeClm, FakeContractStore } from './fakes';

const body = JSON.stringify({
  id: 'evt_1',
  type: 'contract.status_changed',
  occurredAt: '2026-11-22T10:15:02Z',
  data: {
    contractId: 'ctr_1',
    status: 'validated',
    previousStatus: 'in_validation',
    sequence: 3,
    externalRef: EXTERNAL_REF,
    reason: null,
    signedDocumentId: null,
  },
});

/** The processor over fakes, with a fake clock that the outage retry's waits move forward. */
function processQueuedEvent(message: unknown, store: FakeContractStore, patienceMs = 60_000, waits: number[] = []) {
  let now = 0;
  return processQueuedEvents(message, {
    store,
    clm: new FakeClm(),
    queue: { eventsOf: decodeQueueEvents, bodyOf: async (m: QueueMessage) => ('body' in m ? m.body : '') },
    outageRetry: outageRetry({
      patienceMs,
      now: () => now,
      sleep: async (ms) => {
        waits.push(ms);
        now += ms;
      },
    }),
    log: () => undefined,
  });
}

describe('the status processor queue job', () => {
  const message = encodeMessage({ v: 1, webhookId: 'evt_1', receivedAt: '2026-11-22T10:15:03Z', body });

  it('keeps trying through a Dataverse outage instead of burning the runtime attempts', async () => {
    const store = new FakeContractStore();
    store.addContract('row-1', 'ctr_1');
    for (let i = 0; i < 3; i++) store.failNext.push({ op: 'changeStatus', error: new UnavailableError('down', 1, 'dataverse') });
    const waits: number[] = [];
    const out = await processQueuedEvent(message, store, 60_000, waits);
    expect(out).toEqual([expect.objectContaining({ kind: 'recorded', applied: true })]);
    expect(waits).toHaveLength(3);
    expect(store.rows.get('row-1')).toMatchObject({ status: 'validated', sequence: 3 });
  });

  it('gives the message back (throws) on any other failure, for the runtime to retry and poison', async () => {
    const store = new FakeContractStore();
    store.addContract('row-1', 'ctr_1');
    store.failNext.push({ op: 'changeStatus', error: new Error('bug') });
    await expect(processQueuedEvent(message, store)).rejects.toThrow('bug');
  });

  describe('a group message (v2)', () => {
    const ev = (id: string, contract: string, status: string, sequence: number) => ({
      webhookId: id,
      receivedAt: '2026-11-22T10:15:03Z',
      body: JSON.stringify({
        id,
        type: 'contract.status_changed',
        occurredAt: '2026-11-22T10:15:02Z',
        data: { contractId: contract, status, sequence, externalRef: EXTERNAL_REF, reason: null, signedDocumentId: null },
      }),
    });
    const group = encodeMessage({
      v: 2,
      events: [ev('e1', 'ctr_1', 'in_validation', 2), ev('e2', 'ctr_2', 'validated', 3), ev('e3', 'ctr_1', 'validated', 3)],
    });

    it('applies each event as a lone one would, one outcome each in message order', async () => {
      const store = new FakeContractStore();
      store.addContract('row-1', 'ctr_1');
      store.addContract('row-2', 'ctr_2');
      const out = await processQueuedEvent(group, store);
      expect(out).toHaveLength(3);
      expect(out.every((o) => o?.kind === 'recorded')).toBe(true);
      expect(store.rows.get('row-1')).toMatchObject({ status: 'validated', sequence: 3 });
      expect(store.rows.get('row-2')).toMatchObject({ status: 'validated', sequence: 3 });
      expect([...store.events.keys()].sort()).toEqual(['e1', 'e2', 'e3']);
    });

    it('one failing event still lets the others through, then gives the whole message back; the retry finds them duplicates', async () => {
      const store = new FakeContractStore();
      store.addContract('row-1', 'ctr_1');
      store.addContract('row-2', 'ctr_2');
      store.failNext.push({ op: 'createEvent', error: new Error('bug') });
      await expect(processQueuedEvent(group, store)).rejects.toThrow('bug');
      expect(store.events.size).toBe(2);
      const again = await processQueuedEvent(group, store);
      expect(again.filter((o) => o?.kind === 'duplicate')).toHaveLength(2);
      expect([...store.events.keys()].sort()).toEqual(['e1', 'e2', 'e3']);
      expect(store.rows.get('row-1')).toMatchObject({ status: 'validated', sequence: 3 });
    });
  });

  it('gives up on an outage longer than its patience', async () => {
    const store = new FakeContractStore();
    store.addContract('row-1', 'ctr_1');
    for (let i = 0; i < 50; i++) store.failNext.push({ op: 'changeStatus', error: new UnavailableError('down', 1, 'dataverse') });
    await expect(processQueuedEvent(message, store, 0)).rejects.toBeInstanceOf(UnavailableError);
  });
});
