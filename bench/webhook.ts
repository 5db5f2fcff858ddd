/**
 * `npm run bench -- webhook`: the webhook receiver (verified, queued in Azurite, acknowledged)
 * through the functions host, against a bare node `http` server answering 204, on the same machine
 * in the same run, with 100 concurrent senders (keep-alive agents, autocannon-style closed loop).
 * Prints `ratioToBareHttp` (receiver requests/s over bare requests/s) and `p99AckMs` (the
 * receiver's 99th percentile acknowledgement time), and `eventsPerQueueWrite` (how many events
 * the receiver's group commit put in each queue message, over the measured rounds).
 *
 * Fairness: the same generator (this process, the same prepared signed requests, the same closed
 * loop) loads every target in turn, rounds alternate, and each target keeps its best round, so no
 * side alone pays for a busy moment of the shared machine. A third target, `emptyFunction`, is a
 * function on the same dev host that reads the body and answers 202: what the Functions
 * programming model (HttpRequest, InvocationContext, HttpResponse) costs before any of the
 * connector's code runs. Azurite runs in its own process (as Azure Storage is a remote service): its
 * CPU is reported apart (`azuriteCpuUsPerEvent`), and `cpuUsPerRequest` is this process's CPU
 * (generator included) per request. `loadAvg1m` is the machine's load before and after.
 */
import { StorageWebhookEventQueue } from '../functions/src/adapters/storage/event-queue';
import type { QueuedWebhookEvent } from '../functions/src/services/ports';
import { BlobWebhookSecretStore } from '../functions/src/adapters/storage/webhook-secrets';
import { registerWebhook } from '../functions/src/services/webhooks/register-webhook';
import { loadavg } from 'node:os';
import { readBody } from '../functions/src/handlers/http/read-body';
import { MAX_WEBHOOK_BYTES } from '../functions/src/services/webhooks/receive-webhook';
import { startFunctionsHost } from '../sandbox/functions-host';
import { startWorld } from '../sandbox/world';
import { bareServer, load, prepare, SENDERS, type Load } from './lib/http-load';

const REQUESTS = Number(process.env.WEBHOOK_BENCH_REQUESTS ?? 3000);
const WARMUP = 500;
const ROUNDS = 3;

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

export async function run(): Promise<Record<string, unknown>> {
  // The receiver writes to a queue of its own that no processor drains: the figure is receive,
  // verify, queue and acknowledge, without the processor competing for Azurite.
  let queue: CountingQueue | undefined;
  const world = await startWorld({
    functionsLogHandler: () => undefined,
    appOverrides: ({ config }) => ({ webhooks: { queue: (queue = new CountingQueue(config.storageConnectionString, 'bench-webhook-events')) } }),
  });
  const bare = await bareServer();
  const empty = await startFunctionsHost({
    routes: [
      { name: 'emptyFunction', methods: ['POST'], route: 'webhooks/clm', handler: async (req) => (await readBody(req, MAX_WEBHOOK_BYTES), { status: 202 }) },
    ],
    timers: [],
    queues: [],
  });
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
    const targets = {
      bare: bare.url,
      emptyFunction: `${empty.url}/webhooks/clm`,
      receiver: `${world.functions.url}/webhooks/clm`,
    };
    const azuritePid = world.storage.pid;
    const loadAvg1m = [loadavg()[0]];

    for (const url of Object.values(targets)) await load(url, prepare(WARMUP, secret));
    await emptyQueue();
    queue!.writes = 0;
    const runs: Record<keyof typeof targets, Load[]> = { bare: [], emptyFunction: [], receiver: [] };
    for (let round = 0; round < ROUNDS; round++) {
      for (const name of Object.keys(targets) as (keyof typeof targets)[]) {
        runs[name].push(await load(targets[name], prepare(REQUESTS, secret), azuritePid));
      }
      await emptyQueue();
    }
    loadAvg1m.push(loadavg()[0]);
    const best = (l: Load[]) => l.reduce((a, b) => (a.perSecond > b.perSecond ? a : b));
    const [bestBare, bestEmpty, bestReceiver] = [best(runs.bare), best(runs.emptyFunction), best(runs.receiver)];
    const non2xx = [...runs.emptyFunction, ...runs.receiver].reduce((n, r) => n + r.non2xx, 0);
    if (non2xx > 0) throw new Error(`${non2xx} webhook deliveries were not acknowledged`);
    const r1 = (x: number) => Math.round(x * 10) / 10;
    const ratio = (a: Load, b: Load) => Math.round((a.perSecond / b.perSecond) * 1000) / 1000;
    return {
      ratioToBareHttp: ratio(bestReceiver, bestBare),
      p99AckMs: r1(bestReceiver.p99Ms),
      receiverPerSecond: Math.round(bestReceiver.perSecond),
      bareHttpPerSecond: Math.round(bestBare.perSecond),
      p50AckMs: r1(bestReceiver.p50Ms),
      eventsPerQueueWrite: r1((ROUNDS * REQUESTS) / queue!.writes),
      // The platform's share: a function that does nothing but read the body, on the same host.
      emptyFunctionPerSecond: Math.round(bestEmpty.perSecond),
      ratioEmptyFunctionToBareHttp: ratio(bestEmpty, bestBare),
      ratioToEmptyFunction: ratio(bestReceiver, bestEmpty),
      cpuUsPerRequest: {
        bare: Math.round(bestBare.cpuUsPerRequest),
        emptyFunction: Math.round(bestEmpty.cpuUsPerRequest),
        receiver: Math.round(bestReceiver.cpuUsPerRequest),
      },
      azuriteCpuUsPerEvent: bestReceiver.azuriteUsPerRequest === null ? null : Math.round(bestReceiver.azuriteUsPerRequest),
      loadAvg1m: loadAvg1m.map(r1),
      senders: SENDERS,
      requests: REQUESTS,
      rounds: ROUNDS,
    };
  } finally {
    await bare.close();
    await empty.close();
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
