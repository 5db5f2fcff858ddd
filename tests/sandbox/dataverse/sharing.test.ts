/**
 * Sharing and assigning in the emulator, as Dataverse documents them (learn.microsoft.com "Sharing
 * and assigning", the GrantAccess / ModifyAccess / RevokeAccess actions, RetrievePrincipalAccess,
 * "Configure table relationship cascading behavior"), over the demo world: rep owns the opportunity;
 * restricted (Salesperson (own records) + CLM User) reads only what they own or what is shared.
 */
import { randomUUID } from 'node:crypto';
import { SEED_IDS } from '../../../sandbox/dataverse/seed/ids';
import { demoUser } from '../../../sandbox/seed/identities';
import { startHarness, type Harness } from './fixtures/harness';

let h: Harness;
const tokens: Record<string, string> = {};
beforeAll(async () => {
  h = await startHarness({ world: false });
  for (const user of ['rep', 'restricted', 'norole', 'signer', 'admin']) tokens[user] = await h.identity.userToken(h.dv.url, user);
});
afterAll(async () => h?.close());

const as = (user: string) => ({ token: tokens[user] });
const opportunityRef = { '@odata.type': 'Microsoft.Dynamics.CRM.opportunity', opportunityid: SEED_IDS.opportunity };
const userRef = (key: string) => ({ '@odata.type': 'Microsoft.Dynamics.CRM.systemuser', systemuserid: demoUser(key).systemUserId });

async function share(by: string, action: 'GrantAccess' | 'ModifyAccess', target: object, to: string, mask: string) {
  return h.api(action, { method: 'POST', ...as(by), body: { Target: target, PrincipalAccess: { Principal: userRef(to), AccessMask: mask } } });
}
async function revoke(by: string, target: object, from: string) {
  return h.api('RevokeAccess', { method: 'POST', ...as(by), body: { Target: target, Revokee: userRef(from) } });
}

/**
 * A contract on the opportunity and an event on the contract, owned by `user`. Written by the app,
 * as the connector writes them (people's roles only read contracts and events: dataverse-model.md,
 * "Who writes what").
 */
async function contractWithEvent(user = 'rep'): Promise<{ contractId: string; eventId: string }> {
  const contractId = randomUUID();
  const eventId = randomUUID();
  const owner = { 'ownerid@odata.bind': `/systemusers(${demoUser(user).systemUserId})` };
  const c = await h.api('dtclm_contracts', {
    method: 'POST',
    body: {
      ...owner,
      dtclm_contractid: contractId,
      dtclm_name: 'NDA',
      dtclm_clmcontractid: `clm-${contractId}`,
      dtclm_requestkey: randomUUID(),
      'dtclm_opportunityid@odata.bind': `/opportunities(${SEED_IDS.opportunity})`,
    },
  });
  expect(c.status).toBe(204);
  const e = await h.api('dtclm_contractevents', {
    method: 'POST',
    body: {
      ...owner,
      dtclm_contracteventid: eventId,
      dtclm_name: 'created',
      dtclm_eventid: `ev-${eventId}`,
      'dtclm_contractid@odata.bind': `/dtclm_contracts(${contractId})`,
    },
  });
  expect(e.status).toBe(204);
  return { contractId, eventId };
}

const read = (user: string, path: string) => h.api(`${path}?$select=createdon`, as(user));
/** A row out of the caller's reach: Dataverse's access check (403 SecLib::AccessCheckEx). */
const HIDDEN = 403;

async function ownerOf(path: string): Promise<string> {
  return (await h.api(`${path}?$select=_ownerid_value`)).body._ownerid_value;
}

