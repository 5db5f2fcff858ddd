/**
 * Issue 24 (findings 1 and 2) and dataverse-model.md "Who writes what", through the real functions
 * (dev host) and the Dataverse emulator's record security:
 * - people's roles only read contracts and events: a rep's own Web API write to them is refused by
 *   Dataverse (403, the privilege check), counted in the emulator's request log;
 * - the connector writes them as its application user, with the requester as owner, so the rep
 *   still reads their contract and a Send to Sign user of their business unit reads it too;
 * - a quote's contract records the quote's opportunity and follows that one's sharing (cascade);
 * - a row whose CLM id names another record's CLM contract (planted with an app token, since no
 *   user can write it) is refused by every route that acts on it (409), and its status events
 *   change nothing;
 * - a forged status (Signed, sequence 999, a fake PDF) is overwritten by refresh with the CLM's own,
 *   and genuine later changes apply again.
 */
import { randomUUID } from 'node:crypto';
import { SEED_IDS } from '../../../sandbox/dataverse/seed/ids';
import { demoUserToken } from '../../../sandbox/identity';
import { CONNECTOR_APP, demoUser } from '../../../sandbox/seed/identities';
import { startWorld, type World } from '../../../sandbox/world';
import type { RequestLogEntry } from '../../../sandbox/dataverse/controls/request-log';
import { callApi, clmContracts, dataverseAsApp, sandboxControl, userToken } from './helpers';

let world: World;
const logLines: string[] = [];
beforeAll(async () => {
  world = await startWorld({ registerWebhook: true, functionsLogHandler: (_level, ...args) => logLines.push(args.map(String).join(' ')) });
}, 120_000);
afterAll(async () => {
  await world?.close();
});

const fromOpportunity = () => ({ entity: 'opportunity', recordId: SEED_IDS.opportunity, templateId: world.demoTemplates!.nda, requestKey: randomUUID() });
const fromQuote = () => ({ entity: 'quote', recordId: SEED_IDS.quote, templateId: world.demoTemplates!.quoteAcceptance, requestKey: randomUUID() });

async function requested(body: Record<string, unknown> = fromOpportunity(), user = 'rep'): Promise<{ contractId: string; clmContractId: string }> {
  const res = await callApi(world, 'POST', 'contracts', { token: await userToken(world, user), body });
  expect(res.status).toBe(201);
  return res.body;
}

