import { decodeQueueMessage, encodeMessage } from '../../../functions/src/adapters/storage/event-queue';
import { newWebhookSecret, registerWebhook, webhookUrlOf } from '../../../functions/src/services/webhooks/register-webhook';
import { acceptedSecrets } from '../../../functions/src/services/webhooks/accepted-secrets';
import { MemorySecretStore } from './fakes';

describe('registerWebhook', () => {
  const connectorUrl = async () => 'https://contoso-clm.azurewebsites.net/api/';

  it('makes whsec_ + base64 of 32 random bytes, different each time', () => {
    const a = newWebhookSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(a.slice(6), 'base64')).toHaveLength(32);
    expect(newWebhookSecret()).not.toBe(a);
  });

  it('sets webhook_url from dtclm_connector_url and keeps the old secret as previous', async () => {
    const store = new MemorySecretStore();
    store.value = { ...store.value, current: 'whsec_old', confirmedAt: '2026-01-01T00:00:00Z' };
    const put = jest.fn(async () => undefined);
    const answer = await registerWebhook({
      store,
      clm: { putWebhook: put, getWebhook: async () => ({ webhook_url: null }) },
      connectorUrl,
      now: () => new Date('2026-11-22T10:00:00Z'),
    });
    expect(answer).toEqual({ webhook_url: 'https://contoso-clm.azurewebsites.net/api/webhooks/clm' });
    expect(put).toHaveBeenCalledWith({ webhook_url: answer.webhook_url, secret: store.value.current });
    expect(store.value).toMatchObject({ previous: 'whsec_old', pending: null, confirmedAt: null, previousUntil: '2026-11-23T10:00:00.000Z' });
  });

  it('revokePrevious: the replaced secret is refused at once, not after the grace period (a leaked secret)', async () => {
    const old = `whsec_${Buffer.alloc(32, 9).toString('base64')}`;
    const store = new MemorySecretStore();
    store.value = { ...store.value, current: old, confirmedAt: '2026-01-01T00:00:00Z' };
    const clm = { putWebhook: async () => undefined, getWebhook: async () => ({ webhook_url: null }) };
    const now = new Date('2026-11-22T10:00:00Z');
    await registerWebhook({ store, clm, connectorUrl, now: () => now }, { revokePrevious: true });
    const accepted = acceptedSecrets(store.value, now).map((a) => a.secret);
    expect(accepted).toEqual([store.value.current]);
    expect(accepted).not.toContain(old);
    // Without it, the old secret stays accepted during the grace.
    store.value = { ...store.value, current: old, confirmedAt: '2026-01-01T00:00:00Z' };
    await registerWebhook({ store, clm, connectorUrl, now: () => now });
    expect(acceptedSecrets(store.value, now).map((a) => a.secret)).toContain(old);
  });

  it('the new secret is accepted (pending) before the CLM is told; a refused PUT changes nothing', async () => {
    const store = new MemorySecretStore();
    store.value = { ...store.value, current: 'whsec_old' };
    let pendingDuringPut: string | null = null;
    const put = async () => {
      pendingDuringPut = store.value.pending;
      throw new Error('422');
    };
    await expect(registerWebhook({ store, clm: { putWebhook: put, getWebhook: async () => ({ webhook_url: null }) }, connectorUrl })).rejects.toThrow('422');
    expect(pendingDuringPut).toMatch(/^whsec_/);
    expect(store.value).toMatchObject({ current: 'whsec_old', pending: null, previous: null });
  });

  it('refuses when dtclm_connector_url is empty', async () => {
    const store = new MemorySecretStore();
    await expect(
      registerWebhook({
        store,
        clm: { putWebhook: async () => undefined, getWebhook: async () => ({ webhook_url: null }) },
        connectorUrl: async () => undefined,
      }),
    ).rejects.toMatchObject({ status: 422 });
  });

  it('webhookUrlOf trims trailing slashes', () => {
    expect(webhookUrlOf('http://127.0.0.1:7071/api')).toBe('http://127.0.0.1:7071/api/webhooks/clm');
  });
});

describe('event queue message', () => {
  const m = { v: 1 as const, webhookId: 'evt_1', receivedAt: '2026-11-22T10:00:00.000Z', body: '{"a":"é"}' };
  it('is base64 of JSON, as the Functions runtime decodes it', () => {
    expect(JSON.parse(Buffer.from(encodeMessage(m), 'base64').toString('utf8'))).toEqual(m);
  });
  it('decodes what the runtime hands over: parsed JSON, a JSON string or the base64 text', () => {
    expect(decodeQueueMessage(m)).toEqual(m);
    expect(decodeQueueMessage(JSON.stringify(m))).toEqual(m);
    expect(decodeQueueMessage(encodeMessage(m))).toEqual(m);
  });
  it('refuses anything else', () => {
    expect(() => decodeQueueMessage({ hello: 1 })).toThrow();
  });
});
