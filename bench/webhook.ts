/**
 * `npm run bench -- webhook`: the webhook receiver (verified, queued in Azurite, acknowledged)
 * through the functions host, against a bare node `http` server answering 204, on the same machine
 * in the same run, with 100 concurrent senders (keep-alive agents, autocannon-style closed loop).
 * Prints `ratioToBareHttp` (receiver requests/s over bare requests/s) and `p99AckMs` (the
 * receiver's 99th percentile acknowledgement time), and `eventsPerQueueWrite` (how many events
 * the receiver's group commit put in each queue message, over the measured rounds).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { StorageWebhookEventQueue } from '../functions/src/adapters/storage/event-queue';
import type { QueuedWebhookEvent } from '../functions/src/services/ports';
import { BlobWebhookSecretStore } from '../functions/src/adapters/storage/webhook-secrets';
import { registerWebhook } from '../functions/src/services/webhooks/register-webhook';
import { startWorld } from '../sandbox/world';

const SENDERS = 100;
const REQUESTS = Number(process.env.WEBHOOK_BENCH_REQUESTS ?? 3000);
const WARMUP = 500;

interface Load {
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
}

/** Counts the queue writes, to show how much the group commit groups. */
class CountingQueue extends StorageWebhookEventQueue {
  writes = 0;
  override enqueue(e: QueuedWebhookEvent): Promise<void> {
    this.writes++;
    return super.enqueue(e);
  }
  override enqueueGroup(g: QueuedWebhookEvent[]): Promise<void> {
    this.writes++;
    return super.enqueueGroup(g);
  }
}

interface Prepared {
  headers: Record<string, string | number>;
  body: string;
}

function prepare(count: number, secret: string): Prepared[] {
  const hook = new Webhook(secret);
  return Array.from({ length: count }, (_, i) => {
    const id = `evt_bench_${i}_${Math.random().toString(36).slice(2, 8)}`;
    const now = new Date();
    const body = JSON.stringify({
      id,
      type: 'contract.status_changed',
      occurredAt: now.toISOString(),
      data: {
        contractId: `ctr_bench_${i % 500}`,
        status: 'in_validation',
        previousStatus: 'draft',
        sequence: 2,
        externalRef: null,
        reason: null,
        signedDocumentId: null,
      },
    });
    return {
      body,
      headers: {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
        'webhook-id': id,
        'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
        'webhook-signature': hook.sign(id, now, body),
      },
    };
  });
}

/** A closed loop: each of `SENDERS` sends its next request as soon as the previous one is answered. */
async function load(url: string, requests: Prepared[]): Promise<Load> {
  const target = new URL(url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: SENDERS });
  const times: number[] = [];
  let non2xx = 0;
  let next = 0;
  const one = (p: Prepared) =>
    new Promise<void>((resolve, reject) => {
      const t0 = process.hrtime.bigint();
      const req = http.request({ host: target.hostname, port: target.port, path: target.pathname, method: 'POST', agent, headers: p.headers }, (res) => {
        res.resume();
        res.on('end', () => {
          times.push(Number(process.hrtime.bigint() - t0) / 1e6);
          if ((res.statusCode ?? 0) >= 300) non2xx++;
          resolve();
        });
      });
      req.on('error', reject);
      req.end(p.body);
    });
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: SENDERS }, async () => {
      while (next < requests.length) await one(requests[next++]);
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  agent.destroy();
  times.sort((a, b) => a - b);
  const pct = (p: number) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))];
  return { perSecond: requests.length / seconds, p50Ms: pct(50), p99Ms: pct(99), non2xx };
}

async function bareServer(): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(204).end());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhooks/clm`,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

export async function run(): Promise<Record<string, unknown>> {
  // The receiver writes to a queue of its own that no processor drains: the figure is receive,
  // verify, queue and acknowledge, without the processor competing for Azurite.
  let queue: CountingQueue | undefined;
  const world = await startWorld({
    functionsLogHandler: () => undefined,
    appOverrides: ({ config }) => ({ webhooks: { queue: (queue = new CountingQueue(config.storageConnectionString, 'bench-webhook-events')) } }),
  });
  const bare = await bareServer();
  try {
    const secrets = new BlobWebhookSecretStore(world.storage.connectionString);
    const tokens = await world.clm!.issueTokens();
    await registerWebhook({
      store: secrets,
      clm: {
        getWebhook: async () => ({ webhook_url: null }),
        putWebhook: async (r) => {
          const res = await fetch(`${world.clm!.apiBase}/webhook`, {
            method: 'PUT',
            headers: { authorization: `Bearer ${tokens.access_token}`, 'content-type': 'application/json' },
            body: JSON.stringify(r),
          });
          if (!res.ok) throw new Error(`PUT /webhook ${res.status}`);
        },
      },
      connectorUrl: async () => world.functions.url,
    });
    // Emptied between rounds because the sandbox's in-memory Azurite slows down as a queue gets deep.
    const emptyQueue = async () => {
      if (await queue!.queue.exists()) await queue!.queue.clearMessages();
    };
    const secret = (await secrets.read()).current!;
    const receiverUrl = `${world.functions.url}/webhooks/clm`;

    await load(bare.url, prepare(WARMUP, secret));
    await load(receiverUrl, prepare(WARMUP, secret));
    await emptyQueue();
    // Alternate, and keep the better of two rounds each, so neither side pays for a busy moment alone.
    queue!.writes = 0;
    const bareRuns: Load[] = [];
    const receiverRuns: Load[] = [];
    for (let round = 0; round < 2; round++) {
      bareRuns.push(await load(bare.url, prepare(REQUESTS, secret)));
      receiverRuns.push(await load(receiverUrl, prepare(REQUESTS, secret)));
      await emptyQueue();
    }
    const bestBare = bareRuns.reduce((a, b) => (a.perSecond > b.perSecond ? a : b));
    const bestReceiver = receiverRuns.reduce((a, b) => (a.perSecond > b.perSecond ? a : b));
    const non2xx = receiverRuns.reduce((n, r) => n + r.non2xx, 0);
    if (non2xx > 0) throw new Error(`${non2xx} webhook deliveries were not acknowledged`);
    return {
      ratioToBareHttp: Math.round((bestReceiver.perSecond / bestBare.perSecond) * 1000) / 1000,
      p99AckMs: Math.round(bestReceiver.p99Ms * 10) / 10,
      receiverPerSecond: Math.round(bestReceiver.perSecond),
      bareHttpPerSecond: Math.round(bestBare.perSecond),
      p50AckMs: Math.round(bestReceiver.p50Ms * 10) / 10,
      eventsPerQueueWrite: Math.round(((2 * REQUESTS) / queue!.writes) * 10) / 10,
      senders: SENDERS,
      requests: REQUESTS,
    };
  } finally {
    await bare.close();
    await world.close();
  }
}

if (require.main === module) {
  run().then(
    (f) => {
      console.log(JSON.stringify({ bench: 'webhook', ...f }));
      process.exit(0);
    },
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}
