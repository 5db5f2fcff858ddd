/**
 * A full contact sync rides out a CLM outage (issue 23; services/runs/run-patience.ts): mid-run the
 * CLM answers 500 to every contact call for 5 s, far longer than one call's bounded retries last.
 * The run, 8 contacts in flight, waits it out with one run-level patience (about 60 s) and ends
 * succeeded: every contact has its CLM twin, made once, and none is left for the retry set. The
 * outage is counted where it happens: the CLM sandbox's faults served.
 */
import { randomUUID } from 'node:crypto';
import type { RunProgress } from '../../../functions/src/services/contacts/ports';
import { syncContacts } from '../../../functions/src/services/contacts/sync-contacts';
import { startWorld, type World } from '../../../sandbox/world';
import { sandboxControl } from '../contracts/helpers';
import { HeldQueue, instance } from '../templates/helpers';

let world: World;
const CONTACTS = 300;
const tag = randomUUID().slice(0, 8);
const quiet: RunProgress = { report: () => undefined, error: () => undefined };

beforeAll(async () => {
  world = await startWorld({ functionsLogHandler: () => undefined });
  await world.admin.setEnvironmentVariables({ dtclm_contactsync_settings: '{"scope":"all"}' });
}, 120_000);
afterAll(async () => world?.close());

async function myClmContacts(): Promise<{ externalId: string | null }[]> {
  const { access_token } = await world.clm!.issueTokens();
  const all: { externalId: string | null; email: string | null }[] = [];
  let cursor: string | null = null;
  do {
    const url: string = `${world.clm!.apiBase}/contacts?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const page = (await (await fetch(url, { headers: { Authorization: `Bearer ${access_token}` } })).json()) as {
      data: { externalId: string | null; email: string | null }[];
      nextCursor: string | null;
    };
    all.push(...page.data);
    cursor = page.nextCursor;
  } while (cursor);
  return all.filter((c) => c.email?.endsWith(`.${tag}@contacts.example`));
}

const served500 = async () => ((await sandboxControl(world.clm!.apiBase, 'GET', 'stats')) as { faultsServed: { 500: number } }).faultsServed[500];

test('a 5 s CLM outage mid full contact sync: the run waits it out and ends succeeded, every contact created once', async () => {
  const queue = new HeldQueue();
  const app = instance(world, { runs: { queue, instanceId: 'outage' } });
  expect((await syncContacts(app.contacts, 'full', quiet)).counts.failed).toBe(0); // the demo contacts first
  const token = await world.admin.token();
  for (let i = 0; i < CONTACTS; i += 25) {
    await Promise.all(
      Array.from({ length: 25 }, async (_, j) => {
        const res = await fetch(`${world.dataverse.apiUrl}contacts`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
          body: JSON.stringify({ firstname: `Outage${i + j}`, lastname: tag, emailaddress1: `outage.${i + j}.${tag}@contacts.example` }),
        });
        expect(res.status).toBe(204);
      }),
    );
  }
  // Creates slowed (20 ms), so that the outage begins mid-run.
  await sandboxControl(world.clm!.apiBase, 'POST', 'faults', { latencyMs: 20, count: 100_000, pathPrefix: '/contacts' });
  const before500 = await served500();
  const { run } = await app.runs.start('contacts', { mode: 'full' }, 'api');
  const working = app.runs.work(queue.messages[0], 'inv-outage');
  let createdBefore = 0;
  for (let i = 0; i < 400 && createdBefore < 30; i++) {
    await new Promise((r) => setTimeout(r, 25));
    createdBefore = (await myClmContacts()).length;
  }
  await sandboxControl(world.clm!.apiBase, 'DELETE', 'faults');
  await sandboxControl(world.clm!.apiBase, 'POST', 'faults', { status: 500, forMs: 5_000, pathPrefix: '/contacts' });
  await working;

  expect(createdBefore).toBeGreaterThan(0);
  expect(createdBefore).toBeLessThan(CONTACTS); // the outage began mid-run
  expect((await served500()) - before500).toBeGreaterThan(0); // and really happened
  const done = (await app.runs.get(run.runId))!;
  expect(done).toMatchObject({ state: 'succeeded', attempt: 1 });
  expect(done.counts).toMatchObject({ createdInClm: CONTACTS, failed: 0 });
  const mine = await myClmContacts();
  expect(mine).toHaveLength(CONTACTS);
  expect(new Set(mine.map((c) => c.externalId)).size).toBe(CONTACTS);
}, 180_000);
