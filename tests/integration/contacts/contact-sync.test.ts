/**
 * Contact sync both ways (contact-sync.md), against the sandbox: every case of issue 15's bars.
 * Runs are the service functions the long-run machinery starts (syncContacts); a person's edits
 * are made as a Dynamics user and as a CLM user; effects are counted in the emulators.
 */
import { SYNC_STATE, startContactWorld, type ContactWorld } from './world';
import { StaleContactError } from '../../../functions/src/services/contacts/ports';
import { UnavailableError } from '../../../functions/src/services/errors';

jest.setTimeout(120_000);

let w: ContactWorld;
beforeAll(async () => {
  w = await startContactWorld();
  const first = await w.run('full');
  expect(first.counts.failed).toBe(0);
});
afterAll(async () => w?.close());

/** The port with some methods replaced (ports are class instances: a spread would lose their methods). */
const withPort = <T extends object>(port: T, overrides: Partial<T>): T => Object.assign(Object.create(port) as T, overrides);
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
const person = (u: string) => ({ firstname: 'Ann', lastname: `Lee ${u}`, emailaddress1: `ann.${u}@sync.example` });

async function linkedPair(): Promise<{ contactId: string; clmId: string; email: string; u: string }> {
  const u = w.unique();
  const contactId = await w.createInDynamics({ ...person(u), telephone1: '+33 1 00 00 00 01' });
  await w.run('incremental');
  const link = await w.link(contactId);
  return { contactId, clmId: link!.dtclm_clmcontactid!, email: `ann.${u}@sync.example`, u };
}