/** A person's own Web API call to Dataverse (their token, no connector in between). */
async function asPerson(user: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const token = await demoUserToken(world.identity.tokenEndpoint, user, `${world.dataverse.url}/.default`);
  const res = await fetch(`${world.dataverse.apiUrl}${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', Accept: 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

/** What an admin (or anything holding the connector app's token) writes straight into Dataverse. */
async function asApp(method: string, path: string, body: unknown, headers: Record<string, string> = {}): Promise<number> {
  const res = await fetch(`${world.dataverse.apiUrl}${path}`, {
    method,
    headers: { Authorization: `Bearer ${await world.admin.token()}`, 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : Buffer.isBuffer(body) ? new Uint8Array(body) : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.status;
}

interface Row {
  dtclm_status: number;
  dtclm_sequence: number;
  dtclm_clmcontractid: string;
  dtclm_signeddocument_name?: string | null;
  _ownerid_value: string;
  _createdby_value: string;
  _dtclm_opportunityid_value: string | null;
  _dtclm_quoteid_value: string | null;
}
const rowOf = (id: string) =>
  dataverseAsApp<Row>(
    world,
    `dtclm_contracts(${id})?$select=dtclm_status,dtclm_sequence,dtclm_clmcontractid,dtclm_signeddocument_name,_ownerid_value,_createdby_value,_dtclm_opportunityid_value,_dtclm_quoteid_value`,
  );
const eventsOf = async (id: string) =>
  (
    await dataverseAsApp<{ value: { dtclm_eventid: string; dtclm_payload: string; _ownerid_value: string; _createdby_value: string }[] }>(
      world,
      `dtclm_contractevents?$select=dtclm_eventid,dtclm_payload,_ownerid_value,_createdby_value&$filter=_dtclm_contractid_value eq ${id}`,
    )
  ).value;

const requestLog = async () => (await sandboxControl(world.dataverse.url, 'GET', 'requests')) as RequestLogEntry[];

async function clmCall(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<any> {
  const { access_token } = await world.clm!.issueTokens();
  const res = await fetch(`${world.clm!.apiBase}${path}`, {
    method,
    headers: { authorization: `Bearer ${access_token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!res.ok) throw new Error(`CLM ${method} ${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

/** Waits (bounded) for something the system does in the background; fails with `what` when it never happens. */
async function until(check: () => Promise<boolean> | boolean, what: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe("people's own Web API writes to the connector's tables", () => {
  it('are refused by Dataverse (403, missing privilege): a rep cannot PATCH the status, sequence or CLM id of their own contract, nor create rows', async () => {
    const c = await requested();
    const before = await rowOf(c.contractId);
    await sandboxControl(world.dataverse.url, 'DELETE', 'requests');
    const path = `dtclm_contracts(${c.contractId})`;
    const attempts = [
      await asPerson('rep', 'PATCH', path, { dtclm_status: 718900005, dtclm_sequence: 999 }),
      await asPerson('rep', 'PATCH', path, { dtclm_clmcontractid: 'ctr_someone_elses' }),
      await asPerson('signer', 'PATCH', path, { dtclm_sequence: 999 }),
    ];
    for (const a of attempts) expect({ status: a.status, code: a.body?.error?.code }).toEqual({ status: 403, code: '0x80040220' });
    expect((await asPerson('rep', 'POST', 'dtclm_contracts', { dtclm_name: 'planted', dtclm_clmcontractid: 'ctr_planted' })).status).toBe(403);
    expect(
      (
        await asPerson('rep', 'POST', 'dtclm_contractevents', {
          dtclm_name: 'Signed (999)',
          dtclm_eventid: `evt_${randomUUID()}`,
          'dtclm_contractid@odata.bind': `/dtclm_contracts(${c.contractId})`,
        })
      ).status,
    ).toBe(403);

    // Counted where they happen: the emulator served 3 PATCHes of the row and 2 POSTs, each a 403.
    const log = await requestLog();
    const refused = log.filter((e) => e.status === 403 && /\/dtclm_contract(s|events)\b/.test(e.url));
    expect(refused.filter((e) => e.method === 'PATCH' && e.url.includes(path))).toHaveLength(3);
    expect(refused.filter((e) => e.method === 'POST')).toHaveLength(2);
    expect(await rowOf(c.contractId)).toEqual(before);
  });

  it('are not needed: the connector wrote the row and its event as its application user, owned by the requester, whom Dataverse lets read them', async () => {
    const c = await requested();
    const row = await rowOf(c.contractId);
    expect(row).toMatchObject({ _ownerid_value: demoUser('rep').systemUserId, _createdby_value: CONNECTOR_APP.systemUserId });
    const [event] = await eventsOf(c.contractId);
    expect(event).toMatchObject({ _ownerid_value: demoUser('rep').systemUserId, _createdby_value: CONNECTOR_APP.systemUserId });
    // The rep reads their own (Basic); signer, in rep's business unit, reads it too (Local).
    expect((await asPerson('rep', 'GET', `dtclm_contracts(${c.contractId})?$select=dtclm_status`)).status).toBe(200);
    expect((await asPerson('signer', 'GET', `dtclm_contracts(${c.contractId})?$select=dtclm_status`)).status).toBe(200);
    expect(
      (await asPerson('rep', 'GET', `dtclm_contractevents?$select=dtclm_eventid&$filter=_dtclm_contractid_value eq ${c.contractId}`)).body.value,
    ).toHaveLength(1);
  });
});

describe("a quote's contract", () => {
  const opportunity = { '@odata.type': 'Microsoft.Dynamics.CRM.opportunity', opportunityid: SEED_IDS.opportunity };
  const restricted = { '@odata.type': 'Microsoft.Dynamics.CRM.systemuser', systemuserid: demoUser('restricted').systemUserId };
  const flows = async (user: string, contractId: string) =>
    (await callApi(world, 'GET', `contracts/${contractId}/validation-flows`, { token: await userToken(world, user) })).status;

  it("records the quote and the quote's opportunity, and follows that opportunity's sharing (cascading share and unshare)", async () => {
    const c = await requested(fromQuote());
    expect(await rowOf(c.contractId)).toMatchObject({ _dtclm_quoteid_value: SEED_IDS.quote, _dtclm_opportunityid_value: SEED_IDS.opportunity });
    // restricted sees only what they own or what is shared with them.
    expect(await flows('restricted', c.contractId)).toBe(404);
    const grant = { Target: opportunity, PrincipalAccess: { Principal: restricted, AccessMask: 'ReadAccess, AppendToAccess' } };
    expect((await asPerson('rep', 'POST', 'GrantAccess', grant)).status).toBe(204);
    try {
      expect(await flows('restricted', c.contractId)).toBe(200);
    } finally {
      expect((await asPerson('rep', 'POST', 'RevokeAccess', { Target: opportunity, Revokee: restricted })).status).toBe(204);
    }
    expect(await flows('restricted', c.contractId)).toBe(404);
  });
});

describe("a row whose CLM id names another record's CLM contract (issue 24, finding 1)", () => {
  it('is refused (409, in words) by flows, validation, signatories, signature and refresh; the CLM contract is left as it was, and its status events change nothing', async () => {
    // Someone else's contract in the CLM, with no row in this organization.
    const foreign = await clmCall(
      'POST',
      '/contracts',
      {
        templateId: 'tpl_nda',
        folderId: world.clm!.rootFolderId,
        name: 'Another opportunity NDA',
        fields: { dt0_counterparty_name: 'Fabrikam', dt0_nda_type: 'mutual', dt0_effective_date: '2025-06-30', dt0_governing_law: 'France' },
        signatories: [{ firstName: 'Owner', lastName: 'Elsewhere', email: 'owner@fabrikam.example' }],
        externalRef: { system: 'dynamics365', entity: 'opportunity', id: randomUUID(), orgUrl: world.dataverse.url },
      },
      { 'Idempotency-Key': randomUUID() },
    );
    const c = await requested();
    // Planted with the app's token (no person can write the row any more).
    await asApp('PATCH', `dtclm_contracts(${c.contractId})`, { dtclm_clmcontractid: foreign.id });
    const rep = await userToken(world, 'rep');
    const signer = await userToken(world, 'signer');

    const answers = {
      flows: await callApi(world, 'GET', `contracts/${c.contractId}/validation-flows`, { token: rep }),
      validation: await callApi(world, 'POST', `contracts/${c.contractId}/validation`, { token: rep, body: {} }),
      signatories: await callApi(world, 'GET', `contracts/${c.contractId}/signatories`, { token: signer }),
      signature: await callApi(world, 'POST', `contracts/${c.contractId}/signature`, {
        token: signer,
        body: { signatories: [{ firstName: 'Mallory', lastName: 'Planter', email: 'mallory@contoso.example' }] },
      }),
      refresh: await callApi(world, 'POST', `contracts/${c.contractId}/refresh`, { token: rep }),
    };
    for (const [route, a] of Object.entries(answers)) {
      expect({ route, status: a.status, type: a.headers.get('content-type') }).toEqual({ route, status: 409, type: expect.stringContaining('problem+json') });
      expect({ route, detail: a.body.detail }).toEqual({
        route,
        detail: expect.stringMatching(/CLM contract that is not its own \(the CLM contract was made for another opportunity\)/),
      });
    }
    const inClm = (await clmContracts(world)).find((x) => x.id === foreign.id)!;
    expect(inClm.status).toBe('draft');
    expect(inClm.signatories?.map((s) => s.email)).toEqual(['owner@fabrikam.example']);

    // The CLM moves it on (its owner launched a validation there): the webhook comes, and changes nothing here.
    await clmCall('POST', `/_sandbox/contracts/${foreign.id}/transition`, { to: 'in_validation' });
    await until(() => logLines.some((l) => l.includes(`is for CLM contract ${foreign.id}, which is not contract ${c.contractId}'s own`)), 'the event refused');
    const row = await rowOf(c.contractId);
    expect([row.dtclm_status, row.dtclm_sequence]).toEqual([718900000, 1]);
    expect((await eventsOf(c.contractId)).map((e) => e.dtclm_eventid)).toEqual([expect.stringMatching(/^connector:/)]);
  });
});

