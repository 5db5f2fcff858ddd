/**
 * `npm run bench -- webhook-chaos`: 10,000 status events over 500 contracts, 20% delivered twice,
 * in random order, to the real receiver (signed, through the functions host), while Dataverse
 * answers 429 to 30% of calls and is down (503) for 10 s in the middle. Counts events lost, statuses
 * wrong, event rows not present exactly once, and signed contracts whose signed document did not
 * reach Dataverse (a third of the contracts end signed). `npm test` runs the same with 1,000 events
 * (tests/integration/webhooks/chaos.test.ts).
 *
 * The events are the CLM sandbox's own: contracts created there and moved through its status
 * machine (validation rejected and restarted as often as needed, then validated, sent and ended),
 * its deliveries held (mode `random`, never flushed) so that this run's senders deliver them, with
 * duplicates and in random order. The truth to compare with is the CLM's own record of each
 * contract (status and sequence), read from the CLM sandbox at the end.
 *
 * Processing: the functions host drains the queue one message at a time, as one instance with
 * batchSize 1 would; a second consumer here drains it 16 at a time, as the runtime's default
 * batchSize does on another instance (same dequeue-count and poison rules).
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { QueueServiceClient } from '@azure/storage-queue';
import { Webhook } from 'standardwebhooks';
import { createAppTokenProvider } from '../functions/src/adapters/dataverse/app-token';
import { createDataverseClient } from '../functions/src/adapters/dataverse/client';
import { DataverseContractStatusRepository } from '../functions/src/adapters/dataverse/contract-status-repository';
import { WEBHOOK_QUEUE_NAME } from '../functions/src/services/webhooks/queue-names';
import { BlobWebhookSecretStore } from '../functions/src/adapters/storage/webhook-secrets';
import { processQueuedEvents } from '../functions/src/services/status/process-queued-events';
import type { ContractStatusStore } from '../functions/src/services/ports';
import { lateBound } from '../sandbox/late-bound';
import { STATUS_CHOICE, statusFromChoice, type ContractStatus } from '../functions/src/domain/contract';
import { registerWebhook } from '../functions/src/services/webhooks/register-webhook';
import { SEED_IDS } from '../sandbox/dataverse/seed/ids';
import { demoUser } from '../sandbox/seed/identities';
import { startWorld } from '../sandbox/world';

export interface ChaosOptions {
  events: number;
  contracts: number;
  duplicateShare: number;
  throttleShare: number;
  outageMs: number;
  /** Concurrent senders (the CLM's deliveries in flight). */
  senders: number;
  /** Senders pause while more events than this wait in the queue (see the comment in runChaos). */
  maxBacklog: number;
  log?: (line: string) => void;
}

export interface ChaosFigures {
  events: number;
  lost: number;
  wrong: number;
  /** Event rows missing or present more than once (the alternate key should make it 0). */
  rowsNotOnce: number;
  /** Contracts the CLM ended signed, and those of them whose Dataverse row has no signed document. */
  signedContracts: number;
  missingDocuments: number;
  deliveries: number;
  refusedDeliveries: number;
  poisoned: number;
  durationS: number;
  /** What the proxy before Dataverse did, counted there: calls answered 429, calls refused during the outage, calls passed on. */
  proxy: { throttled: number; refusedDown: number; forwarded: number };
}

const REASONED = new Set<ContractStatus>(['rejected', 'declined', 'expired', 'cancelled']);

interface Planned {
  eventId: string;
  contract: string;
  status: ContractStatus;
  sequence: number;
  body: string;
}

/**
 * The upstream's answer headers as a reverse proxy passes them on: where the upstream names its own
 * address (`Location`, `OData-EntityId`), the proxy's is put instead, as nginx's proxy_redirect and
 * Apache's ProxyPassReverse do. Dataverse's chunked upload answers with the `Location` the chunks
 * go to, and DynamicsWebApi follows it only under the URL it was configured with (the proxy's): left
 * as the upstream's, every signed document's upload failed (404) and its event was poisoned.
 */
function asProxied(headers: http.IncomingHttpHeaders, upstreamOrigin: string, ownOrigin: string): http.IncomingHttpHeaders {
  const out = { ...headers };
  for (const name of ['location', 'odata-entityid']) {
    const value = out[name];
    if (typeof value === 'string' && value.startsWith(upstreamOrigin)) out[name] = ownOrigin + value.slice(upstreamOrigin.length);
  }
  return out;
}

