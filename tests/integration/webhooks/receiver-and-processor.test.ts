/**
 * The receiver's answers over HTTP (413, 400, unknown type, storage down -> 503), the event rows and
 * the signed PDF in Dataverse, the poison queue and its replay (of a lone event and of a group),
 * and a secret rotation round trip.
 */
import { Webhook } from 'standardwebhooks';
import { QueueServiceClient } from '@azure/storage-queue';
import { decodeQueueEvents, StorageWebhookEventQueue } from '../../../functions/src/adapters/storage/event-queue';
import { WEBHOOK_POISON_QUEUE_NAME } from '../../../functions/src/services/webhooks/queue-names';
import { checkHealth } from '../../../functions/src/services/health/check-health';
import type { ContractStatusStore } from '../../../functions/src/services/ports';
import { registerWebhook } from '../../../functions/src/services/webhooks/register-webhook';
import { demoUser } from '../../../sandbox/seed/identities';
import { QUOTE_REF, SandboxClmClient, startWebhookWorld, type WebhookWorld } from './harness';

jest.setTimeout(120_000);

describe('CLM webhook receiver and status processor', () => {
  let w: WebhookWorld;
  let url: string;
  beforeAll(async () => {
    w = await startWebhookWorld();
    url = `${w.world.functions.url}/webhooks/clm`;
  });
  afterAll(async () => {
    await w?.close();
  });

  async function post(raw: string | Buffer, opts: { secret?: string; id?: string; headers?: Record<string, string> } = {}) {
    const secret = opts.secret ?? (await w.secrets.read()).current!;
    const id = opts.id ?? `evt_test_${Math.random().toString(36).slice(2)}`;
    const now = new Date();
    const text = typeof raw === 'string' ? raw : raw.toString('utf8');
    const res = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'webhook-id': id,
        'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
        'webhook-signature': new Webhook(secret).sign(id, now, text),
        ...opts.headers,
      },
      body: typeof raw === 'string' ? raw : new Uint8Array(raw),
    });
    return res;
  }

  const eventBody = (contractId: string, status: string, sequence: number, extra: Record<string, unknown> = {}) =>
    JSON.stringify({
      id: 'evt_x',
      type: 'contract.status_changed',
      occurredAt: new Date().toISOString(),
      data: { contractId, status, previousStatus: null, sequence, externalRef: QUOTE_REF, reason: null, signedDocumentId: null, ...extra },
    });

  async function dv(path: string): Promise<Response> {
    return fetch(`${w.world.dataverse.url}/api/data/v9.2/${path}`, {
      headers: { authorization: `Bearer ${await w.dataverseToken()}`, accept: 'application/json' },
    });
  }

  it('413 over 256 KiB, 400 for a body that is not the spec JSON, 2xx for an unknown type', async () => {
    expect((await post(Buffer.alloc(256 * 1024 + 1, 0x20))).status).toBe(413);
    expect((await post('{"id":"x","type":"contract.status_changed"}')).status).toBe(400);
    expect((await post('[1,2')).status).toBe(400);
    const unknown = await post(JSON.stringify({ id: 'evt_u', type: 'contract.commented', occurredAt: new Date().toISOString(), data: {} }));
    expect(unknown.status).toBeGreaterThanOrEqual(200);
    expect(unknown.status).toBeLessThan(300);
  });

  it('a tampered body is 401', async () => {
    const secret = (await w.secrets.read()).current!;
    const now = new Date();
    const signature = new Webhook(secret).sign('evt_t', now, eventBody('ctr_x', 'signed', 9));
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'webhook-id': 'evt_t', 'webhook-timestamp': String(Math.floor(now.getTime() / 1000)), 'webhook-signature': signature },
      body: eventBody('ctr_x', 'cancelled', 9),
    });
    expect(res.status).toBe(401);
  });

  it('an event for a contract Dataverse does not know is acknowledged', async () => {
    expect((await post(eventBody('ctr_made_by_hand', 'in_validation', 2))).status).toBe(202);
  });

  it('writes one event row per event, owned by the contract owner, and stores the signed PDF', async () => {
    const a = await w.newContract();
    await w.clm.sandbox('PUT', '/delivery', { mode: 'duplicate' });
    await w.transition(a.clmId, 'signed');
    await w.settle([a.clmId]);
    await w.clm.sandbox('PUT', '/delivery', { mode: 'normal' });
    const deliveries = ((await w.clm.sandbox('GET', '/deliveries')) as { contractId: string; eventId: string }[]).filter((d) => d.contractId === a.clmId);
    // The PDF is stored after the status; wait for the last event row (written last).
    let rows: { dtclm_eventid: string; dtclm_applied: boolean; _ownerid_value: string }[] = [];
    for (let i = 0; i < 100; i++) {
      rows = (
        (await (await dv(`dtclm_contractevents?$select=dtclm_eventid,dtclm_applied,_ownerid_value&$filter=_dtclm_contractid_value eq ${a.rowId}`)).json()) as {
          value: typeof rows;
        }
      ).value;
      if (rows.length >= deliveries.length) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(rows.map((r) => r.dtclm_eventid).sort()).toEqual(deliveries.map((d) => d.eventId).sort());
    expect(rows.every((r) => r._ownerid_value === demoUser('rep').systemUserId)).toBe(true);
    const pdf = await dv(`dtclm_contracts(${a.rowId})/dtclm_signeddocument/$value`);
    expect(pdf.status).toBe(200);
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    // The file's name reads like any column, as Dataverse's `<file column>_name` does.
    const named = (await (await dv(`dtclm_contracts(${a.rowId})?$select=dtclm_signeddocument_name`)).json()) as { dtclm_signeddocument_name: string | null };
    expect(named.dtclm_signeddocument_name).toMatch(/\.pdf$/);
  });

  it('stores a signed document over 4 MB with the chunked upload', async () => {
    const a = await w.newContract();
    const big = Buffer.alloc(9 * 1024 * 1024 + 123, 7);
    await fetch(`${w.world.dataverse.url}/_sandbox/requests`, { method: 'DELETE' });
    await w.store.storeSignedDocument(a.rowId, 'big.pdf', big);
    const back = Buffer.from(await (await dv(`dtclm_contracts(${a.rowId})/dtclm_signeddocument/$value`)).arrayBuffer());
    expect(back.equals(big)).toBe(true);
    const log = (await (await fetch(`${w.world.dataverse.url}/_sandbox/requests`)).json()) as { method: string; url: string }[];
    expect(log.filter((r) => r.method === 'PATCH' && r.url.includes('dtclm_signeddocument')).length).toBeGreaterThanOrEqual(3);
  });

  it('503 with Retry-After when Azure Storage cannot take the event; the CLM retries later', async () => {
    w.swap({
      queue: new StorageWebhookEventQueue(
        'DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;QueueEndpoint=http://127.0.0.1:9/devstoreaccount1;BlobEndpoint=http://127.0.0.1:9/devstoreaccount1;',
      ),
    });
    try {
      const res = await post(eventBody('ctr_any', 'in_validation', 2));
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
    } finally {
      w.swap({});
    }
  });

  it('an event that fails 5 times goes to the poison queue, shows in the health check, and can be replayed', async () => {
    const a = await w.newContract();
    const failing: ContractStatusStore = new Proxy(w.store, {
      get(target, prop, receiver) {
        if (prop === 'changeStatus') return async () => Promise.reject(new Error('simulated bug'));
        const v = Reflect.get(target, prop, receiver) as unknown;
        return typeof v === 'function' ? (v as (...args: unknown[]) => unknown).bind(target) : v;
      },
    });
    w.swap({ store: failing });
    await w.transition(a.clmId, 'in_validation');
    for (let i = 0; i < 200 && (await w.poison.count()) === 0; i++) await new Promise((r) => setTimeout(r, 100));
    expect(await w.poison.count()).toBe(1);
    const health = await checkHealth({
      pingDataverse: async () => undefined,
      clm: w.clm,
      connectorUrl: async () => w.world.functions.url,
      poisonCount: () => w.poison.count(),
      scimConfigured: false,
    });
    expect(health.checks.find((c) => c.name === 'Status events')).toMatchObject({ ok: false });
    expect(health.checks.find((c) => c.name === 'Webhook')).toMatchObject({ ok: true });

    w.swap({});
    expect(await w.poison.replay()).toBe(1);
    await w.settle([a.clmId]);
    expect(await w.poison.count()).toBe(0);
  });

  it('concurrent deliveries share one queue message; a poisoned group goes to the poison queue whole and replays whole', async () => {
    const contracts = await Promise.all(Array.from({ length: 6 }, () => w.newContract()));
    const real = new StorageWebhookEventQueue(w.world.storage.connectionString);
    let first = true;
    // The first write is held 300 ms, so that the other deliveries surely arrive while it is in
    // flight and form the next group (the CLM's answer timeout here is 1 s).
    const queue = {
      groupCapacity: real.groupCapacity,
      groupCost: (e: Parameters<typeof real.groupCost>[0]) => real.groupCost(e),
      enqueueGroup: (g: Parameters<typeof real.enqueueGroup>[0]) => real.enqueueGroup(g),
      bodyOf: (m: Parameters<typeof real.bodyOf>[0]) => real.bodyOf(m),
      eventsOf: (message: unknown) => real.eventsOf(message),
      enqueue: async (e: Parameters<typeof real.enqueue>[0]) => {
        if (first) {
          first = false;
          await new Promise((r) => setTimeout(r, 300));
        }
        return real.enqueue(e);
      },
    };
    const failing: ContractStatusStore = new Proxy(w.store, {
      get(target, prop, receiver) {
        if (prop === 'changeStatus') return async () => Promise.reject(new Error('simulated bug'));
        const v = Reflect.get(target, prop, receiver) as unknown;
        return typeof v === 'function' ? (v as (...args: unknown[]) => unknown).bind(target) : v;
      },
    });
    w.swap({ store: failing, queue });
    await Promise.all(contracts.map((c) => w.transition(c.clmId, 'in_validation')));

    const poisonQueue = QueueServiceClient.fromConnectionString(w.world.storage.connectionString).getQueueClient(WEBHOOK_POISON_QUEUE_NAME);
    const poisoned = async () => {
      if (!(await poisonQueue.exists())) return [];
      const { peekedMessageItems } = await poisonQueue.peekMessages({ numberOfMessages: 32 });
      return peekedMessageItems.map((m) => decodeQueueEvents(m.messageText));
    };
    let groups: Awaited<ReturnType<typeof poisoned>> = [];
    for (let i = 0; i < 300 && groups.flat().length < contracts.length; i++) {
      await new Promise((r) => setTimeout(r, 100));
      groups = await poisoned();
    }
    expect(groups.flat()).toHaveLength(contracts.length);
    expect(groups.length).toBeLessThan(contracts.length);
    expect(Math.max(...groups.map((g) => g.length))).toBeGreaterThan(1);

    w.swap({});
    expect(await w.poison.replay()).toBe(groups.length);
    await w.settle(contracts.map((c) => c.clmId));
    expect(await w.poison.count()).toBe(0);
  });

  it('registration round trip: the CLM signs with the new secret, the old one is still accepted during the grace period', async () => {
    const before = await w.secrets.read();
    const clm = new SandboxClmClient(w.clm.apiBase, (await w.world.clm!.issueTokens()).access_token);
    const answer = await registerWebhook({ store: w.secrets, clm, connectorUrl: async () => w.world.functions.url });
    expect(answer.webhook_url).toBe(`${w.world.functions.url}/webhooks/clm`);
    const after = await w.secrets.read();
    expect(after.current).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(after.previous).toBe(before.current);
    expect((await clm.getWebhook()).webhook_url).toBe(answer.webhook_url);

    const a = await w.newContract();
    await w.transition(a.clmId, 'validated');
    await w.settle([a.clmId]);
    expect((await post(eventBody('ctr_unknown2', 'draft', 2), { secret: after.current! })).status).toBe(202);
    expect((await post(eventBody('ctr_unknown2', 'draft', 3), { secret: before.current! })).status).toBe(202);
  });
});
