/**
 * Issue 9, roles: who may act on a contract, through the real functions (dev host) over HTTP with
 * the demo users' tokens, while the Dataverse emulator applies record security as Dataverse does
 * (roles at their depth, sharing, cascading share and assign; dataverse-model.md, Security roles).
 * rep (CLM User) requests; signer (Send to Sign, same business unit) sends; reader (ReadOnly) only
 * reads; restricted (Salesperson (own records) + CLM User) sees only what they own or is shared.
 */
import { randomUUID } from 'node:crypto';
import { SEED_IDS } from '../../../sandbox/dataverse/seed/ids';
import { demoUserToken } from '../../../sandbox/identity';
import { CONNECTOR_APP, demoUser } from '../../../sandbox/seed/identities';
import { startWorld, type World } from '../../../sandbox/world';
import { callApi, clmContracts, dataverseAsApp, userToken } from './helpers';

let world: World;
beforeAll(async () => {
  world = await startWorld();
}, 120_000);
afterAll(async () => {
  await world?.close();
});

const request = () => ({ entity: 'opportunity', recordId: SEED_IDS.opportunity, templateId: world.demoTemplates!.nda, requestKey: randomUUID() });

async function requested(user = 'rep'): Promise<{ contractId: string; clmContractId: string }> {
  const res = await callApi(world, 'POST', 'contracts', { token: await userToken(world, user), body: request() });
  expect(res.status).toBe(201);
  return res.body;
}

/** What a Dynamics user does in Dynamics itself (share, assign), with their own token for Dataverse. */
async function inDynamicsAs(user: string, method: string, path: string, body: unknown): Promise<number> {
  const token = await demoUserToken(world.identity.tokenEndpoint, user, `${world.dataverse.url}/.default`);
  const res = await fetch(`${world.dataverse.apiUrl}${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(body),
  });
  return res.status;
}

const opportunity = { '@odata.type': 'Microsoft.Dynamics.CRM.opportunity', opportunityid: SEED_IDS.opportunity };
const principal = (user: string) => ({ '@odata.type': 'Microsoft.Dynamics.CRM.systemuser', systemuserid: demoUser(user).systemUserId });
const flows = async (user: string, contractId: string) =>
  (await callApi(world, 'GET', `contracts/${contractId}/validation-flows`, { token: await userToken(world, user) })).status;

describe('Send to Sign', () => {
  it('lets signer send the contract rep requested (202), in the CLM too, while reader is refused (403)', async () => {
    const c = await requested('rep');
    const signature = async (user: string) => callApi(world, 'POST', `contracts/${c.contractId}/signature`, { token: await userToken(world, user), body: {} });
    expect((await signature('reader')).status).toBe(403);
    expect((await signature('rep')).status).toBe(403);
    const sent = await signature('signer');
    expect(sent.status).toBe(202);
    expect(sent.body).toEqual({ status: 'sent_for_signature' });
    expect((await clmContracts(world)).find((x) => x.id === c.clmContractId)!.status).toBe('sent_for_signature');
    const row = await dataverseAsApp<{
      dtclm_status: number;
      dtclm_dtclm_contract_dtclm_contractevent: { _createdby_value: string; _ownerid_value: string; dtclm_payload: string }[];
    }>(
      world,
      `dtclm_contracts(${c.contractId})?$select=dtclm_status&$expand=dtclm_dtclm_contract_dtclm_contractevent($select=_createdby_value,_ownerid_value,dtclm_payload)`,
    );
    expect(row.dtclm_status).toBe(718900004);
    // Who writes what: the connector's application user wrote the send's event on rep's contract,
    // owned as the contract (rep still reads it), and its payload says signer asked for it.
    const send = row.dtclm_dtclm_contract_dtclm_contractevent.find((e) => (JSON.parse(e.dtclm_payload) as { action?: string }).action === 'signature')!;
    expect(send).toMatchObject({ _createdby_value: CONNECTOR_APP.systemUserId, _ownerid_value: demoUser('rep').systemUserId });
    expect(JSON.parse(send.dtclm_payload)).toMatchObject({ by: demoUser('signer').systemUserId });
  });

  it('leaves reader unable to act: no validation, no signature, no request (403)', async () => {
    const c = await requested('rep');
    const token = await userToken(world, 'reader');
    expect((await callApi(world, 'POST', `contracts/${c.contractId}/validation`, { token, body: {} })).status).toBe(403);
    expect((await callApi(world, 'GET', `contracts/${c.contractId}/validation-flows`, { token })).status).toBe(403);
    expect((await callApi(world, 'POST', `contracts/${c.contractId}/signature`, { token, body: {} })).status).toBe(403);
    expect((await callApi(world, 'POST', 'contracts', { token, body: request() })).status).toBe(403);
  });
});

describe('restricted (sees only their own opportunities)', () => {
  it('sees no contract of the opportunity hidden from them, and may not request one on it (404)', async () => {
    const c = await requested('rep');
    expect(await flows('restricted', c.contractId)).toBe(404);
    expect((await callApi(world, 'POST', 'contracts', { token: await userToken(world, 'restricted'), body: request() })).status).toBe(404);
  });

  it("sees the opportunity's contracts once rep shares it with them, and loses them when rep unshares it", async () => {
    const before = await requested('rep');
    expect(await flows('restricted', before.contractId)).toBe(404);
    const grant = {
      Target: opportunity,
      PrincipalAccess: { Principal: principal('restricted'), AccessMask: 'ReadAccess, WriteAccess, AppendAccess, AppendToAccess' },
    };
    expect(await inDynamicsAs('rep', 'POST', 'GrantAccess', grant)).toBe(204);

    expect(await flows('restricted', before.contractId)).toBe(200);
    const after = await requested('rep'); // made after the share: inherits it
    expect(await flows('restricted', after.contractId)).toBe(200);
    // With the opportunity shared they may also request a contract on it themselves.
    await requested('restricted');

    expect(await inDynamicsAs('rep', 'POST', 'RevokeAccess', { Target: opportunity, Revokee: principal('restricted') })).toBe(204);
    expect(await flows('restricted', before.contractId)).toBe(404);
    expect(await flows('restricted', after.contractId)).toBe(404);
    expect((await callApi(world, 'POST', 'contracts', { token: await userToken(world, 'restricted'), body: request() })).status).toBe(404);
  });

  it("takes the opportunity's contracts along when rep assigns the opportunity to them", async () => {
    const c = await requested('rep');
    expect(await flows('restricted', c.contractId)).toBe(404);
    expect(
      await inDynamicsAs('rep', 'PATCH', `opportunities(${SEED_IDS.opportunity})`, {
        'ownerid@odata.bind': `/systemusers(${demoUser('restricted').systemUserId})`,
      }),
    ).toBe(204);

    const row = await dataverseAsApp<{ _ownerid_value: string }>(world, `dtclm_contracts(${c.contractId})?$select=_ownerid_value`);
    expect(row._ownerid_value).toBe(demoUser('restricted').systemUserId);
    expect(await flows('restricted', c.contractId)).toBe(200);
    expect(await flows('rep', c.contractId)).toBe(404);
  });
});
