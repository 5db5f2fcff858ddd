/**
 * The default scope, "signatories" (contact-sync.md): only the Dynamics contacts that are a
 * signatory source of some contract (the contact of an opportunity or quote with a dtclm_contract)
 * are created in the CLM; the others are left alone.
 */
import { SEED_IDS } from '../../../sandbox/dataverse/seed/ids';
import { demoUserToken } from '../../../sandbox/identity';
import { startContactWorld, type ContactWorld } from './world';

jest.setTimeout(120_000);

let w: ContactWorld;
beforeAll(async () => {
  w = await startContactWorld('{"scope":"signatories"}');
});
afterAll(async () => w?.close());

async function asAdmin(method: string, path: string, body: unknown): Promise<string> {
  const token = await demoUserToken(w.world.identity.tokenEndpoint, 'admin', `${w.world.dataverse.url}/.default`);
  const res = await fetch(`${w.world.dataverse.apiUrl}${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (res.status >= 300) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return /\(([0-9a-f-]{36})\)/.exec(res.headers.get('odata-entityid') ?? '')![1];
}

test('a contact of an opportunity with a contract is synced; a contact of no contract is not', async () => {
  const u = w.unique();
  const signer = await w.createInDynamics({ firstname: 'Sig', lastname: `Ner ${u}`, emailaddress1: `signer.${u}@scope.example` });
  const bystander = await w.createInDynamics({ firstname: 'By', lastname: `Stander ${u}`, emailaddress1: `by.${u}@scope.example` });
  const opportunity = await asAdmin('POST', 'opportunities', {
    name: `Deal ${u}`,
    'parentcontactid@odata.bind': `/contacts(${signer})`,
    'customerid_account@odata.bind': `/accounts(${SEED_IDS.account})`,
  });
  await asAdmin('POST', 'dtclm_contracts', { dtclm_name: `Contract ${u}`, 'dtclm_opportunityid@odata.bind': `/opportunities(${opportunity})` });

  const result = await w.run('full');
  expect(result.counts.failed).toBe(0);
  expect((await w.link(signer))?.dtclm_clmcontactid).toEqual(expect.any(String));
  expect(await w.clmByEmail(`signer.${u}@scope.example`)).toHaveLength(1);
  expect(await w.link(bystander)).toBeUndefined();
  expect(await w.clmByEmail(`by.${u}@scope.example`)).toEqual([]);
});