describe('contact sync', () => {
  test('a contact created in Dynamics appears in the CLM and is linked; one created in the CLM appears in Dynamics', async () => {
    const u = w.unique();
    const contactId = await w.createInDynamics({ ...person(u), telephone1: '+33 1 23' });
    const clmMade = await w.createInClm({ firstName: 'Bob', lastName: `Ray ${u}`, email: `bob.${u}@sync.example`, phone: '+44 20' });
    const result = await w.run('incremental');
    expect(result.fellBackToFull).toBe(false);

    const link = await w.link(contactId);
    expect(link).toMatchObject({ dtclm_syncstate: SYNC_STATE.inSync });
    const inClm = await w.clm(link!.dtclm_clmcontactid!);
    expect(inClm).toMatchObject({
      externalId: contactId,
      firstName: 'Ann',
      lastName: `Lee ${u}`,
      email: `ann.${u}@sync.example`,
      phone: '+33 1 23',
      active: true,
    });

    const [inDynamics] = await w.dynamicsByEmail(`bob.${u}@sync.example`);
    expect(inDynamics).toMatchObject({ firstname: 'Bob', lastname: `Ray ${u}`, telephone1: '+44 20', statecode: 0 });
    expect((await w.clm(clmMade.id)).externalId).toBe(inDynamics.contactid);
    expect((await w.link(inDynamics.contactid))?.dtclm_clmcontactid).toBe(clmMade.id);
    expect(result.counts).toMatchObject({ createdInClm: 1, createdInDynamics: 1 });
  });

  test('a change on either side follows to the other', async () => {
    const p = await linkedPair();
    await w.changeInDynamics(p.contactId, { telephone1: '+33 9 99' });
    await w.changeInClm(p.clmId, { firstName: 'Anna' });
    await w.run('incremental');
    expect((await w.clm(p.clmId)).phone).toBe('+33 9 99');
    expect((await w.dynamics(p.contactId))?.firstname).toBe('Anna');
  });

  test('the same field changed on both sides: the later change wins, and the history shows both values and the winner', async () => {
    const p = await linkedPair();
    await w.changeInClm(p.clmId, { lastName: 'FromClm' });
    await pause(1100); // Dynamics modifiedon has second precision
    await w.changeInDynamics(p.contactId, { lastname: 'FromDynamics' });
    const result = await w.run('incremental');
    expect((await w.clm(p.clmId)).lastName).toBe('FromDynamics');
    expect((await w.dynamics(p.contactId))?.lastname).toBe('FromDynamics');
    expect(result.conflicts).toContainEqual({
      contactId: p.contactId,
      clmContactId: p.clmId,
      field: 'lastName',
      dynamics: 'FromDynamics',
      clm: 'FromClm',
      winner: 'dynamics',
    });

    // And the other way round: the CLM's later change wins.
    await w.changeInDynamics(p.contactId, { lastname: 'D2' });
    await pause(1100);
    await w.changeInClm(p.clmId, { lastName: 'C2' });
    const second = await w.run('incremental');
    expect((await w.dynamics(p.contactId))?.lastname).toBe('C2');
    expect(second.conflicts).toContainEqual(expect.objectContaining({ field: 'lastName', dynamics: 'D2', clm: 'C2', winner: 'clm' }));
  });

  test('different fields changed on both sides both survive', async () => {
    const p = await linkedPair();
    await w.changeInDynamics(p.contactId, { firstname: 'Annie' });
    await w.changeInClm(p.clmId, { phone: '+1 555' });
    const result = await w.run('incremental');
    expect(await w.dynamics(p.contactId)).toMatchObject({ firstname: 'Annie', telephone1: '+1 555' });
    expect(await w.clm(p.clmId)).toMatchObject({ firstName: 'Annie', phone: '+1 555' });
    expect(result.conflicts.filter((c) => c.contactId === p.contactId)).toEqual([]);
  });

  test('a contact deactivated on one side is deactivated on the other; deleted in Dynamics is deactivated in the CLM', async () => {
    const a = await linkedPair();
    const b = await linkedPair();
    const c = await linkedPair();
    await w.changeInDynamics(a.contactId, { statecode: 1, statuscode: 2 } as never);
    await w.deactivateInClm(b.clmId);
    await w.deleteInDynamics(c.contactId);
    await w.run('incremental');
    expect((await w.clm(a.clmId)).active).toBe(false);
    expect((await w.dynamics(b.contactId))?.statecode).toBe(1);
    expect((await w.clm(c.clmId)).active).toBe(false);
  });

  test('a contact matched by e-mail (any case) is linked, not duplicated', async () => {
    const u = w.unique();
    const inClm = await w.createInClm({ firstName: 'Cy', lastName: `Match ${u}`, email: `Cy.${u}@Sync.example` });
    const contactId = await w.createInDynamics({ firstname: 'Cy', lastname: `Match ${u}`, emailaddress1: `cy.${u}@sync.example` });
    await w.run('incremental');
    expect((await w.link(contactId))?.dtclm_clmcontactid).toBe(inClm.id);
    expect(await w.clmByEmail(`cy.${u}@sync.example`)).toHaveLength(1);
    expect(await w.dynamicsByEmail(`cy.${u}@sync.example`)).toHaveLength(1);
    expect((await w.clm(inClm.id)).externalId).toBe(contactId);
  });

  test('two candidates is a Conflict on the link, with nothing written', async () => {
    const u = w.unique();
    const email = `twin.${u}@sync.example`;
    const one = await w.createInDynamics({ firstname: 'Twin', lastname: 'One', emailaddress1: email });
    const two = await w.createInDynamics({ firstname: 'Twin', lastname: 'Two', emailaddress1: email });
    const inClm = await w.createInClm({ firstName: 'Twin', lastName: 'Clm', email });
    const marks = await w.mark();
    const result = await w.run('incremental');
    for (const id of [one, two]) {
      const link = await w.link(id);
      expect(link).toMatchObject({ dtclm_syncstate: SYNC_STATE.conflict, dtclm_clmcontactid: null });
      expect(link!.dtclm_lasterror).toContain('nothing was written');
    }
    expect(await w.clm(inClm.id)).toMatchObject({ version: 1, externalId: null, lastName: 'Clm' });
    expect(await w.clmByEmail(email)).toHaveLength(1);
    // The only Dataverse writes are the two links' Conflict state: no contact was touched.
    const writes = await marks.dataverseWrites();
    expect(writes.filter((r) => /\/contacts/.test(r.url))).toEqual([]);
    expect(result.counts.ambiguous).toBeGreaterThanOrEqual(1);
    expect(result.errors.some((e) => e.message.includes('nothing was written'))).toBe(true);
  });

  test('an empty value does not erase a filled one', async () => {
    const p = await linkedPair();
    await w.changeInDynamics(p.contactId, { telephone1: null });
    await w.run('incremental');
    expect((await w.clm(p.clmId)).phone).toBe('+33 1 00 00 00 01');
    await w.changeInClm(p.clmId, { phone: null });
    await w.run('incremental');
    expect((await w.dynamics(p.contactId))?.telephone1).toBe('+33 1 00 00 00 01');
  });

  test('the run after a run with no changes writes nothing on either side (no echo)', async () => {
    const p = await linkedPair();
    await w.changeInDynamics(p.contactId, { firstname: 'Echo' });
    await w.changeInClm(p.clmId, { phone: '+7 777' });
    await w.run('incremental'); // brings the two changes across (the connector's own writes)
    await w.run('incremental'); // reads back the connector's writes: nothing to do
    const marks = await w.mark();
    const quiet = await w.run('incremental');
    expect(await marks.dataverseWrites()).toEqual([]);
    expect(await marks.clmWrites()).toBe(0);
    expect(quiet.counts).toMatchObject({ createdInClm: 0, createdInDynamics: 0, updatedInClm: 0, updatedInDynamics: 0, linked: 0 });
    // A full sync compares every linked pair with what was last synced (the link's values and
    // hash), not only who wrote last: it writes nothing either. (A first full sync removes what
    // earlier tests left to remove: the link of the contact deleted in Dynamics, orphan-links.ts.)
    await w.run('full');
    const fullMarks = await w.mark();
    const full = await w.run('full');
    expect(full.counts.unchanged).toBeGreaterThan(0);
    expect(await fullMarks.dataverseWrites()).toEqual([]);
    expect(await fullMarks.clmWrites()).toBe(0);
  });

  test('a 412 race on either side is read again and merged, not overwritten', async () => {
    const p = await linkedPair();
    await w.changeInDynamics(p.contactId, { firstname: 'FromDynamics' });
    await w.changeInClm(p.clmId, { lastName: 'FromClm' });
    // Between the run's read and its write, a person edits the other fields on each side.
    let raceD = true;
    let raceC = true;
    const racing = {
      ...w.deps,
      dynamics: withPort(w.deps.dynamics, {
        update: async (...args: Parameters<typeof w.deps.dynamics.update>) => {
          if (raceD && args[0] === p.contactId) {
            raceD = false;
            await w.changeInDynamics(p.contactId, { telephone1: '+49 race' });
          }
          return w.deps.dynamics.update(...args);
        },
      }),
      clm: withPort(w.deps.clm, {
        update: async (...args: Parameters<typeof w.deps.clm.update>) => {
          if (raceC && args[0] === p.clmId) {
            raceC = false;
            await w.changeInClm(p.clmId, { email: `late.${p.u}@sync.example` });
          }
          return w.deps.clm.update(...args);
        },
      }),
    };
    const marks = await w.mark();
    const result = await w.run('incremental', racing);
    expect(result.counts.failed).toBe(0);
    // One pair, written again after each lost race: counted once on each side.
    expect(result.counts).toMatchObject({ updatedInDynamics: 1, updatedInClm: 1 });
    // The 412s really happened, in Dataverse's log.
    expect((await marks.dataverseWrites()).filter((r) => r.status === 412).length).toBeGreaterThanOrEqual(1);
    expect(raceC).toBe(false);
    // Every edit survived: the run's, and the racing person's on each side.
    expect(await w.dynamics(p.contactId)).toMatchObject({
      firstname: 'FromDynamics',
      lastname: 'FromClm',
      telephone1: '+49 race',
      emailaddress1: `late.${p.u}@sync.example`,
    });
    expect(await w.clm(p.clmId)).toMatchObject({ firstName: 'FromDynamics', lastName: 'FromClm', phone: '+49 race', email: `late.${p.u}@sync.example` });
  });

  test("a person's Dynamics edit between the run's read and its write survives; the CLM change is merged, and the next run reverts nothing", async () => {
    const p = await linkedPair();
    await w.changeInClm(p.clmId, { lastName: 'FromClm' });
    let race = true;
    const racing = {
      ...w.deps,
      dynamics: withPort(w.deps.dynamics, {
        update: async (...args: Parameters<typeof w.deps.dynamics.update>) => {
          if (race && args[0] === p.contactId) {
            race = false;
            await w.changeInDynamics(p.contactId, { telephone1: '+49 person' });
          }
          return w.deps.dynamics.update(...args);
        },
      }),
    };
    const marks = await w.mark();
    const result = await w.run('incremental', racing);
    // The race really happened: Dataverse refused the connector's first write (412).
    const writes = await marks.dataverseWrites();
    expect(writes.filter((r) => r.status === 412 && /contacts\(/.test(r.url))).toHaveLength(1);
    expect(result.counts).toMatchObject({ failed: 0, updatedInDynamics: 1, updatedInClm: 1 });
    expect(await w.dynamics(p.contactId)).toMatchObject({ lastname: 'FromClm', telephone1: '+49 person' });
    expect(await w.clm(p.clmId)).toMatchObject({ lastName: 'FromClm', phone: '+49 person' });
    // The next run finds both sides in step: it writes nothing and reverts nothing.
    const next = await w.mark();
    await w.run('incremental');
    expect(await w.clm(p.clmId)).toMatchObject({ lastName: 'FromClm', phone: '+49 person' });
    expect(await w.dynamics(p.contactId)).toMatchObject({ lastname: 'FromClm', telephone1: '+49 person' });
    expect(await next.clmWrites()).toBe(0);
  });

  test('contacts failed by an outage are retried by the next incremental run, though neither side changed them since', async () => {
    const p = await linkedPair();
    await w.changeInDynamics(p.contactId, { telephone1: '+49 after outage' });
    let refused = 0;
    const outage = {
      ...w.deps,
      clm: withPort(w.deps.clm, {
        update: async () => {
          refused += 1;
          throw new UnavailableError('The CLM answered HTTP 503 (4 attempts); please try again later.', 5, 'clm');
        },
      }),
    };
    const failedRun = await w.run('incremental', outage);
    // The outage really happened: the CLM write was refused, and the pair counted failed.
    expect(refused).toBeGreaterThanOrEqual(1);
    expect(failedRun.counts.failed).toBe(1);
    expect((await w.clm(p.clmId)).phone).not.toBe('+49 after outage');
    const next = await w.run('incremental');
    expect(next.counts.failed).toBe(0);
    expect(await w.clm(p.clmId)).toMatchObject({ phone: '+49 after outage' });
    expect((await w.link(p.contactId))!.dtclm_syncstate).toBe(SYNC_STATE.inSync);
    // And once it went through, it is not tried again.
    const marks = await w.mark();
    await w.run('incremental');
    expect(await marks.clmWrites()).toBe(0);
  });

  test('a 409 on the e-mail lets the other fields through; the refusal names the field and the value', async () => {
    const p = await linkedPair();
    const taken = `taken.${p.u}@sync.example`;
    const other = await w.createInClm({ firstName: 'Other', lastName: `Person ${p.u}`, email: taken });
    await w.changeInDynamics(p.contactId, { emailaddress1: taken, telephone1: '+49 phone goes through' });
    const result = await w.run('incremental');
    // The fault really happened: the CLM still holds the e-mail on the other contact only.
    expect((await w.clmByEmail(taken)).map((c) => c.id)).toEqual([other.id]);
    expect(await w.clm(p.clmId)).toMatchObject({ phone: '+49 phone goes through', email: p.email });
    expect(result.counts.failed).toBe(1);
    expect(result.reported).toContainEqual({ item: `Dynamics contact ${p.contactId}`, message: expect.stringContaining(`refused the e-mail "${taken}"`) });
    const link = (await w.link(p.contactId))!;
    expect(link.dtclm_syncstate).toBe(SYNC_STATE.error);
    // Once the other contact is deactivated in the CLM, the next run writes the e-mail (nothing reverted meanwhile).
    await w.deactivateInClm(other.id);
    await w.run('incremental');
    expect(await w.clm(p.clmId)).toMatchObject({ phone: '+49 phone goes through', email: taken });
    expect(await w.dynamics(p.contactId)).toMatchObject({ emailaddress1: taken, telephone1: '+49 phone goes through' });
  });

  test('a change made on either side while a run is in progress is picked up by the next run', async () => {
    const p = await linkedPair();
    const during = {
      ...w.deps,
      clm: withPort(w.deps.clm, {
        // Once the run has read both sides, a person edits each side.
        changedSince: async (since: string) => {
          const read = await w.deps.clm.changedSince(since);
          await w.changeInDynamics(p.contactId, { firstname: 'DuringRunD' });
          await w.changeInClm(p.clmId, { lastName: 'DuringRunC' });
          return read;
        },
      }),
    };
    await w.run('incremental', during);
    await w.run('incremental');
    expect(await w.clm(p.clmId)).toMatchObject({ firstName: 'DuringRunD', lastName: 'DuringRunC' });
    expect(await w.dynamics(p.contactId)).toMatchObject({ firstname: 'DuringRunD', lastname: 'DuringRunC' });
  });

  test('an expired delta link falls back to a full sync and loses nothing', async () => {
    const p = await linkedPair();
    await w.changeInDynamics(p.contactId, { firstname: 'AfterExpiry' });
    const u = w.unique();
    const fresh = await w.createInDynamics(person(u));
    await fetch(`${w.world.dataverse.url}/_sandbox/change-tracking/age`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ days: 8 }),
    });
    const result = await w.run('incremental');
    expect(result.fellBackToFull).toBe(true);
    expect(result.reported.some((e) => e.message.includes('delta link had expired'))).toBe(true);
    expect((await w.clm(p.clmId)).firstName).toBe('AfterExpiry');
    expect((await w.link(fresh))?.dtclm_syncstate).toBe(SYNC_STATE.inSync);
    // The full sync kept a new delta link: the next run is incremental again.
    expect((await w.run('incremental')).fellBackToFull).toBe(false);
  });

  test("a link keeps its name, the contact's full name (dataverse-model.md), through a failed run, and follows a rename", async () => {
    const p = await linkedPair();
    expect((await w.link(p.contactId))!.dtclm_name).toBe(`Ann Lee ${p.u}`);
    await w.changeInDynamics(p.contactId, { telephone1: '+33 9 keeps its name' });
    const outage = {
      ...w.deps,
      clm: withPort(w.deps.clm, {
        update: () => Promise.reject(new UnavailableError('The CLM answered HTTP 503 (4 attempts); please try again later.', 5, 'clm')),
      }),
    };
    expect((await w.run('incremental', outage)).counts.failed).toBe(1);
    const failed = await w.link(p.contactId);
    expect(failed).toMatchObject({ dtclm_syncstate: SYNC_STATE.error, dtclm_name: `Ann Lee ${p.u}` });
    await w.run('incremental');
    expect(await w.link(p.contactId)).toMatchObject({ dtclm_syncstate: SYNC_STATE.inSync, dtclm_name: `Ann Lee ${p.u}` });
    await w.changeInDynamics(p.contactId, { lastname: `Lee-Smith ${p.u}` });
    await w.run('incremental');
    expect((await w.link(p.contactId))!.dtclm_name).toBe(`Ann Lee-Smith ${p.u}`);
  });

  test("one contact's failure is recorded on its link and the run goes on", async () => {
    const a = await linkedPair();
    const b = await linkedPair();
    await w.changeInDynamics(a.contactId, { firstname: 'Broken' });
    await w.changeInDynamics(b.contactId, { firstname: 'Fine' });
    const failing = {
      ...w.deps,
      clm: withPort(w.deps.clm, {
        update: async (...args: Parameters<typeof w.deps.clm.update>) => {
          if (args[0] === a.clmId) throw new StaleContactError('clm'); // keeps losing the race
          return w.deps.clm.update(...args);
        },
      }),
    };
    const result = await w.run('incremental', failing);
    expect(result.counts.failed).toBe(1);
    expect((await w.clm(b.clmId)).firstName).toBe('Fine');
    const link = await w.link(a.contactId);
    expect(link).toMatchObject({ dtclm_syncstate: SYNC_STATE.error });
    expect(link!.dtclm_lasterror).toContain('kept changing while it was synced');
    expect(result.errors).toContainEqual({ item: `Dynamics contact ${a.contactId}`, message: link!.dtclm_lasterror });
  });
});
