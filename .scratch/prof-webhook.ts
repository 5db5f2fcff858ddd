import { HttpRequest, InvocationContext } from '@azure/functions';
import { Webhook } from 'standardwebhooks';
import { clmWebhookHandler } from '../functions/src/handlers/webhooks/clm-webhook';
import { CachedSecrets } from '../functions/src/services/webhooks/accepted-secrets';
import { GroupCommitQueue } from '../functions/src/services/webhooks/group-commit-queue';
import { Redactor } from '../functions/src/services/logging/redactor';
import { NO_WEBHOOK_SECRETS } from '../functions/src/services/ports';
import { toHttpRequest, writeResult } from '../sandbox/functions-host/http-bridge';

const SECRET = `whsec_${Buffer.alloc(32, 1).toString('base64')}`;
const store = { value: { ...NO_WEBHOOK_SECRETS, current: SECRET, confirmedAt: 'x' }, read: async () => store.value, update: async () => store.value };
const queue = new GroupCommitQueue({
  groupCapacity: 60000,
  groupCost: (e) => e.body.length,
  enqueue: async () => {
    await new Promise((r) => setTimeout(r, 2));
  },
  enqueueGroup: async () => {
    await new Promise((r) => setTimeout(r, 2));
  },
});
const app = () => ({ redactor: new Redactor(), webhooks: { secrets: new CachedSecrets(store as never), secretStore: store, receiverQueue: queue } }) as never;
const handler = clmWebhookHandler(app);
const body = (i: number) =>
  JSON.stringify({
    id: `evt_${i}`,
    type: 'contract.status_changed',
    occurredAt: '2026-11-22T10:15:02Z',
    data: {
      contractId: 'ctr_1',
      status: 'signed',
      previousStatus: 'sent_for_signature',
      sequence: 5,
      externalRef: null,
      reason: null,
      signedDocumentId: 'doc_7',
    },
  });
const wh = new Webhook(SECRET);
const N = Number(process.argv[2] ?? 20000);
const reqs = Array.from({ length: N }, (_, i) => {
  const b = body(i);
  const at = new Date();
  return {
    b,
    h: {
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(b)),
      'webhook-id': `evt_${i}`,
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': wh.sign(`evt_${i}`, at, b),
    },
  };
});
const fakeRes = () => ({ writeHead() {}, end() {}, statusCode: 0 }) as never;
async function main() {
  const t0 = performance.now();
  let i = 0;
  await Promise.all(
    Array.from({ length: 100 }, async () => {
      while (i < N) {
        const r = reqs[i++];
        const req = toHttpRequest({ method: 'POST', headers: r.h } as never, 'http://127.0.0.1/api/webhooks/clm', Buffer.from(r.b), {});
        const ctx = new InvocationContext({ invocationId: 'x', functionName: 'clmWebhook', logHandler: () => undefined });
        const out = await handler(req, ctx);
        await writeResult(fakeRes(), out as never);
      }
    }),
  );
  const ms = performance.now() - t0;
  console.log(JSON.stringify({ perRequestUs: Math.round((ms * 1000) / N), perSecond: Math.round(N / (ms / 1000)) }));
}
void main();
