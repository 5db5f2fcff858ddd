/**
 * Event ids and CLM contract ids holding the characters that break a URL (`' ) ? / % , # "`) and
 * those Dataverse refuses in an alternate key value (`/ < > * % & : \ ? +`, Microsoft "Work with
 * alternate keys") go through the whole path: the receiver (over HTTP, signed), the processor (in
 * the functions host) and reconcile, against the strict Dataverse emulator. Each event is applied
 * and its row kept once, though every event is delivered twice; counted in Dataverse itself.
 * And a webhook-id over 100 characters (the dtclm_eventid column) is refused with 400.
 */
import { randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { reconcileStaleContracts } from '../../../functions/src/services/status/reconcile';
import type { ClmContractSnapshot } from '../../../functions/src/services/ports';
import { demoUser } from '../../../sandbox/seed/identities';
import { QUOTE_BIND, QUOTE_REF, startWebhookWorld, type WebhookWorld } from './harness';

jest.setTimeout(180_000);

const URL_BREAKERS = ["'", ')', '?', '/', '%', ',', '#', '"'];
const KEY_REFUSED = ['/', '<', '>', '*', '%', '&', ':', '\\', '?', '+'];
const ALL = [...new Set([...URL_BREAKERS, ...KEY_REFUSED])];

describe('ids with every character a URL or an alternate key refuses', () => {
  let w: WebhookWorld;
  beforeAll(async () => {
    w = await startWebhookWorld();
  });
  afterAll(async () => w?.close());

  async function post(id: string, body: string) {
    const secret = (await w.secrets.read()).current!;
    const now = new Date();
    return fetch(`${w.world.functions.url}/webhooks/clm`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'webhook-id': id,
        'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
        'webhook-signature': new Webhook(secret).sign(id, now, body),
      },
      body,
    });
  }

  const event = (id: string, contractId: string, status: string, sequence: number) =>
    JSON.stringify({
      id,
      type: 'contract.status_changed',
      occurredAt: new Date().toISOString(),
      data: { contractId, status, previousStatus: null, sequence, externalRef: QUOTE_REF, reason: null, signedDocumentId: null },
    });

  /** Dataverse's own answer, with the id as a quote-doubled literal in a percent-encoded $filter. */
  async function dv(path: string, filter?: string): Promise<Record<string, unknown>[]> {
    const q = filter ? `${path.includes('?') ? '&' : '?'}$filter=${encodeURIComponent(filter)}` : '';
    const res = await fetch(`${w.world.dataverse.url}/api/data/v9.2/${path}${q}`, {
      headers: { authorization: `Bearer ${await w.dataverseToken()}`, accept: 'application/json' },
    });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return ((await res.json()) as { value: Record<string, unknown>[] }).value;
  }
  const literal = (s: string) => `'${s.replace(/'/g, "''")}'`;
  const eventRows = (eventId: string) => dv('dtclm_contractevents?$select=dtclm_eventid,dtclm_applied', `dtclm_eventid eq ${literal(eventId)}`);

  async function until(check: () => Promise<boolean>, what: string) {
    for (let i = 0; i < 300; i++) {
      if (await check()) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`timed out waiting for ${what}`);
  }

  it('receive and process: each event id is applied, and kept once though delivered twice', async () => {
    // Percent signs that form an escape (`%27` is `'`, `%2F` is `/`): an id decoded once too often would land as another.
    const escapes = ['evt_pc%27t', 'evt_%2F%25%41', `evt_${randomUUID()}%20x`];
    const ids = [...ALL.map((c, i) => `evt_${i}_a${c}b`), `evt_all_${ALL.join('')}_z`, `evt_${randomUUID()}_{${randomUUID()}}'`, ...escapes];
    const contracts = await Promise.all(ids.map(() => w.newContract()));
    for (const [i, id] of ids.entries()) {
      const body = event(id, contracts[i].clmId, 'in_validation', 1000 + i);
      expect((await post(id, body)).status).toBe(202);
      expect((await post(id, body)).status).toBe(202); // the CLM's retry of the same event
    }
    await until(async () => {
      const rows = await Promise.all(contracts.map((c) => w.store.findByClmId(c.clmId)));
      return rows.every((r) => r?.status === 'in_validation');
    }, 'every contract in validation');
    // Both deliveries processed before the rows are counted.
    await new Promise((r) => setTimeout(r, 1500));
    for (const id of ids) {
      const rows = await eventRows(id);
      expect({ id, rows: rows.map((r) => [r.dtclm_eventid, r.dtclm_applied]) }).toEqual({ id, rows: [[id, true]] });
    }
    expect(await w.poison.count()).toBe(0);
  });

  it('a CLM contract id holding every such character: found, applied by an event and by reconcile, each kept once', async () => {
    const clmId = `ctr_${ALL.join('')}_${randomUUID().slice(0, 8)}`;
    const rep = demoUser('rep');
    const created = await fetch(`${w.world.dataverse.url}/api/data/v9.2/dtclm_contracts`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${await w.dataverseToken()}`,
        'content-type': 'application/json',
        accept: 'application/json',
        Prefer: 'return=representation',
      },
      body: JSON.stringify({
        dtclm_name: 'Key characters',
        dtclm_clmcontractid: clmId,
        dtclm_status: 718900000,
        dtclm_sequence: 1,
        dtclm_statuschangedon: new Date(Date.now() - 3 * 3600_000).toISOString(),
        'ownerid@odata.bind': `/systemusers(${rep.systemUserId})`,
        ...QUOTE_BIND,
      }),
    });
    expect(created.status).toBe(201);

    const eventId = `evt_${ALL.join('')}`;
    const body = event(eventId, clmId, 'in_validation', 2);
    expect((await post(eventId, body)).status).toBe(202);
    expect((await post(eventId, body)).status).toBe(202);
    await until(async () => (await w.store.findByClmId(clmId))?.status === 'in_validation', 'the event applied');
    await new Promise((r) => setTimeout(r, 1500));
    expect(await eventRows(eventId)).toHaveLength(1);

    // Reconcile: the CLM (here a reader that knows this made-up id) is ahead; its made-up event id
    // `reconcile:<clm id>:<sequence>` holds ':' and every character of the CLM id.
    const snapshot: ClmContractSnapshot = { id: clmId, status: 'validated', sequence: 3, updatedAt: new Date().toISOString(), externalRef: QUOTE_REF };
    const clm = { getContract: async (id: string) => (id === clmId ? snapshot : null), getDocumentContent: async () => Buffer.alloc(0) };
    const later = new Date(Date.now() + 2 * 3600_000);
    const first = await reconcileStaleContracts({ store: w.store, clm }, later);
    expect(first.failed).toBe(0);
    expect(first.updated).toBeGreaterThanOrEqual(1);
    await reconcileStaleContracts({ store: w.store, clm }, later);
    const row = await w.store.findByClmId(clmId);
    expect([row?.status, row?.sequence]).toEqual(['validated', 3]);
    expect(await eventRows(`reconcile:${clmId}:3`)).toHaveLength(1);
  });

  it('a webhook-id over 100 characters (the dtclm_eventid column) is 400, one of 100 is accepted', async () => {
    const c = await w.newContract();
    const long = `evt_${'x'.repeat(97)}`;
    expect(long).toHaveLength(101);
    // The body's own id is short: only the header is too long.
    const refused = await post(long, event('evt_body', c.clmId, 'in_validation', 500));
    expect(refused.status).toBe(400);
    expect(await refused.text()).toMatch(/webhook-id must be at most 100 characters \(it has 101\)/);
    const fits = long.slice(0, 100);
    expect((await post(fits, event(fits, c.clmId, 'in_validation', 500))).status).toBe(202);
  });
});