/** A proxy before Dataverse: 429 (Retry-After 0) on a share of calls, 503 while `down`. */
function startChaosProxy(target: string, throttleShare: number) {
  const upstream = new URL(target);
  const state = { down: false, throttled: 0, refusedDown: 0, forwarded: 0 };
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const server = http.createServer((req, res) => {
    if (state.down) {
      state.refusedDown++;
      req.resume();
      res.writeHead(503, { 'content-type': 'application/json' }).end('{"error":{"code":"0x80040216","message":"The service is temporarily unavailable."}}');
      return;
    }
    if (Math.random() < throttleShare) {
      state.throttled++;
      req.resume();
      res
        .writeHead(429, { 'content-type': 'application/json', 'Retry-After': '0' })
        .end('{"error":{"code":"0x80072322","message":"Number of requests exceeded the limit of 6000 over time window of 300 seconds."}}');
      return;
    }
    state.forwarded++;
    const fwd = http.request(
      { host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: { ...req.headers, host: upstream.host }, agent },
      (up) => {
        res.writeHead(up.statusCode ?? 502, asProxied(up.headers, upstream.origin, `http://${req.headers.host}`));
        up.pipe(res);
      },
    );
    fwd.on('error', () => (res.headersSent ? res.destroy() : res.writeHead(502).end()));
    req.pipe(fwd);
  });
  return new Promise<{ url: string; state: typeof state; close(): Promise<void> }>((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        state,
        close: () =>
          new Promise<void>((r) => {
            agent.destroy();
            server.closeAllConnections();
            server.close(() => r());
          }),
      });
    });
  });
}

interface ClmSide {
  apiBase: string;
  accessToken: string;
  rootFolderId: string;
}

