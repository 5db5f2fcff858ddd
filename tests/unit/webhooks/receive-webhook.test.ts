import { Webhook } from 'standardwebhooks';
import { NO_WEBHOOK_SECRETS, type QueuedWebhookEvent } from '../../../functions/src/services/ports';
import { acceptedSecrets, CachedSecrets } from '../../../functions/src/services/webhooks/accepted-secrets';
import { GroupCommitQueue } from '../../../functions/src/services/webhooks/group-commit-queue';
import { ConnectorError, UnavailableError } from '../../../functions/src/services/errors';
import { receiveWebhook as receive } from '../../../functions/src/services/webhooks/receive-webhook';
import { MemorySecretStore, statusEventBody } from './fakes';

/** The use case's answer as HTTP sees it: its outcome, or the status (and Retry-After) of the ConnectorError it threw. */
async function receiveWebhook(...args: Parameters<typeof receive>): Promise<{ status: number; retryAfterSeconds?: number }> {
  try {
    return await receive(...args);
  } catch (e) {
    if (!(e instanceof ConnectorError)) throw e;
    return { status: e.status, ...(e instanceof UnavailableError ? { retryAfterSeconds: e.retryAfterSeconds } : {}) };
  }
}

const SECRET = `whsec_${Buffer.alloc(32, 1).toString('base64')}`;
const OLD = `whsec_${Buffer.alloc(32, 2).toString('base64')}`;
const OTHER = `whsec_${Buffer.alloc(32, 3).toString('base64')}`;

const body = (over: Record<string, unknown> = {}) => statusEventBody(over);

function signed(raw: string, secrets: string[], at = new Date(), id = 'evt_1') {
  const signature = secrets.map((s) => new Webhook(s).sign(id, at, raw)).join(' ');
  return {
    body: Buffer.from(raw),
    headers: { 'webhook-id': id, 'webhook-timestamp': String(Math.floor(at.getTime() / 1000)), 'webhook-signature': signature },
  };
}

