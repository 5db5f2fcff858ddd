/**
 * A full contact sync survives its worker (issue 23; services/contacts/checkpoint.ts): two Function
 * App instances in their own processes poll the runs queue; the one holding a full sync of 2,000
 * new Dynamics contacts is killed with SIGKILL after its checkpoint has passed two slices. The
 * other instance takes the run over and resumes from that checkpoint: the run ends succeeded once,
 * every contact has one CLM twin and one link (counted in the CLM's address book and Dataverse's
 * rows), and each contact is counted once: created by one of the two workers (the ones before the
 * checkpoint counted by the dead worker, kept), or found in step (what the dead worker did after its
 * checkpoint, at most one slice). A restart from zero would count every contact the dead worker
 * created as unchanged.
 */
import { randomUUID } from 'node:crypto';
import type { RunProgress } from '../../../functions/src/services/contacts/ports';
import { syncContacts } from '../../../functions/src/services/contacts/sync-contacts';
import { startHost, type HostProcess } from '../../../sandbox/functions-host/killable-host';
import { startWorld, type World } from '../../../sandbox/world';
import { dataverseAsApp, sandboxControl } from '../contracts/helpers';
import { instance } from '../templates/helpers';
import { ended, followRun, hostSettings, killHolder } from './hosts';

let world: World;
const hosts: HostProcess[] = [];
const CONTACTS = 2000;
/** services/contacts/sync-contacts.ts SLICE: what a worker does between two checkpoints. */
const SLICE = 500;
const tag = randomUUID().slice(0, 8);
const quiet: RunProgress = { report: () => undefined, error: () => undefined };

beforeAll(async () => {
  world = await startWorld({ functionsLogHandler: () => undefined });
  await world.functions.stopQueuePolling();
  await world.admin.setEnvironmentVariables({ dtclm_contactsync_settings: '{"scope":"all"}' });
}, 120_000);
afterAll(async () => {
  for (const h of hosts) await h.kill();
  await world?.close();
});

async function createContacts(): Promise<void> {
  const token = await world.admin.token();
  for (let i = 0; i < CONTACTS; i += 25) {
    await Promise.all(
      Array.from({ length: Math.min(25, CONTACTS - i) }, async (_, j) => {
        const n = i + j;
        const res = await fetch(`${world.dataverse.apiUrl}contacts`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
          body: JSON.stringify({ firstname: `Kill${n}`, lastname: tag, emailaddress1: `kill.${n}.${tag}@contacts.example` }),
        });
        if (res.status !== 204) throw new Error(`create contact: ${res.status} ${await res.text()}`);
      }),
    );
  }
}

interface ClmContactJson {
  id: string;
  externalId: string | null;
  email: string | null;
}

async function clmContacts(): Promise<ClmContactJson[]> {
  const { access_token } = await world.clm!.issueTokens();
  const all: ClmContactJson[] = [];
  let cursor: string | null = null;
  do {
    const url: string = `${world.clm!.apiBase}/contacts?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const page = (await (await fetch(url, { headers: { Authorization: `Bearer ${access_token}` } })).json()) as {
      data: ClmContactJson[];
      nextCursor: string | null;
    };
    all.push(...page.data);
    cursor = page.nextCursor;
  } while (cursor);
  return all;
}

async function links(): Promise<{ contactId: string; state: number }[]> {
  const rows: { contactId: string; state: number }[] = [];
  let next: string | undefined = 'dtclm_contactlinks?$select=_dtclm_contactid_value,dtclm_syncstate';
  while (next) {
    const page: { value: { _dtclm_contactid_value: string; dtclm_syncstate: number }[]; '@odata.nextLink'?: string } = await dataverseAsApp(world, next);
    rows.push(...page.value.map((r) => ({ contactId: r._dtclm_contactid_value, state: r.dtclm_syncstate })));
    next = page['@odata.nextLink']?.slice(page['@odata.nextLink'].indexOf('dtclm_contactlinks'));
  }
  return rows;
}

test('a host killed mid full contact sync: the other host resumes it from its checkpoint, one CLM twin and one link per contact, each counted once', async () => {
  const app = instance(world);
  // The demo contacts first brought in step, so that the run's own work is the 2,000 new ones.
  const baseline = await syncContacts(app.contacts, 'full', quiet);
  expect(baseline.counts.failed).toBe(0);
  const linksBefore = (await links()).length;
  await createContacts();

  hosts.push(await startHost('host-a', hostSettings(world), 4), await startHost('host-b', hostSettings(world), 4));
  // Slow CLM creates (30 ms each, 8 at a time), so that the kill lands mid-run.
  await sandboxControl(world.clm!.apiBase, 'POST', 'faults', { latencyMs: 30, count: 100_000, pathPrefix: '/contacts' });
  const { run } = await app.runs.start('contacts', { mode: 'full' }, 'api');

  type Checkpoint = { phase?: string; after?: string };
  const held = await followRun(app, run.runId, (r) => r.state === 'running' && (r.resume?.counts.createdInClm ?? 0) >= 900);
  expect(held).toMatchObject({ state: 'running', attempt: 1 });
  const { victim, survivor } = await killHolder(hosts, held);
  // The run as the dead worker left it: its last checkpoint mid-way through the Dynamics side.
  const atDeath = (await app.runs.get(run.runId))!;
  expect(atDeath).toMatchObject({ state: 'running', attempt: 1 });
  expect((atDeath.checkpoint as Checkpoint).phase).toBe('dynamics');
  const checkpointed = atDeath.resume!.counts.createdInClm;
  expect(checkpointed).toBeGreaterThanOrEqual(900);
  expect(checkpointed).toBeLessThan(CONTACTS);

  const done = await followRun(app, run.runId, ended);
  await sandboxControl(world.clm!.apiBase, 'DELETE', 'faults');
  expect(done).toMatchObject({ state: 'succeeded', attempt: 2 });
  expect(done.workerId!.startsWith(`${survivor.name}/`)).toBe(true);
  expect(survivor.lines.some((l) => l.includes(`Run ${run.runId}: worker ${held.workerId} went silent`))).toBe(true);
  expect(victim.lines.some((l) => l.includes(`Run ${run.runId} succeeded`))).toBe(false);

  // One CLM twin per contact, one link per contact: nothing made twice.
  const mine = (await clmContacts()).filter((c) => c.email?.endsWith(`.${tag}@contacts.example`));
  expect(mine).toHaveLength(CONTACTS);
  expect(new Set(mine.map((c) => c.externalId)).size).toBe(CONTACTS);
  const rows = await links();
  expect(new Set(rows.map((r) => r.contactId)).size).toBe(rows.length);
  expect(rows).toHaveLength(linksBefore + CONTACTS);
  expect(rows.every((r) => r.state === 718900000)).toBe(true);

  // Each contact counted once: the dead worker's creates up to its checkpoint kept, what it did
  // after found in step (at most one slice), the rest created by the survivor.
  const c = done.counts;
  expect(c.failed).toBe(0);
  expect(c.createdInClm).toBeGreaterThanOrEqual(checkpointed);
  const foundInStep = c.unchanged - linksBefore;
  expect(c.createdInClm + foundInStep).toBe(CONTACTS);
  expect(foundInStep).toBeLessThanOrEqual(SLICE);
}, 240_000);