async function clmCall(clm: ClmSide, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<unknown> {
  const control = path.startsWith('/_sandbox');
  const res = await fetch(`${clm.apiBase}${path}`, {
    method,
    headers: { ...(control ? {} : { authorization: `Bearer ${clm.accessToken}` }), 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`CLM ${method} ${path}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

const ENDINGS = ['signed', 'declined', 'expired'];

/** The moves of one contract: validation rejected and restarted until `n` is nearly reached, then validated, sent and ended. */
function movesFor(n: number): string[] {
  // A `signed` ending makes the processor fetch the signed PDF from the CLM and upload it to
  // Dataverse (chunked, through the chaos proxy): the run checks each such document arrived.
  const ending = ['in_validation', 'validated', 'sent_for_signature', ENDINGS[Math.floor(Math.random() * ENDINGS.length)]];
  const moves: string[] = [];
  while (n - moves.length > ending.length) moves.push('in_validation', 'rejected');
  return [...moves, ...ending].slice(0, n);
}

/** Contracts made in the CLM sandbox and moved there; their events held by it for this run to deliver. */
async function planFromClm(clm: ClmSide, o: ChaosOptions): Promise<{ planned: Planned[]; contracts: { id: string; sequence: number }[] }> {
  await clmCall(clm, 'PUT', '/_sandbox/delivery', { mode: 'random' });
  const contracts: { id: string; sequence: number }[] = [];
  const perContract = Math.ceil(o.events / o.contracts);
  await Promise.all(
    Array.from({ length: 8 }, async (_, lane) => {
      for (let i = lane; i < o.contracts; i += 8) {
        const made = (await clmCall(
          clm,
          'POST',
          '/contracts',
          {
            templateId: 'tpl_quote_acceptance',
            folderId: clm.rootFolderId,
            name: `Chaos ${i}`,
            fields: { dt0_quote_number: `Q-${i}`, dt0_customer_name: 'Contoso', dt0_quote_total: { amount: 100, currency: 'EUR' } },
            signatories: [{ email: 'sig@example.com', firstName: 'Sig', lastName: 'Natory' }],
            // Made for the demo quote, which the row links: the connector acts only on a CLM contract made for the row's record.
            externalRef: { system: 'dynamics365', entity: 'quote', id: SEED_IDS.quote },
          },
          { 'Idempotency-Key': randomUUID() },
        )) as { id: string; sequence: number };
        contracts.push({ id: made.id, sequence: made.sequence });
        for (const to of movesFor(perContract)) {
          await clmCall(clm, 'POST', `/_sandbox/contracts/${made.id}/transition`, { to, ...(REASONED.has(to as ContractStatus) ? { reason: 'chaos' } : {}) });
        }
      }
    }),
  );
  const held = (await clmCall(clm, 'GET', '/_sandbox/deliveries')) as {
    eventId: string;
    contractId: string;
    status: string;
    sequence: number;
    state: string;
    event: unknown;
  }[];
  const planned = held
    .filter((d) => d.state === 'held')
    .map((d) => ({ eventId: d.eventId, contract: d.contractId, status: d.status as ContractStatus, sequence: d.sequence, body: JSON.stringify(d.event) }));
  return { planned, contracts };
}

function shuffle<T>(a: T[]): T[] {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

export async function runChaos(o: ChaosOptions): Promise<ChaosFigures> {
  const log = o.log ?? (() => undefined);
  // The app's status store goes through the chaos proxy, which exists only once the world is up.
  const storeSlot = lateBound<ContractStatusStore>();
  const world = await startWorld({
    functionsLogHandler: () => undefined,
    // Short back-off pauses: the run checks what is kept, not how long Dataverse asks to wait.
    settings: { RETRY_BASE_DELAY_MS: '20', RETRY_MAX_DELAY_MS: '500' },
    appOverrides: () => ({
      outagePatienceMs: 120_000,
      // The status store goes through the chaos proxy; the CLM is the sandbox's, as wired (a signed
      // contract's document is fetched from it).
      webhooks: { store: storeSlot.value },
    }),
  });
  let stopDrain = false;
  let monitoring = true;
  // Background loops, awaited before the world closes (even on failure).
  const background: Promise<unknown>[] = [];
  const started = Date.now();
  try {
    const config = world.connectorConfig;
    const proxy = await startChaosProxy(world.dataverse.url, o.throttleShare);
    const getToken = createAppTokenProvider(config);
    const api = createDataverseClient({ url: proxy.url, getToken, retry: config.dataverseRetry });
    const store = new DataverseContractStatusRepository(api);
    storeSlot.set(store);
    const secrets = new BlobWebhookSecretStore(world.storage.connectionString);
    const clmTokens = await world.clm!.issueTokens();
    const clmPut = async (r: { webhook_url: string; secret: string }) => {
      const res = await fetch(`${world.clm!.apiBase}/webhook`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${clmTokens.access_token}`, 'content-type': 'application/json' },
        body: JSON.stringify(r),
      });
      if (!res.ok) throw new Error(`PUT /webhook ${res.status}`);
    };
    await registerWebhook({
      store: secrets,
      clm: { putWebhook: clmPut, getWebhook: async () => ({ webhook_url: null }) },
      connectorUrl: async () => world.functions.url,
    });
    const secret = (await secrets.read()).current!;

    const { planned, contracts: made } = await planFromClm(
      { apiBase: world.clm!.apiBase, accessToken: clmTokens.access_token, rootFolderId: world.clm!.rootFolderId },
      o,
    );
    const contracts = made.map((c) => c.id);
    const firstSequence = new Map(made.map((c) => [c.id, c.sequence]));
    // The contract rows, straight into Dataverse (not through the chaos proxy).
    const token = await getToken();
    const rep = demoUser('rep');
    const rowIds = new Map<string, string>();
    await Promise.all(
      Array.from({ length: 8 }, async (_, lane) => {
        for (let i = lane; i < contracts.length; i += 8) {
          const res = await fetch(`${world.dataverse.url}/api/data/v9.2/dtclm_contracts`, {
            method: 'POST',
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', Prefer: 'return=representation' },
            body: JSON.stringify({
              dtclm_name: contracts[i],
              dtclm_clmcontractid: contracts[i],
              dtclm_status: STATUS_CHOICE['draft'],
              dtclm_sequence: firstSequence.get(contracts[i]),
              'ownerid@odata.bind': `/systemusers(${rep.systemUserId})`,
              'dtclm_quoteid@odata.bind': `/quotes(${SEED_IDS.quote})`,
            }),
          });
          if (!res.ok) throw new Error(`contract row: ${res.status} ${await res.text()}`);
          rowIds.set(contracts[i], ((await res.json()) as { dtclm_contractid: string }).dtclm_contractid);
        }
      }),
    );

    // Deliveries: every event once, a share twice, shuffled.
    const deliveries = shuffle([...planned, ...planned.filter(() => Math.random() < o.duplicateShare)]);
    const agent = new http.Agent({ keepAlive: true, maxSockets: o.senders });
    const hook = new Webhook(secret);
    const target = new URL(`${world.functions.url}/webhooks/clm`);
    let refused = 0;
    const send = (p: Planned) =>
      new Promise<number>((resolve, reject) => {
        const now = new Date();
        const req = http.request(
          {
            host: target.hostname,
            port: target.port,
            path: target.pathname,
            method: 'POST',
            agent,
            headers: {
              'content-type': 'application/json',
              'content-length': Buffer.byteLength(p.body),
              'webhook-id': p.eventId,
              'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
              'webhook-signature': hook.sign(p.eventId, now, p.body),
            },
          },
          (res) => {
            res.resume();
            res.on('end', () => resolve(res.statusCode ?? 0));
          },
        );
        req.on('error', reject);
        req.end(p.body);
      });

    // A second consumer, 16 messages at a time (see the header comment).
    const drain = (async () => {
      const queue = QueueServiceClient.fromConnectionString(world.storage.connectionString).getQueueClient(WEBHOOK_QUEUE_NAME);
      const poison = QueueServiceClient.fromConnectionString(world.storage.connectionString).getQueueClient(`${WEBHOOK_QUEUE_NAME}-poison`);
      await queue.createIfNotExists();
      while (!stopDrain) {
        const { receivedMessageItems } = await queue.receiveMessages({ numberOfMessages: 16, visibilityTimeout: 300 });
        if (receivedMessageItems.length === 0) {
          await new Promise((r) => setTimeout(r, 100));
          continue;
        }
        await Promise.all(
          receivedMessageItems.map(async (m) => {
            try {
              const { webhooks } = world.functions.app!();
              await processQueuedEvents(m.messageText, { ...webhooks, log: () => undefined });
              await queue.deleteMessage(m.messageId, m.popReceipt);
            } catch {
              if (m.dequeueCount >= 5) {
                await poison.createIfNotExists();
                await poison.sendMessage(m.messageText);
                await queue.deleteMessage(m.messageId, m.popReceipt);
              } else await queue.updateMessage(m.messageId, m.popReceipt, undefined, 0);
            }
          }),
        );
      }
    })();
    background.push(drain);

    // Azurite (in memory) scans the whole queue on every operation, so a backlog of thousands makes
    // each receive/delete cost tens of ms and the run would measure Azurite. Azure Storage queues do
    // not slow down with depth; here the senders pause while more than MAX_BACKLOG events wait.
    const backlogQueue = QueueServiceClient.fromConnectionString(world.storage.connectionString).getQueueClient(WEBHOOK_QUEUE_NAME);
    let backlog = 0;
    const monitor = (async () => {
      while (monitoring) {
        backlog = (await backlogQueue.getProperties().catch(() => ({ approximateMessagesCount: 0 }))).approximateMessagesCount ?? 0;
        await new Promise((r) => setTimeout(r, 200));
      }
    })();
    background.push(monitor);
    let next = 0;
    let sent = 0;
    let outage: Promise<void> | undefined;
    await Promise.all(
      Array.from({ length: o.senders }, async () => {
        while (next < deliveries.length) {
          while (backlog > o.maxBacklog) await new Promise((r) => setTimeout(r, 50));
          if (next >= deliveries.length) break; // another sender took the last one meanwhile
          const p = deliveries[next++];
          // As the CLM does: anything but 2xx is sent again later.
          for (let attempt = 0; ; attempt++) {
            const status = await send(p);
            if (status >= 200 && status < 300) break;
            refused++;
            if (attempt > 20) throw new Error(`delivery ${p.eventId} refused ${status} 20 times`);
            await new Promise((r) => setTimeout(r, 200));
          }
          if (++sent % 2000 === 0) log(`${sent} delivered, backlog ${backlog}`);
          if (sent === Math.floor(deliveries.length / 2)) {
            log(`half delivered; Dataverse down for ${o.outageMs} ms`);
            proxy.state.down = true;
            outage = new Promise((r) => setTimeout(r, o.outageMs)).then(() => {
              proxy.state.down = false;
              log('Dataverse back');
            });
          }
        }
      }),
    );
    agent.destroy();
    monitoring = false;
    await monitor;
    await outage;
    log(`delivered ${deliveries.length} (${refused} refused and resent); waiting for the queue to drain`);

    // Drained: the queue is empty and stays empty while nothing is in flight.
    const queue = QueueServiceClient.fromConnectionString(world.storage.connectionString).getQueueClient(WEBHOOK_QUEUE_NAME);
    for (let quiet = 0; quiet < 3;) {
      const props = await queue.getProperties();
      quiet = (props.approximateMessagesCount ?? 0) === 0 ? quiet + 1 : 0;
      await new Promise((r) => setTimeout(r, 500));
    }
    stopDrain = true;
    await drain;
    const durationS = (Date.now() - started) / 1000;

    // The verdict, read straight from Dataverse.
    const read = async <T>(path: string): Promise<T[]> => {
      const out: T[] = [];
      let url: string | undefined = `${world.dataverse.url}/api/data/v9.2/${path}`;
      while (url) {
        const res = await fetch(url, { headers: { authorization: `Bearer ${token}`, Prefer: 'odata.maxpagesize=5000' } });
        const page = (await res.json()) as { value: T[]; '@odata.nextLink'?: string };
        out.push(...page.value);
        url = page['@odata.nextLink'];
      }
      return out;
    };
    const rows = await read<{ dtclm_eventid: string }>('dtclm_contractevents?$select=dtclm_eventid');
    const seen = new Map<string, number>();
    for (const r of rows) seen.set(r.dtclm_eventid, (seen.get(r.dtclm_eventid) ?? 0) + 1);
    const lost = planned.filter((p) => !seen.has(p.eventId)).length;
    const rowsNotOnce = planned.filter((p) => seen.get(p.eventId) !== 1).length;
    // The truth: the CLM's own record of each contract.
    const clmSide = (await (await fetch(`${world.clm!.apiBase}/_sandbox/contracts`)).json()) as
      { id: string; status: string; sequence: number }[] | { data: { id: string; status: string; sequence: number }[] };
    const truth = new Map((Array.isArray(clmSide) ? clmSide : clmSide.data).map((c) => [c.id, c]));
    const held = await read<{ dtclm_clmcontractid: string; dtclm_status: number; dtclm_sequence: number; dtclm_signeddocument_name: string | null }>(
      'dtclm_contracts?$select=dtclm_clmcontractid,dtclm_status,dtclm_sequence,dtclm_signeddocument_name',
    );
    const byId = new Map(held.map((h) => [h.dtclm_clmcontractid, h]));
    const wrong = contracts.filter((c) => {
      const h = byId.get(c);
      const t = truth.get(c);
      return !h || !t || (statusFromChoice(h.dtclm_status) ?? null) !== t.status || h.dtclm_sequence !== t.sequence;
    }).length;
    const signed = contracts.filter((c) => truth.get(c)?.status === 'signed');
    const missingDocuments = signed.filter((c) => !byId.get(c)?.dtclm_signeddocument_name).length;
    const poisonClient = QueueServiceClient.fromConnectionString(world.storage.connectionString).getQueueClient(`${WEBHOOK_QUEUE_NAME}-poison`);
    const poisoned = (await poisonClient.exists()) ? ((await poisonClient.getProperties()).approximateMessagesCount ?? 0) : 0;
    const { down: _down, ...proxyCounts } = proxy.state;
    void _down;
    log(`proxy: ${proxyCounts.forwarded} forwarded, ${proxy.state.throttled} answered 429, ${proxy.state.refusedDown} answered 503`);
    await proxy.close();
    void rowIds;
    return {
      events: planned.length,
      lost,
      wrong,
      rowsNotOnce,
      signedContracts: signed.length,
      missingDocuments,
      deliveries: deliveries.length,
      refusedDeliveries: refused,
      poisoned,
      durationS: Math.round(durationS * 10) / 10,
      proxy: proxyCounts,
    };
  } finally {
    stopDrain = true;
    monitoring = false;
    await Promise.allSettled(background);
    await world.close();
  }
}

export async function run(): Promise<Record<string, unknown>> {
  const f = await runChaos({
    events: 10_000,
    contracts: 500,
    duplicateShare: 0.2,
    throttleShare: 0.3,
    outageMs: 10_000,
    senders: 20,
    maxBacklog: 800,
    log: (l) => console.error(l),
  });
  return {
    events: f.events,
    lost: f.lost,
    wrong: f.wrong,
    durationS: f.durationS,
    rowsNotOnce: f.rowsNotOnce,
    signedContracts: f.signedContracts,
    missingDocuments: f.missingDocuments,
    deliveries: f.deliveries,
    poisoned: f.poisoned,
  };
}

if (require.main === module) {
  run().then(
    (f) => {
      console.log(JSON.stringify({ bench: 'webhook-chaos', ...f }));
      process.exit(0);
    },
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}