describe('a forged status (issue 24, finding 2)', () => {
  it("is overwritten by refresh with the CLM's own status and sequence, the fake PDF removed, and a genuine later change applies again", async () => {
    const c = await requested();
    // Signed at sequence 999 with a fake PDF: every genuine event would look older.
    await asApp('PATCH', `dtclm_contracts(${c.contractId})`, { dtclm_status: 718900005, dtclm_sequence: 999 });
    await asApp('PATCH', `dtclm_contracts(${c.contractId})/dtclm_signeddocument`, Buffer.from('%PDF-1.7 forged'), {
      'Content-Type': 'application/octet-stream',
      'x-ms-file-name': 'forged.pdf',
    });
    expect((await rowOf(c.contractId)).dtclm_signeddocument_name).toBe('forged.pdf');

    const refreshed = await callApi(world, 'POST', `contracts/${c.contractId}/refresh`, { token: await userToken(world, 'rep') });
    expect(refreshed).toMatchObject({ status: 200, body: { status: 'draft' } });
    const row = await rowOf(c.contractId);
    expect([row.dtclm_status, row.dtclm_sequence, row.dtclm_signeddocument_name ?? null]).toEqual([718900000, 1, null]);
    const corrected = (await eventsOf(c.contractId)).map((e) => JSON.parse(e.dtclm_payload) as Record<string, unknown>).find((p) => p.action === 'corrected');
    expect(corrected).toMatchObject({ status: 'draft', sequence: 1, heldBefore: { status: 'signed', sequence: 999 } });

    const validation = await callApi(world, 'POST', `contracts/${c.contractId}/validation`, { token: await userToken(world, 'rep'), body: {} });
    expect(validation.status).toBe(202);
    await until(async () => (await rowOf(c.contractId)).dtclm_status === 718900001, 'the row in validation');
    expect((await rowOf(c.contractId)).dtclm_sequence).toBe(2);
  });
});
