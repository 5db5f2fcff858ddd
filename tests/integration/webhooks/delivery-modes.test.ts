/**
 * The bar: the CLM sandbox's delivery modes against the real receiver, queue and processor;
 * after each, every contract's Dataverse status equals the CLM's.
 */
import { reconcileStaleContracts } from '../../../functions/src/services/status/reconcile';
import { startWebhookWorld, type WebhookWorld } from './harness';

jest.setTimeout(120_000);

describe('CLM webhook delivery modes end to end', () => {
  let w: WebhookWorld;
  const all: string[] = [];
  beforeAll(async () => {
    w = await startWebhookWorld();
  });
  afterAll(async () => {
    await w?.close();
  });

  /** Every event the CLM delivered for these contracts is one event row, and there is no other row. */
  async function expectOneRowPerEvent(clmIds: string[], minimumEvents: number) {
    for (const id of clmIds) {
      // A 202 means the event is queued; its row is written when the processor takes it.
      let rows = await w.eventRows(id);
      for (let i = 0; i < 50 && Object.values(rows.delivered).some((n) => n === 0); i++) {
        await new Promise((r) => setTimeout(r, 200));
        rows = await w.eventRows(id);
      }
      const { delivered, others } = rows;
      expect(Object.keys(delivered).length).toBeGreaterThanOrEqual(minimumEvents);
      expect({ id, delivered, others }).toEqual({ id, delivered: Object.fromEntries(Object.keys(delivered).map((e) => [e, 1])), others: [] });
    }
  }

  async function contracts(n: number) {
    const made = [];
    for (let i = 0; i < n; i++) made.push(await w.newContract());
    all.push(...made.map((m) => m.clmId));
    return made;
  }

  it('normal: each status change shows in Dataverse, with one event row per event', async () => {
    const [a] = await contracts(1);
    await w.transition(a.clmId, 'signed');
    await w.settle([a.clmId]);
    const row = await w.store.findByClmId(a.clmId);
    expect(row).toMatchObject({ status: 'signed' });
    // The CLM's shortest chain from draft to signed: sent_for_signature, then signed.
    await expectOneRowPerEvent([a.clmId], 2);
  });

  it('duplicate: each event twice, applied once', async () => {
    await w.clm.sandbox('PUT', '/delivery', { mode: 'duplicate' });
    const [a, b] = await contracts(2);
    await w.transition(a.clmId, 'validated');
    await w.transition(b.clmId, 'sent_for_signature');
    await w.settle([a.clmId, b.clmId]);
    await expectOneRowPerEvent([a.clmId, b.clmId], 1);
    await w.clm.sandbox('PUT', '/delivery', { mode: 'normal' });
  });

  it.each(['reverse', 'random'])('%s order: the status ends at the highest sequence', async (mode) => {
    await w.clm.sandbox('PUT', '/delivery', { mode });
    const [a, b] = await contracts(2);
    await w.transition(a.clmId, 'signed');
    await w.transition(b.clmId, 'rejected', { reason: 'Clause 4 is unacceptable' });
    await w.clm.sandbox('POST', '/deliveries/flush');
    await w.settle([a.clmId, b.clmId]);
    await expectOneRowPerEvent([a.clmId, b.clmId], 1);
    await w.clm.sandbox('PUT', '/delivery', { mode: 'normal' });
  });

  it('delay: a late first attempt still lands', async () => {
    await w.clm.sandbox('PUT', '/delivery', { mode: 'delay', delayMs: 500 });
    const [a] = await contracts(1);
    await w.transition(a.clmId, 'in_validation');
    await w.settle([a.clmId]);
    await expectOneRowPerEvent([a.clmId], 1);
    await w.clm.sandbox('PUT', '/delivery', { mode: 'normal' });
  });

  it('drop: a lost event is made good by refresh/reconcile', async () => {
    const [a] = await contracts(1);
    await w.clm.sandbox('PUT', '/delivery', { mode: 'drop', match: { status: 'validated' } });
    await w.transition(a.clmId, 'validated');
    await new Promise((r) => setTimeout(r, 300));
    expect(await w.mismatches([a.clmId])).toHaveLength(1);
    await w.clm.sandbox('PUT', '/delivery', { mode: 'normal' });
    // Reconcile picks contracts whose status is over an hour old; run it as the timer would, with the clock an hour on.
    const result = await reconcileStaleContracts({ store: w.store, clm: w.clm }, new Date(Date.now() + 2 * 60 * 60 * 1000));
    expect(result.updated).toBeGreaterThanOrEqual(1);
    expect(await w.mismatches([a.clmId])).toEqual([]);
  });

  it.each([
    ['wrong-secret', { mode: 'wrong-secret' }],
    ['stale timestamp', { mode: 'normal', timestampSkewSeconds: -400 }],
  ])('%s: refused with 401 and nothing changes', async (_name, settings) => {
    const [a] = await contracts(1);
    const before = await w.store.findByClmId(a.clmId);
    await w.clm.sandbox('PUT', '/delivery', settings);
    await w.transition(a.clmId, 'in_validation');
    // Wait for the first attempt's answer.
    let lastAnswer: unknown;
    for (let i = 0; i < 100 && lastAnswer === undefined; i++) {
      const d = ((await w.clm.sandbox('GET', '/deliveries')) as { contractId: string; lastAnswer?: unknown }[]).find((x) => x.contractId === a.clmId);
      lastAnswer = d?.lastAnswer ?? undefined;
      if (lastAnswer === undefined) await new Promise((r) => setTimeout(r, 100));
    }
    expect(JSON.stringify(lastAnswer)).toContain('401');
    expect(await w.store.findByClmId(a.clmId)).toMatchObject({ status: before!.status, sequence: before!.sequence });
    // Back to normal: the CLM's retries now pass and the contract catches up.
    await w.clm.sandbox('PUT', '/delivery', { mode: 'normal' });
    await w.settle([a.clmId]);
  });

  it('after all modes, every contract agrees', async () => {
    expect(await w.mismatches(all)).toEqual([]);
  });
});
