/**
 * Orphan contact links (issue 23; docs/decisions.md "Orphan contact links"): a full sync removes
 * the dtclm_contactlink rows left with nothing to link, and counts them. A contact deleted in
 * Dynamics leaves its link row behind with an empty contact (the lookup's cascade is Remove Link:
 * Microsoft, "Configure table relationship cascading behavior"); a CLM contact that no longer
 * exists leaves a link naming nothing. Counted where it happens: the emulator's request log (the
 * connector's DELETEs of link rows, answered 204) and the rows themselves.
 */
import { startContactWorld, type ContactWorld } from './world';

jest.setTimeout(120_000);

let w: ContactWorld;
beforeAll(async () => {
  w = await startContactWorld();
  await w.run('full');
});
afterAll(async () => w?.close());

const person = (u: string) => ({ firstname: 'Oli', lastname: `Orphan ${u}`, emailaddress1: `oli.${u}@orphans.example` });
const linkDeletes = async (m: Awaited<ReturnType<ContactWorld['mark']>>) =>
  (await m.dataverseWrites()).filter((r) => r.method === 'DELETE' && r.url.includes('/dtclm_contactlinks('));

test('a contact deleted in Dynamics: the full sync deactivates its CLM contact and removes its link, counted once', async () => {
  const u = w.unique();
  const contactId = await w.createInDynamics(person(u));
  await w.run('full');
  const link = (await w.link(contactId))!;
  await w.deleteInDynamics(contactId);
  // Dataverse kept the row and cleared its contact (Remove Link): an orphan.
  expect(await w.linkRow(link.dtclm_contactlinkid)).toMatchObject({ _dtclm_contactid_value: null });

  const m = await w.mark();
  const result = await w.run('full');
  expect(result.counts.failed).toBe(0);
  expect(result.counts.orphanLinksRemoved).toBe(1);
  expect(await linkDeletes(m)).toEqual([expect.objectContaining({ url: expect.stringContaining(link.dtclm_contactlinkid), status: 204 })]);
  expect(await w.linkRow(link.dtclm_contactlinkid)).toBeUndefined();
  expect((await w.clm(link.dtclm_clmcontactid!)).active).toBe(false);

  // Nothing left to remove: the next full sync deletes nothing.
  const again = await w.mark();
  expect((await w.run('full')).counts.orphanLinksRemoved).toBe(0);
  expect(await linkDeletes(again)).toEqual([]);
});

test('a link naming a CLM contact that no longer exists is removed when nothing links it again; an active contact gets a new twin and keeps its row', async () => {
  const u = w.unique();
  // An inactive contact (never recreated in the CLM) and an active one, each linked to a CLM contact that is gone.
  const inactive = await w.createInDynamics(person(`${u}a`));
  await w.changeInDynamics(inactive, { statecode: 1, statuscode: 2 } as never);
  const active = await w.createInDynamics(person(`${u}b`));
  const rows: Record<string, string> = {};
  for (const [contactId, gone] of [
    [inactive, `ct_gone_${u}a`],
    [active, `ct_gone_${u}b`],
  ]) {
    const made = await w.asAdmin<{ dtclm_contactlinkid: string }>('POST', 'dtclm_contactlinks', {
      dtclm_name: 'Oli Orphan',
      'dtclm_contactid@odata.bind': `/contacts(${contactId})`,
      dtclm_clmcontactid: gone,
      dtclm_clmversion: 1,
      dtclm_syncstate: 718900000,
    });
    expect(made.status).toBe(201);
    rows[contactId] = made.body.dtclm_contactlinkid;
  }

  const m = await w.mark();
  const result = await w.run('full');
  expect(result.counts.failed).toBe(0);
  expect(result.counts.orphanLinksRemoved).toBe(1);
  expect(await linkDeletes(m)).toEqual([expect.objectContaining({ url: expect.stringContaining(rows[inactive]), status: 204 })]);
  expect(await w.linkRow(rows[inactive])).toBeUndefined();
  // The active contact: a new CLM twin, linked on the same row.
  const kept = await w.linkRow(rows[active]);
  expect(kept?.dtclm_clmcontactid).toBeTruthy();
  expect(kept?.dtclm_clmcontactid).not.toBe(`ct_gone_${u}b`);
  expect((await w.clm(kept!.dtclm_clmcontactid!)).externalId).toBe(active);
});
