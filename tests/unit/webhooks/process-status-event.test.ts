import { encodeMessage, type QueueMessage } from '../../../functions/src/adapters/storage/event-queue';
import { processQueuedEvent } from '../../../functions/src/handlers/webhooks/process-status-event';
import type { WebhookServices } from '../../../functions/src/handlers/webhooks/webhook-services';
import { UnavailableError } from '../../../functions/src/services/errors';
import { FakeClm, FakeContractStore } from './fakes';

const body = JSON.stringify({
  id: 'evt_1',
  type: 'contract.status_changed',
  occurredAt: '2026-11-22T10:15:02Z',
  data: { contractId: 'ctr_1', status: 'validated', previousStatus: 'in_validation', sequence: 3, reason: null, signedDocumentId: null },
});

function services(store: FakeContractStore, patienceMs = 60_000): WebhookServices {
  return {
    store,
    clm: Object.assign(new FakeClm(), { getWebhook: async () => ({ webhook_url: null }), putWebhook: async () => undefined }),
    queue: { enqueue: async () => undefined, bodyOf: async (m: QueueMessage) => ('body' in m ? m.body : '') },
    outagePatienceMs: patienceMs,
  } as unknown as WebhookServices;
}

describe('the status processor queue job', () => {
  const message = encodeMessage({ v: 1, webhookId: 'evt_1', receivedAt: '2026-11-22T10:15:03Z', body });

  it('keeps trying through a Dataverse outage instead of burning the runtime attempts', async () => {
    const store = new FakeContractStore();
    store.addContract('row-1', 'ctr_1');
    for (let i = 0; i < 3; i++) store.failNext.push({ op: 'changeStatus', error: new UnavailableError('down', 1, 'dataverse') });
    const waits: number[] = [];
    const out = await processQueuedEvent(message, services(store), () => undefined, async (ms) => void waits.push(ms));
    expect(out).toMatchObject({ kind: 'recorded', applied: true });
    expect(waits).toHaveLength(3);
    expect(store.rows.get('row-1')).toMatchObject({ status: 'validated', sequence: 3 });
  });

  it('gives the message back (throws) on any other failure, for the runtime to retry and poison', async () => {
    const store = new FakeContractStore();
    store.addContract('row-1', 'ctr_1');
    store.failNext.push({ op: 'changeStatus', error: new Error('bug') });
    await expect(processQueuedEvent(message, services(store), () => undefined, async () => undefined)).rejects.toThrow('bug');
  });

  it('gives up on an outage longer than its patience', async () => {
    const store = new FakeContractStore();
    store.addContract('row-1', 'ctr_1');
    for (let i = 0; i < 50; i++) store.failNext.push({ op: 'changeStatus', error: new UnavailableError('down', 1, 'dataverse') });
    await expect(processQueuedEvent(message, services(store, 0), () => undefined, async () => undefined)).rejects.toBeInstanceOf(UnavailableError);
  });
});