describe('receiveWebhook', () => {
  let store: MemorySecretStore;
  let queued: QueuedWebhookEvent[];
  let deps: Parameters<typeof receiveWebhook>[1];
  beforeEach(() => {
    store = new MemorySecretStore();
    store.value = { ...NO_WEBHOOK_SECRETS, current: SECRET, confirmedAt: '2026-11-01T00:00:00Z' };
    queued = [];
    deps = { secrets: new CachedSecrets(store), secretStore: store, queue: { enqueue: async (e) => void queued.push(e) }, log: () => undefined };
  });

  it('queues a verified event and answers 202 only after the queue took it', async () => {
    const out = await receiveWebhook(signed(body(), [SECRET]), deps);
    expect(out.status).toBe(202);
    expect(queued).toEqual([expect.objectContaining({ webhookId: 'evt_1', body: body() })]);
  });

  it('accepts any one matching entry among several signatures (rotation)', async () => {
    expect((await receiveWebhook(signed(body(), [OTHER, SECRET]), deps)).status).toBe(202);
  });

  it.each([
    ['a wrong secret', () => signed(body(), [OTHER])],
    ['a tampered body', () => ({ ...signed(body(), [SECRET]), body: Buffer.from(body({ data: { contractId: 'ctr_1', status: 'cancelled', sequence: 99 } })) })],
    ['a stale timestamp (6 min old)', () => signed(body(), [SECRET], new Date(Date.now() - 6 * 60_000))],
    ['a timestamp 6 min ahead', () => signed(body(), [SECRET], new Date(Date.now() + 6 * 60_000))],
    ['no signature', () => ({ body: Buffer.from(body()), headers: { 'webhook-id': 'evt_1', 'webhook-timestamp': String(Math.floor(Date.now() / 1000)) } })],
  ])('%s is 401 and nothing is queued', async (_name, make) => {
    const out = await receiveWebhook(make(), deps);
    expect(out.status).toBe(401);
    expect(queued).toHaveLength(0);
  });

  it('verifies before parsing: a badly signed non-JSON body is 401, not 400', async () => {
    expect((await receiveWebhook({ ...signed('not json', [OTHER]) }, deps)).status).toBe(401);
  });

  it('400 for a signed body that is not the spec JSON', async () => {
    expect((await receiveWebhook(signed('{"id":', [SECRET]), deps)).status).toBe(400);
    const out = await receiveWebhook(signed(body({ data: { contractId: 'ctr_1', status: 'archived', sequence: 1 } }), [SECRET]), deps);
    expect(out.status).toBe(400);
    expect(queued).toHaveLength(0);
  });

  it('2xx and nothing queued for an event type it does not know', async () => {
    const out = await receiveWebhook(signed(body({ type: 'contract.commented' }), [SECRET]), deps);
    expect(out.status).toBe(204);
    expect(queued).toHaveLength(0);
  });

  it('503 with Retry-After when storage cannot take the event', async () => {
    deps.queue = { enqueue: async () => Promise.reject(new Error('ECONNREFUSED')) };
    const out = await receiveWebhook(signed(body(), [SECRET]), deps);
    expect(out).toMatchObject({ status: 503, retryAfterSeconds: expect.any(Number) });
  });

  it('through the group committer: 202 to each delivery of a kept group, 503 to every delivery of a failed one', async () => {
    const writes: string[][] = [];
    let failGroups = false;
    deps.queue = new GroupCommitQueue({
      groupCapacity: 60_000,
      groupCost: (e) => e.body.length,
      enqueue: async (e) => void writes.push([e.webhookId]),
      enqueueGroup: async (g) => {
        writes.push(g.map((e) => e.webhookId));
        if (failGroups) throw new Error('ECONNRESET');
      },
    });
    const ids = ['evt_a', 'evt_b', 'evt_c'];
    const ok = await Promise.all(ids.map((id) => receiveWebhook(signed(body({ id }), [SECRET], new Date(), id), deps)));
    expect(ok.map((o) => o.status)).toEqual([202, 202, 202]);
    expect(writes).toEqual([['evt_a'], ['evt_b', 'evt_c']]);
    failGroups = true;
    const failed = await Promise.all(['evt_d', 'evt_e', 'evt_f'].map((id) => receiveWebhook(signed(body({ id }), [SECRET], new Date(), id), deps)));
    // evt_d went alone (kept); evt_e and evt_f shared the failed write.
    expect(failed.map((o) => o.status)).toEqual([202, 503, 503]);
  });

  it('reads the secrets once for many deliveries (hot path = one queue write)', async () => {
    for (let i = 0; i < 20; i++) await receiveWebhook(signed(body(), [SECRET]), deps);
    expect(store.reads).toBe(1);
  });

  it('picks up a rotation made by another instance at the first event signed with the new secret', async () => {
    await receiveWebhook(signed(body(), [SECRET]), deps);
    store.value = { ...store.value, current: OTHER, previous: SECRET };
    await new Promise((r) => setTimeout(r, 1_050)); // the re-read is rate-limited to once a second
    expect((await receiveWebhook(signed(body(), [OTHER]), deps)).status).toBe(202);
  });

  it('records the rotation as confirmed once the CLM signs with the current secret, not before', async () => {
    store.value = { ...store.value, confirmedAt: null, previous: OLD };
    await receiveWebhook(signed(body(), [OLD]), deps);
    await new Promise((r) => setImmediate(r));
    expect(store.value.confirmedAt).toBeNull();
    await receiveWebhook(signed(body(), [SECRET, OLD]), deps);
    for (let i = 0; i < 10 && !store.value.confirmedAt; i++) await new Promise((r) => setImmediate(r));
    expect(store.value.confirmedAt).toEqual(expect.any(String));
  });
});

describe('acceptedSecrets (rotation grace)', () => {
  const now = new Date('2026-11-22T12:00:00Z');
  it('keeps the previous secret while the new one is unconfirmed, even after the grace period', () => {
    const s = { ...NO_WEBHOOK_SECRETS, current: SECRET, previous: OLD, previousUntil: '2026-11-20T00:00:00Z', confirmedAt: null };
    expect(acceptedSecrets(s, now).map((x) => x.role)).toEqual(['current', 'previous']);
  });
  it('drops the previous secret once confirmed and the grace period is over', () => {
    const s = { ...NO_WEBHOOK_SECRETS, current: SECRET, previous: OLD, previousUntil: '2026-11-22T11:00:00Z', confirmedAt: '2026-11-21T00:00:00Z' };
    expect(acceptedSecrets(s, now).map((x) => x.role)).toEqual(['current']);
  });
  it('accepts a pending secret (set in the CLM before the store made it current)', () => {
    const s = { ...NO_WEBHOOK_SECRETS, current: SECRET, pending: OTHER, confirmedAt: '2026-11-21T00:00:00Z' };
    expect(acceptedSecrets(s, now).map((x) => x.role)).toEqual(['current', 'pending']);
  });
});