describe('GrantAccess and RevokeAccess', () => {
  it('lets the user the opportunity is shared with read it and its contracts and events, until it is unshared', async () => {
    const { contractId, eventId } = await contractWithEvent();
    expect((await read('restricted', `opportunities(${SEED_IDS.opportunity})`)).status).toBe(HIDDEN);
    expect((await read('restricted', `dtclm_contracts(${contractId})`)).status).toBe(HIDDEN);

    expect((await share('rep', 'GrantAccess', opportunityRef, 'restricted', 'ReadAccess, AppendToAccess')).status).toBe(204);
    expect((await read('restricted', `opportunities(${SEED_IDS.opportunity})`)).status).toBe(200);
    expect((await read('restricted', `dtclm_contracts(${contractId})`)).status).toBe(200);
    expect((await read('restricted', `dtclm_contractevents(${eventId})`)).status).toBe(200);
    const listed = await h.api(`dtclm_contracts?$select=dtclm_name&$filter=dtclm_contractid eq ${contractId}`, as('restricted'));
    expect(listed.body.value).toHaveLength(1);
    // A contract made after the share inherits it ("the new record inherits those properties").
    const later = await contractWithEvent();
    expect((await read('restricted', `dtclm_contracts(${later.contractId})`)).status).toBe(200);

    expect((await revoke('rep', opportunityRef, 'restricted')).status).toBe(204);
    for (const path of [
      `opportunities(${SEED_IDS.opportunity})`,
      `dtclm_contracts(${contractId})`,
      `dtclm_contractevents(${eventId})`,
      `dtclm_contracts(${later.contractId})`,
    ]) {
      expect([path, (await read('restricted', path)).status]).toEqual([path, HIDDEN]);
    }
  });

  it('grants the rights of the mask only: read is not write, and ModifyAccess replaces them', async () => {
    // On the opportunity, which rep may write (no one writes contracts by hand any more).
    const patch = () => h.api(`opportunities(${SEED_IDS.opportunity})`, { method: 'PATCH', ...as('restricted'), body: { description: 'renamed' } });
    expect((await share('rep', 'GrantAccess', opportunityRef, 'restricted', 'ReadAccess')).status).toBe(204);
    try {
      expect((await patch()).status).toBe(403);
      expect((await share('rep', 'ModifyAccess', opportunityRef, 'restricted', 'ReadAccess, WriteAccess')).status).toBe(204);
      expect((await patch()).status).toBe(204);
      expect((await share('rep', 'ModifyAccess', opportunityRef, 'restricted', 'WriteAccess')).status).toBe(204);
      expect((await read('restricted', `opportunities(${SEED_IDS.opportunity})`)).status).toBe(HIDDEN);
    } finally {
      expect((await revoke('rep', opportunityRef, 'restricted')).status).toBe(204);
    }
  });

  it('shares no right the caller does not hold: rep reads but may not write contracts, so cannot share WriteAccess', async () => {
    const { contractId } = await contractWithEvent();
    const contract = { '@odata.type': 'Microsoft.Dynamics.CRM.dtclm_contract', dtclm_contractid: contractId };
    expect((await share('rep', 'GrantAccess', contract, 'restricted', 'ReadAccess, WriteAccess')).status).toBe(403);
    expect((await share('rep', 'GrantAccess', contract, 'restricted', 'ReadAccess')).status).toBe(204);
    expect((await h.api(`dtclm_contracts(${contractId})`, { method: 'PATCH', ...as('restricted'), body: { dtclm_name: 'renamed' } })).status).toBe(403);
  });

  it('gives nothing beyond the privileges of the principal: a user without any contract privilege still sees none', async () => {
    const { contractId } = await contractWithEvent();
    const contract = { '@odata.type': 'Microsoft.Dynamics.CRM.dtclm_contract', dtclm_contractid: contractId };
    expect((await share('rep', 'GrantAccess', contract, 'norole', 'ReadAccess')).status).toBe(204);
    // No prvReaddtclm_Contract at any depth: the share gives nothing (403 or 404, never the row).
    expect([403, 404]).toContain((await read('norole', `dtclm_contracts(${contractId})`)).status);
  });

  it('needs share rights on the record, and shares only the rights the caller holds', async () => {
    const { contractId } = await contractWithEvent();
    const contract = { '@odata.type': 'Microsoft.Dynamics.CRM.dtclm_contract', dtclm_contractid: contractId };
    // restricted cannot see it: refused by the access check.
    expect((await share('restricted', 'GrantAccess', contract, 'norole', 'ReadAccess')).status).toBe(HIDDEN);
    expect((await share('rep', 'GrantAccess', contract, 'restricted', 'ReadAccess')).status).toBe(204);
    // Read only: no ShareAccess to pass it on.
    expect((await share('restricted', 'GrantAccess', contract, 'signer', 'ReadAccess')).status).toBe(403);
    // rep holds no delete privilege on contracts: cannot share DeleteAccess.
    expect((await share('rep', 'GrantAccess', contract, 'signer', 'ReadAccess, DeleteAccess')).status).toBe(403);
    expect((await share('rep', 'GrantAccess', contract, 'signer', 'ReadAccess, Bogus')).status).toBe(400);
  });

  it('answers RetrievePrincipalAccess with the principal rights from roles and shares', async () => {
    const { contractId } = await contractWithEvent();
    const rights = async (user: string) => {
      const tid = encodeURIComponent(`{'@odata.id':'dtclm_contracts(${contractId})'}`);
      const r = await h.api(`systemusers(${demoUser(user).systemUserId})/Microsoft.Dynamics.CRM.RetrievePrincipalAccess(Target=@tid)?@tid=${tid}`);
      expect(r.status).toBe(200);
      return String(r.body.AccessRights).split(', ');
    };
    // People's roles read contracts; Share and Assign stay so an opportunity's share or assign cascades.
    expect(await rights('rep')).toEqual(expect.arrayContaining(['ReadAccess', 'ShareAccess', 'AssignAccess']));
    expect(await rights('rep')).not.toContain('WriteAccess');
    expect(await rights('restricted')).not.toContain('ReadAccess');
    expect(await rights('signer')).toContain('ReadAccess'); // business unit depth
    expect(await rights('signer')).not.toContain('WriteAccess');
    expect(await rights('signer')).not.toContain('ShareAccess');
    await share('rep', 'GrantAccess', { '@odata.type': 'Microsoft.Dynamics.CRM.dtclm_contract', dtclm_contractid: contractId }, 'restricted', 'ReadAccess');
    expect(await rights('restricted')).toContain('ReadAccess');
    expect(await rights('restricted')).not.toContain('WriteAccess');
  });
});

