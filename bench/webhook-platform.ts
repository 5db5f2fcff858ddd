/**
 * `npm run bench -- webhook-platform`: what an HTTP function costs on this machine before any of the
 * connector's code runs, step by step, loaded exactly as `npm run bench -- webhook` loads the
 * receiver (bench/lib/http-load.ts). Targets, each a node `http` server in this process:
 * - `bare`: answers 204 (the reference of the webhook bench's ratio);
 * - `readBody`: also reads the body and parses the URL, as the dev host does;
 * - `functionsModel`: also builds what the `@azure/functions` library builds for every invocation
 *   (an `HttpRequest`, whose undici `Request` carries the body, read with the handlers' `readBody`;
 *   an `InvocationContext`; an `HttpResponse` written back), through the dev host's own bridge;
 * - `devHostEmpty`: the dev host itself, serving one function that reads the body and answers 202.
 * Prints each target's requests per second (best of alternated rounds), its ratio to `bare`, this
 * process's CPU per request, and the load average before and after.
 */
import { InvocationContext } from '@azure/functions';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadavg } from 'node:os';
import { readBody } from '../functions/src/handlers/http/read-body';
import { MAX_WEBHOOK_BYTES } from '../functions/src/services/webhooks/receive-webhook';
import { startFunctionsHost } from '../sandbox/functions-host';
import { readRawBody, toHttpRequest, writeResult } from '../sandbox/functions-host/http-bridge';
import { bareServer, load, prepare, type Load } from './lib/http-load';

const REQUESTS = 3000;
const WARMUP = 500;
const ROUNDS = 3;
const SECRET = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;

async function serve(functionsModel: boolean): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    void (async () => {
      const raw = await readRawBody(req);
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (!functionsModel) {
        res.writeHead(202, { 'content-length': '0' }).end();
        return;
      }
      await readBody(toHttpRequest(req, url.toString(), raw, {}), MAX_WEBHOOK_BYTES);
      new InvocationContext({ functionName: 'emptyFunction', invocationId: randomUUID(), options: { trigger: { type: 'httpTrigger', name: 'req' } } });
      await writeResult(res, { status: 202 });
    })();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/webhooks/clm`,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

export async function run(): Promise<Record<string, unknown>> {
  const bare = await bareServer();
  const bodyOnly = await serve(false);
  const model = await serve(true);
  const host = await startFunctionsHost({
    routes: [
      { name: 'emptyFunction', methods: ['POST'], route: 'webhooks/clm', handler: async (req) => (await readBody(req, MAX_WEBHOOK_BYTES), { status: 202 }) },
    ],
    timers: [],
    queues: [],
  });
  try {
    const targets = { bare: bare.url, readBody: bodyOnly.url, functionsModel: model.url, devHostEmpty: `${host.url}/webhooks/clm` };
    const names = Object.keys(targets) as (keyof typeof targets)[];
    const loadAvg1m = [loadavg()[0]];
    for (const name of names) await load(targets[name], prepare(WARMUP, SECRET));
    const runs = Object.fromEntries(names.map((n) => [n, [] as Load[]])) as Record<keyof typeof targets, Load[]>;
    for (let round = 0; round < ROUNDS; round++) {
      for (const name of names) runs[name].push(await load(targets[name], prepare(REQUESTS, SECRET)));
    }
    loadAvg1m.push(loadavg()[0]);
    const best = Object.fromEntries(names.map((n) => [n, runs[n].reduce((a, b) => (a.perSecond > b.perSecond ? a : b))])) as Record<keyof typeof targets, Load>;
    const r1 = (x: number) => Math.round(x * 10) / 10;
    return {
      perSecond: Object.fromEntries(names.map((n) => [n, Math.round(best[n].perSecond)])),
      ratioToBareHttp: Object.fromEntries(names.map((n) => [n, Math.round((best[n].perSecond / best.bare.perSecond) * 1000) / 1000])),
      cpuUsPerRequest: Object.fromEntries(names.map((n) => [n, Math.round(best[n].cpuUsPerRequest)])),
      loadAvg1m: loadAvg1m.map(r1),
      requests: REQUESTS,
      rounds: ROUNDS,
    };
  } finally {
    await bare.close();
    await bodyOnly.close();
    await model.close();
    await host.close();
  }
}

if (require.main === module) {
  run().then(
    (f) => {
      console.log(JSON.stringify({ bench: 'webhook-platform', ...f }));
      process.exit(0);
    },
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}
