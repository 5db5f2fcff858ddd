/**
 * The world for the webhook tests: startWorld() (identity, Dataverse, Azurite, CLM sandbox, the
 * functions host polling the event queue), a CLM client on a sandbox token, and helpers to make
 * contracts on both sides and to compare their statuses.
 */
import { randomUUID } from 'node:crypto';
import { DataverseContractStatusRepository } from '../../../functions/src/adapters/dataverse/contract-status-repository';
import { createDataverse } from '../../../functions/src/adapters/dataverse/create-dataverse';
import { StoragePoisonQueue } from '../../../functions/src/adapters/storage/poison-queue';
import { BlobWebhookSecretStore } from '../../../functions/src/adapters/storage/webhook-secrets';
import { StorageWebhookEventQueue } from '../../../functions/src/adapters/storage/event-queue';
import type { ClmContractSnapshot, ClmStatusReader, ClmWebhookApi, ContractStatusStore, StatusEventQueue } from '../../../functions/src/services/ports';
import { registerWebhook } from '../../../functions/src/services/webhooks/register-webhook';
import { SEED_IDS } from '../../../sandbox/dataverse/seed/ids';
import { demoUser } from '../../../sandbox/seed/identities';
import { lateBound } from '../../../sandbox/late-bound';
import { startWorld, type World } from '../../../sandbox/world';

/**
 * The record the test contracts are made for: the demo quote. The CLM contract's externalRef names
 * it and the row links it, as Request Contract makes them (the connector acts on a CLM contract only
 * when its externalRef names the row's record: dataverse-model.md, "Who writes what").
 */
export const QUOTE_REF = { system: 'dynamics365', entity: 'quote', id: SEED_IDS.quote } as const;
export const QUOTE_BIND = { 'dtclm_quoteid@odata.bind': `/quotes(${SEED_IDS.quote})` } as const;

