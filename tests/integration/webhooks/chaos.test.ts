/**
 * The chaos bar at `npm test` size: 1,000 events over 50 contracts, 20% duplicated, random order,
 * Dataverse answering 429 to 30% of calls and down for 10 s in the middle (bench/webhook-chaos.ts
 * runs the full 10,000 / 500). The events are the CLM sandbox's own (its contracts moved through
 * its status machine), and each contract's final Dataverse status and sequence is compared with the
 * CLM sandbox's record of it. Nothing may be lost, no status wrong, every event row there once,
 * and every contract that ended signed has its signed document in Dataverse.
 */
import { runChaos } from '../../../bench/webhook-chaos';

jest.setTimeout(240_000);

it('chaos: 1,000 events, duplicates, random order, 429s and an outage: nothing lost, nothing wrong', async () => {
  const f = await runChaos({ events: 1000, contracts: 50, duplicateShare: 0.2, throttleShare: 0.3, outageMs: 10_000, senders: 20, maxBacklog: 800 });
  expect(f.events).toBeGreaterThanOrEqual(1000);
  expect(f.deliveries).toBeGreaterThan(f.events);
  // The chaos happened, counted where it was made (the proxy before Dataverse): about 30% of the
  // calls answered 429, and calls arrived during the outage and were refused with 503.
  const calls = f.proxy.throttled + f.proxy.forwarded;
  expect(f.proxy.throttled / calls).toBeGreaterThan(0.2);
  expect(f.proxy.throttled / calls).toBeLessThan(0.4);
  expect(f.proxy.refusedDown).toBeGreaterThan(0);
  // Some contracts ended signed, and each one's document was uploaded through the proxy (chunked).
  expect(f.signedContracts).toBeGreaterThan(0);
  expect({ lost: f.lost, wrong: f.wrong, rowsNotOnce: f.rowsNotOnce, poisoned: f.poisoned, missingDocuments: f.missingDocuments }).toEqual({
    lost: 0,
    wrong: 0,
    rowsNotOnce: 0,
    poisoned: 0,
    missingDocuments: 0,
  });
});
