/**
 * A known answer for the Standard Webhooks signature (webhook.md), so that the receiver and the CLM
 * sandbox are checked against the scheme itself and not only against the package they both use:
 * the vector of the Standard Webhooks reference library's own "sign function works" test
 * (standard-webhooks/standard-webhooks, libraries/javascript/src/webhook.test.ts): HMAC-SHA256,
 * keyed by the base64-decoded secret, of `{msg_id}.{timestamp}.{payload}`, sent as `v1,<base64>`.
 */
import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { Webhook } from 'standardwebhooks';
import { NO_WEBHOOK_SECRETS } from '../../../functions/src/services/ports';
import { BadRequestError, BadSignatureError } from '../../../functions/src/services/errors';
import { CachedSecrets } from '../../../functions/src/services/webhooks/accepted-secrets';
import { receiveWebhook } from '../../../functions/src/services/webhooks/receive-webhook';
import { NodeCryptoWebhook } from '../../../functions/src/services/webhooks/signature-verifier';
import { signedHeaders } from '../../../sandbox/clm/webhooks/signing';
import { MemorySecretStore } from './fakes';

const VECTOR = {
  secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  msgId: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
  timestamp: 1614265330,
  payload: '{"test": 2432232314}',
  signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
};

describe('Standard Webhooks known answer', () => {
  it('is the scheme as the spec words it (so the vector itself is right)', () => {
    const key = Buffer.from(VECTOR.secret.slice('whsec_'.length), 'base64');
    const mac = createHmac('sha256', key).update(`${VECTOR.msgId}.${VECTOR.timestamp}.${VECTOR.payload}`).digest('base64');
    expect(`v1,${mac}`).toBe(VECTOR.signature);
  });

  it('is what the CLM sandbox signs', () => {
    const headers = signedHeaders([VECTOR.secret], VECTOR.msgId, VECTOR.payload, new Date(VECTOR.timestamp * 1000));
    expect(headers).toMatchObject({ 'webhook-id': VECTOR.msgId, 'webhook-timestamp': String(VECTOR.timestamp), 'webhook-signature': VECTOR.signature });
  });

  it("is what the receiver's verifier computes (its HMAC is node:crypto's, not the package's)", () => {
    expect(new NodeCryptoWebhook(VECTOR.secret).sign(VECTOR.msgId, new Date(VECTOR.timestamp * 1000), VECTOR.payload)).toBe(VECTOR.signature);
  });

  it('signs any id, time and body (Unicode included, string or Buffer) exactly as the unmodified package does', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 64 }),
        fc.string({ minLength: 1, maxLength: 100 }),
        fc.integer({ min: 0, max: 4_102_444_800 }),
        fc.string({ unit: 'grapheme', maxLength: 300 }),
        fc.boolean(),
        (key, id, seconds, body, asBuffer) => {
          const secret = `whsec_${Buffer.from(key).toString('base64')}`;
          const at = new Date(seconds * 1000);
          const payload = asBuffer ? Buffer.from(body, 'utf8') : body;
          expect(new NodeCryptoWebhook(secret).sign(id, at, payload)).toBe(new Webhook(secret).sign(id, at, payload));
        },
      ),
    );
  });

  describe('the receiver', () => {
    // The receiver refuses a timestamp 5 minutes away from now: be at the vector's moment.
    beforeEach(() => jest.useFakeTimers({ now: VECTOR.timestamp * 1000, doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] }));
    afterEach(() => jest.useRealTimers());

    const receive = (signature: string) => {
      const store = new MemorySecretStore();
      store.value = { ...NO_WEBHOOK_SECRETS, current: VECTOR.secret, confirmedAt: '2021-01-01T00:00:00Z' };
      return receiveWebhook(
        {
          body: Buffer.from(VECTOR.payload),
          headers: { 'webhook-id': VECTOR.msgId, 'webhook-timestamp': String(VECTOR.timestamp), 'webhook-signature': signature },
        },
        {
          secrets: new CachedSecrets(store),
          secretStore: store,
          queue: { enqueue: async () => undefined },
          now: () => new Date(VECTOR.timestamp * 1000),
          log: () => undefined,
        },
      );
    };

    it('accepts the published signature: past verification, the body is then refused as not a CLM event (400, not 401)', async () => {
      await expect(receive(VECTOR.signature)).rejects.toBeInstanceOf(BadRequestError);
    });

    it('refuses the signature with one character changed (401)', async () => {
      const tampered = VECTOR.signature.replace('g0hM9', 'g0hM8');
      await expect(receive(tampered)).rejects.toBeInstanceOf(BadSignatureError);
    });
  });
});