/** A small CLM client for the tests (the platform's ClmClient is used in production). */
export class SandboxClmClient implements ClmStatusReader, ClmWebhookApi {
  constructor(
    readonly apiBase: string,
    private readonly token: string,
  ) {}
  async call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
    return fetch(`${this.apiBase}${path}`, {
      method,
      headers: { authorization: `Bearer ${this.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }
  async getContract(id: string): Promise<ClmContractSnapshot | null> {
    const res = await this.call('GET', `/contracts/${encodeURIComponent(id)}`);
    if (res.status === 404) return null;
    if (!res.ok) throw Object.assign(new Error(`CLM ${res.status}`), { status: res.status });
    return (await res.json()) as ClmContractSnapshot;
  }
  async getDocumentContent(contractId: string, documentId: string): Promise<Buffer> {
    const res = await this.call('GET', `/contracts/${encodeURIComponent(contractId)}/documents/${encodeURIComponent(documentId)}/content`);
    if (!res.ok) throw Object.assign(new Error(`CLM ${res.status}`), { status: res.status });
    return Buffer.from(await res.arrayBuffer());
  }
  async getWebhook() {
    const res = await this.call('GET', '/webhook');
    return (await res.json()) as { webhook_url: string | null };
  }
  async putWebhook(r: { webhook_url: string; secret: string }) {
    const res = await this.call('PUT', '/webhook', r);
    if (!res.ok) throw new Error(`PUT /webhook answered ${res.status}`);
  }
  async sandbox(method: string, path: string, body?: unknown): Promise<unknown> {
    const res = await fetch(`${this.apiBase}/_sandbox${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} _sandbox${path}: ${res.status} ${await res.text()}`);
    const text = await res.text();
    return text ? (JSON.parse(text) as unknown) : undefined;
  }
}

/** Parts of the functions app a test may swap while the world runs (undefined: the production part). */
interface SwappableParts {
  store?: ContractStatusStore;
  queue?: StatusEventQueue;
}

export interface WebhookWorld {
  world: World;
  /** Replaces the status store or the event queue of the running functions app (`{}`: back to production). */
  swap(parts: SwappableParts): void;
  clm: SandboxClmClient;
  store: DataverseContractStatusRepository;
  dataverseToken(): Promise<string>;
  secrets: BlobWebhookSecretStore;
  poison: StoragePoisonQueue;
  /** Creates a contract in the CLM and its row in Dataverse (owned by the rep); answers both ids. */
  newContract(): Promise<{ clmId: string; rowId: string }>;
  transition(clmId: string, to: string, extra?: Record<string, unknown>): Promise<void>;
  /** Waits until the CLM has nothing in flight and every contract's Dataverse status equals the CLM's. */
  settle(clmIds: string[], timeoutMs?: number): Promise<void>;
  mismatches(clmIds: string[]): Promise<string[]>;
  /**
   * For each CLM event of the contract the CLM delivered (its own delivery log), how many Dataverse
   * event rows carry its id: one each when every event was applied once. Also the rows whose event
   * the CLM never delivered (e.g. written by reconcile).
   */
  eventRows(clmId: string): Promise<{ delivered: Record<string, number>; others: string[] }>;
  close(): Promise<void>;
}

export async function startWebhookWorld(): Promise<WebhookWorld> {
  let production: { store: DataverseContractStatusRepository; queue: StatusEventQueue } | undefined;
  const storeSlot = lateBound<ContractStatusStore>();
  const queueSlot = lateBound<StatusEventQueue>();
  // The production wiring (the composition root's Dataverse and CLM clients) with a shorter outage
  // patience, and a store and queue that tests can swap while the app runs.
  const world = await startWorld({
    functionsLogHandler: () => undefined,
    appOverrides: ({ config }) => {
      production = {
        store: new DataverseContractStatusRepository(createDataverse(config).api),
        queue: new StorageWebhookEventQueue(config.storageConnectionString),
      };
      storeSlot.set(production.store);
      queueSlot.set(production.queue);
      return { outagePatienceMs: 20_000, webhooks: { store: storeSlot.value, queue: queueSlot.value } };
    },
  });
  const tokens = await world.clm!.issueTokens();
  const clm = new SandboxClmClient(world.clm!.apiBase, tokens.access_token);
  const store = production!.store;
  const cs = world.storage.connectionString;
  const secrets = new BlobWebhookSecretStore(cs);
  const poison = new StoragePoisonQueue(cs);
  await clm.sandbox('PUT', '/delivery', { mode: 'normal', speedup: 200 });
  await registerWebhook({ store: secrets, clm, connectorUrl: async () => world.functions.url });

  const rep = demoUser('rep');
  const dvFetch = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${world.dataverse.url}/api/data/v9.2/${path}`, {
      method,
      headers: {
        authorization: `Bearer ${await world.admin.token()}`,
        'content-type': 'application/json',
        accept: 'application/json',
        Prefer: 'return=representation',
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as Record<string, unknown>;
  };

  async function newContract() {
    const res = await clm.call(
      'POST',
      '/contracts',
      {
        templateId: 'tpl_quote_acceptance',
        folderId: world.clm!.rootFolderId,
        name: `Webhook test ${randomUUID().slice(0, 8)}`,
        fields: { dt0_quote_number: 'Q-1', dt0_customer_name: 'Contoso', dt0_quote_total: { amount: 100, currency: 'EUR' } },
        signatories: [{ email: 'sig@example.com', firstName: 'Sig', lastName: 'Natory' }],
        externalRef: QUOTE_REF,
      },
      { 'Idempotency-Key': randomUUID() },
    );
    if (res.status !== 201) throw new Error(`CLM create: ${res.status} ${await res.text()}`);
    const c = (await res.json()) as ClmContractSnapshot;
    const row = await dvFetch('POST', 'dtclm_contracts', {
      dtclm_name: c.id,
      dtclm_clmcontractid: c.id,
      dtclm_status: 718900000,
      dtclm_sequence: c.sequence,
      dtclm_statuschangedon: c.updatedAt,
      'ownerid@odata.bind': `/systemusers(${rep.systemUserId})`,
      ...QUOTE_BIND,
    });
    return { clmId: c.id, rowId: row.dtclm_contractid as string };
  }

  async function mismatches(clmIds: string[]): Promise<string[]> {
    const out: string[] = [];
    for (const id of clmIds) {
      const [c, row] = await Promise.all([clm.getContract(id), store.findByClmId(id)]);
      if (!c || !row || c.status !== row.status || c.sequence !== row.sequence)
        out.push(`${id}: CLM ${c?.status}/${c?.sequence}, Dataverse ${row?.status}/${row?.sequence}`);
    }
    return out;
  }

  async function eventRows(clmId: string) {
    const deliveries = (await clm.sandbox('GET', '/deliveries')) as { eventId: string; contractId: string; state: string }[];
    const deliveredIds = new Set(deliveries.filter((d) => d.contractId === clmId && d.state === 'delivered').map((d) => d.eventId));
    const [contract] = (
      (await dvFetch('GET', `dtclm_contracts?$select=dtclm_contractid&$filter=dtclm_clmcontractid eq '${clmId}'`)) as { value: { dtclm_contractid: string }[] }
    ).value;
    const rows = (
      (await dvFetch('GET', `dtclm_contractevents?$select=dtclm_eventid&$filter=_dtclm_contractid_value eq ${contract.dtclm_contractid}`)) as {
        value: { dtclm_eventid: string }[];
      }
    ).value;
    const delivered: Record<string, number> = {};
    for (const id of deliveredIds) delivered[id] = rows.filter((r) => r.dtclm_eventid === id).length;
    return { delivered, others: rows.map((r) => r.dtclm_eventid).filter((id) => !deliveredIds.has(id)) };
  }

  async function settle(clmIds: string[], timeoutMs = 30_000) {
    const deadline = Date.now() + timeoutMs;
    let last: string[] = [];
    while (Date.now() < deadline) {
      const deliveries = (await clm.sandbox('GET', '/deliveries')) as { state: string }[];
      const busy = deliveries.some((d) => ['scheduled', 'in_flight', 'retrying'].includes(d.state));
      if (!busy) {
        last = await mismatches(clmIds);
        if (last.length === 0) return;
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`Statuses did not settle: ${last.join('; ') || 'deliveries still in flight'}`);
  }

  return {
    world,
    swap: (parts) => {
      storeSlot.set(parts.store ?? production!.store);
      queueSlot.set(parts.queue ?? production!.queue);
    },
    clm,
    store,
    dataverseToken: () => world.admin.token(),
    secrets,
    poison,
    newContract,
    transition: async (clmId, to, extra = {}) => void (await clm.sandbox('POST', `/contracts/${clmId}/transition`, { to, ...extra })),
    settle,
    mismatches,
    eventRows,
    close: () => world.close(),
  };
}