describe('assign (PATCH ownerid)', () => {
  it('moves the contracts and events of the opportunity to its new owner, who then reads them', async () => {
    const { contractId, eventId } = await contractWithEvent();
    expect((await read('restricted', `dtclm_contracts(${contractId})`)).status).toBe(HIDDEN);
    const assign = await h.api(`opportunities(${SEED_IDS.opportunity})`, {
      method: 'PATCH',
      ...as('rep'),
      body: { 'ownerid@odata.bind': `/systemusers(${demoUser('restricted').systemUserId})` },
    });
    expect(assign.status).toBe(204);
    expect(await ownerOf(`opportunities(${SEED_IDS.opportunity})`)).toBe(demoUser('restricted').systemUserId);
    expect(await ownerOf(`dtclm_contracts(${contractId})`)).toBe(demoUser('restricted').systemUserId);
    expect(await ownerOf(`dtclm_contractevents(${eventId})`)).toBe(demoUser('restricted').systemUserId);
    expect((await read('restricted', `dtclm_contracts(${contractId})`)).status).toBe(200);
    expect((await read('rep', `dtclm_contracts(${contractId})`)).status).toBe(HIDDEN);
    // Give it back (as the admin) so the other tests find the demo world as it was.
    const back = await h.api(`opportunities(${SEED_IDS.opportunity})`, {
      method: 'PATCH',
      ...as('admin'),
      body: { 'ownerid@odata.bind': `/systemusers(${demoUser('rep').systemUserId})` },
    });
    expect(back.status).toBe(204);
    expect(await ownerOf(`dtclm_contracts(${contractId})`)).toBe(demoUser('rep').systemUserId);
  });

  it('needs assign rights: a user who may read but not assign the row cannot hand it over', async () => {
    const { contractId } = await contractWithEvent();
    const r = await h.api(`dtclm_contracts(${contractId})`, {
      method: 'PATCH',
      ...as('signer'), // Send to Sign: business-unit read of contracts, assign only on their own
      body: { 'ownerid@odata.bind': `/systemusers(${demoUser('signer').systemUserId})` },
    });
    expect(r.status).toBe(403);
    expect(await ownerOf(`dtclm_contracts(${contractId})`)).toBe(demoUser('rep').systemUserId);
  });
});
