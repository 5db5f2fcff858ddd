/**
 * Issue 5 end to end: the real functions (dev host) in the sandbox world, called over HTTP with the
 * demo users' Entra tokens. Who may do what (403/404), which tokens are refused (401), what a
 * request makes in the CLM and in Dataverse, replays and ten concurrent twins, throttling survived,
 * the CLM's 422 in words, validation flows, sending for signature, and no secret in any log line.
 */
import { randomUUID } from 'node:crypto';
import { SEED_IDS } from '../../../sandbox/dataverse/seed/ids';
import { signWithForeignKey, unsignedToken } from '../../../sandbox/identity';
import { CONNECTOR_APP, demoUser, TENANT_ID } from '../../../sandbox/seed/identities';
import { connectorSettings, startWorld, type World } from '../../../sandbox/world';
import { createApp } from '../../../functions/src/app/composition-root';
import { loadConfig } from '../../../functions/src/config';
import { connectorRolesOf } from '../../../functions/src/domain/roles';
import { requestContract } from '../../../functions/src/services/contracts/request-contract';
import { callApi, clmContracts, dataverseAsApp, sandboxControl, userToken } from './helpers';

let world: World;
const logLines: string[] = [];
const tokensUsed: string[] = [];

beforeAll(async () => {
  world = await startWorld({ functionsLogHandler: (_level, ...args) => logLines.push(args.map(String).join(' ')) });
}, 120_000);
afterAll(async () => {
  await world?.close();
});

async function tokenOf(user: string): Promise<string> {
  const t = await userToken(world, user);
  tokensUsed.push(t);
  return t;
}

const request = (over: Record<string, unknown> = {}) => ({
  entity: 'opportunity',
  recordId: SEED_IDS.opportunity,
  templateId: world.demoTemplates!.nda,
  requestKey: randomUUID(),
  ...over,
});

interface ContractRowJson {
  dtclm_contractid: string;
  dtclm_name: string;
  dtclm_clmcontractid: string;
  dtclm_requestkey: string;
  dtclm_status: number;
  dtclm_sequence: number;
  dtclm_clmurl: string;
  dtclm_validationflow?: string | null;
  _dtclm_opportunityid_value: string | null;
  _dtclm_quoteid_value: string | null;
  _dtclm_templateid_value: string;
  _ownerid_value: string;
  dtclm_dtclm_contract_dtclm_contractevent?: { dtclm_eventid: string; dtclm_name: string; dtclm_status: number }[];
}

async function rowsWithKey(key: string): Promise<ContractRowJson[]> {
  const answer = await dataverseAsApp<{ value: ContractRowJson[] }>(
    world,
    `dtclm_contracts?$filter=dtclm_requestkey eq '${key}'&$expand=dtclm_dtclm_contract_dtclm_contractevent($select=dtclm_eventid,dtclm_name,dtclm_status)`,
  );
  return answer.value;
}

describe('POST /api/contracts as rep', () => {
  it('requests an NDA from the opportunity: 201, the CLM contract filled from the record, the Dataverse row and its event', async () => {
    const body = request();
    const res = await callApi(world, 'POST', 'contracts', { token: await tokenOf('rep'), body });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: 'NDA - Contoso Ltd', status: 'draft', clmUrl: expect.stringContaining(res.body.clmContractId) });

    const clm = (await clmContracts(world)).find((c) => c.id === res.body.clmContractId)!;
    expect(clm).toMatchObject({
      templateId: 'tpl_nda',
      folderId: world.clm!.rootFolderId,
      fields: { dt0_counterparty_name: 'Contoso Ltd', dt0_nda_type: 'mutual', dt0_effective_date: '2025-06-30', dt0_governing_law: 'France' },
      externalRef: { system: 'dynamics365', entity: 'opportunity', id: SEED_IDS.opportunity },
    });
    expect(clm.signatories?.map((s) => s.email)).toEqual(['ada.lovelace@contoso.example', 'rep@contoso.example']);

    const [row, ...more] = await rowsWithKey(body.requestKey);
    expect(more).toHaveLength(0);
    expect(row).toMatchObject({
      dtclm_contractid: res.body.contractId,
      dtclm_clmcontractid: res.body.clmContractId,
      dtclm_status: 718900000,
      dtclm_sequence: 1,
      dtclm_clmurl: res.body.clmUrl,
      _dtclm_opportunityid_value: SEED_IDS.opportunity,
      _dtclm_templateid_value: world.demoTemplates!.nda,
      _ownerid_value: demoUser('rep').systemUserId,
    });
    expect(row.dtclm_dtclm_contract_dtclm_contractevent).toEqual([
      expect.objectContaining({ dtclm_eventid: expect.stringMatching(/^connector:/), dtclm_name: 'Draft (1)', dtclm_status: 718900000 }),
    ]);
  });

  it("requests a Quote Acceptance from the quote: the row names the quote and the quote's opportunity, so it follows that one's sharing", async () => {
    const body = request({ entity: 'quote', recordId: SEED_IDS.quote, templateId: world.demoTemplates!.quoteAcceptance });
    const res = await callApi(world, 'POST', 'contracts', { token: await tokenOf('rep'), body });
    expect(res.status).toBe(201);
    const clm = (await clmContracts(world)).find((c) => c.id === res.body.clmContractId)!;
    expect(clm.fields).toMatchObject({ dt0_quote_number: 'QUO-01001-C7K2P4', dt0_customer_name: 'Contoso Ltd', dt0_quote_total: { currency: 'EUR' } });
    const [row] = await rowsWithKey(body.requestKey);
    // dataverse-model.md: dtclm_opportunityid is set when requested from a quote that has an opportunity.
    expect(row).toMatchObject({
      _dtclm_quoteid_value: SEED_IDS.quote,
      _dtclm_opportunityid_value: SEED_IDS.opportunity,
      _ownerid_value: demoUser('rep').systemUserId,
    });
    expect(clm.externalRef).toMatchObject({ system: 'dynamics365', entity: 'quote', id: SEED_IDS.quote });
  });

  it('answers a second call with the same requestKey with the same contract (200), creating nothing', async () => {
    const body = request({ templateId: world.demoTemplates!.msa });
    const token = await tokenOf('rep');
    const first = await callApi(world, 'POST', 'contracts', { token, body });
    const before = (await clmContracts(world)).length;
    const second = await callApi(world, 'POST', 'contracts', { token, body });
    expect(first.status).toBe(201);
    expect(second.status).toBe(200);
    expect(second.body).toEqual(first.body);
    expect((await clmContracts(world)).length).toBe(before);
    expect(await rowsWithKey(body.requestKey)).toHaveLength(1);
  });

  it('makes one CLM contract and one Dataverse row for ten concurrent identical requests', async () => {
    const body = request({ templateId: world.demoTemplates!.msa });
    const token = await tokenOf('rep');
    // Counted where they are made: every contract the CLM sandbox holds, not only those the answers name.
    const before = new Set((await clmContracts(world)).map((c) => c.id));
    const answers = await Promise.all(Array.from({ length: 10 }, () => callApi(world, 'POST', 'contracts', { token, body })));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
    expect(new Set(answers.map((a) => a.body.clmContractId)).size).toBe(1);
    const made = (await clmContracts(world)).filter((c) => !before.has(c.id));
    expect(made.map((c) => c.id)).toEqual([answers[0].body.clmContractId]);
    expect(await rowsWithKey(body.requestKey)).toHaveLength(1);
  });

  it('survives a Dataverse 429 and a CLM 429 without an error to the user', async () => {
    const token = await tokenOf('rep');
    await sandboxControl(world.dataverse.url, 'POST', 'faults', { status: 429, count: 1, retryAfter: 1 });
    expect((await callApi(world, 'POST', 'contracts', { token, body: request() })).status).toBe(201);
    await sandboxControl(world.clm!.apiBase, 'POST', 'faults', { status: 429, count: 1, retryAfter: 1, pathPrefix: '/contracts' });
    const body = request();
    expect((await callApi(world, 'POST', 'contracts', { token, body })).status).toBe(201);
    expect(await rowsWithKey(body.requestKey)).toHaveLength(1);
  });

  it('is 404 for an unknown template and 400 with errors for a body that breaks the schema', async () => {
    const token = await tokenOf('rep');
    const unknown = await callApi(world, 'POST', 'contracts', { token, body: request({ templateId: randomUUID() }) });
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toContain('application/problem+json');
    const bad = await callApi(world, 'POST', 'contracts', { token, body: { entity: 'account', recordId: 'x' } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['entity', 'recordId', 'templateId', 'requestKey']));
    const big = await callApi(world, 'POST', 'contracts', { token, raw: JSON.stringify({ ...request(), name: 'x'.repeat(1024 * 1024) }) });
    expect(big.status).toBe(413);
  });
});

describe('failures after the CLM made the contract', () => {
  it('leave nothing orphaned: the retry with the same key records the contract the CLM made', async () => {
    const token = await tokenOf('rep');
    await callApi(world, 'POST', 'contracts', { token, body: request({ templateId: world.demoTemplates!.msa }) }); // warm
    // Warm, a request is: read batch, record read, write batch. Let the first two pass, fail the write.
    await sandboxControl(world.dataverse.url, 'POST', 'faults', { latencyMs: 1, count: 2 });
    await sandboxControl(world.dataverse.url, 'POST', 'faults', { status: 503, count: 1 });
    const body = request({ templateId: world.demoTemplates!.msa });
    const before = (await clmContracts(world)).length;
    const failed = await callApi(world, 'POST', 'contracts', { token, body });
    expect(failed.status).toBe(503);
    expect(failed.headers.get('retry-after')).toBeTruthy();
    expect((await clmContracts(world)).length).toBe(before + 1);
    expect(await rowsWithKey(body.requestKey)).toHaveLength(0);

    const retry = await callApi(world, 'POST', 'contracts', { token, body });
    expect(retry.status).toBe(201);
    expect((await clmContracts(world)).length).toBe(before + 1);
    expect(await rowsWithKey(body.requestKey)).toEqual([expect.objectContaining({ dtclm_clmcontractid: retry.body.clmContractId })]);
  });
});

describe('twins on several instances', () => {
  it('make one CLM contract and one Dataverse row: the create-only write lets one win, the others read its row', async () => {
    const config = loadConfig({ ...process.env, ...connectorSettings(world.identity, world.dataverse, world.storage) });
    // Five app instances, each with its own clients and caches, as five Functions hosts would have.
    const instances = Array.from({ length: 5 }, () => {
      const app = createApp(config);
      return { deps: app.contracts, directory: app.auth.directory };
    });
    const user = (await instances[0].directory.find(demoUser('rep').objectId))!;
    const caller = { ...user, callerObjectId: user.objectId, roles: [...connectorRolesOf(user.roleNames)] };
    const body = { entity: 'opportunity' as const, recordId: SEED_IDS.opportunity, templateId: world.demoTemplates!.msa, requestKey: randomUUID() };
    const before = new Set((await clmContracts(world)).map((c) => c.id));
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => requestContract(body, caller, instances[i % 5].deps)));
    expect(results.filter((r) => r.created).length).toBe(1);
    expect(new Set(results.map((r) => r.contract.contractId)).size).toBe(1);
    expect((await clmContracts(world)).filter((c) => !before.has(c.id)).map((c) => c.id)).toEqual([results[0].contract.clmContractId]);
    expect(await rowsWithKey(body.requestKey)).toHaveLength(1);
  });
});

describe('who may call', () => {
  it('refuses norole and disabled (403) and reader (403: ReadOnly cannot request)', async () => {
    for (const user of ['norole', 'disabled', 'reader']) {
      const res = await callApi(world, 'POST', 'contracts', { token: await tokenOf(user), body: request() });
      expect([user, res.status]).toEqual([user, 403]);
      expect(res.body.detail).toMatch(/role|disabled/);
    }
  });

  it('lets teamrep request through the role of their team', async () => {
    expect((await callApi(world, 'POST', 'contracts', { token: await tokenOf('teamrep'), body: request() })).status).not.toBe(403);
  });

  it('answers restricted 404 on the opportunity they may not read, while Dataverse answers its access-check error', async () => {
    await sandboxControl(world.dataverse.url, 'DELETE', 'requests');
    const res = await callApi(world, 'POST', 'contracts', { token: await tokenOf('restricted'), body: request() });
    expect(res.status).toBe(404);
    // What Dataverse answered the connector's read of the opportunity as restricted: 403, not 404.
    const log = (await sandboxControl(world.dataverse.url, 'GET', 'requests')) as {
      method: string;
      url: string;
      callerObjectId: string | null;
      status: number;
    }[];
    const reads = log.filter(
      (e) => e.method === 'GET' && e.url.includes(`opportunities(${SEED_IDS.opportunity})`) && e.callerObjectId === demoUser('restricted').objectId,
    );
    expect(reads.map((e) => e.status)).toEqual([403]);
    // ... and that 403 is the access-check error (the emulator's own answer to the same read).
    const direct = await fetch(`${world.dataverse.apiUrl}/opportunities(${SEED_IDS.opportunity})?$select=name`, {
      headers: { Authorization: `Bearer ${await world.admin.token()}`, CallerObjectId: demoUser('restricted').objectId, Accept: 'application/json' },
    });
    expect([direct.status, ((await direct.json()) as { error: { code: string } }).error.code]).toEqual([403, '0x80048306']);
  });

  it('refuses expired, not yet valid, other audience, other issuer, foreign key and alg none tokens (401)', async () => {
    const rep = demoUser('rep');
    const claims = { aud: CONNECTOR_APP.clientId, oid: rep.objectId, scp: 'user_impersonation', tid: TENANT_ID };
    const exp = Math.floor(Date.now() / 1000) + 600;
    const bad = {
      expired: await world.identity.mintToken(claims, { expiresInSeconds: -3600 }),
      notYetValid: await world.identity.mintToken(claims, { notBeforeSeconds: 3600 }),
      otherAudience: await world.identity.mintToken({ ...claims, aud: world.dataverse.url }),
      otherIssuer: await world.identity.mintToken({ ...claims, iss: 'https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0' }),
      foreignKey: await signWithForeignKey({ ...claims, iss: world.identity.issuer, exp }, { kid: world.identity.currentKid() }),
      algNone: unsignedToken({ ...claims, iss: world.identity.issuer, exp }, { kid: world.identity.currentKid() }),
    };
    for (const [name, token] of Object.entries(bad)) {
      tokensUsed.push(token);
      const res = await callApi(world, 'POST', 'contracts', { token, body: request() });
      expect([name, res.status]).toEqual([name, 401]);
    }
    expect((await callApi(world, 'POST', 'contracts', { body: request() })).status).toBe(401);
  });
});

describe('validation and signature', () => {
  async function newContract(user = 'rep') {
    const res = await callApi(world, 'POST', 'contracts', { token: await tokenOf(user), body: request() });
    expect(res.status).toBe(201);
    return res.body as { contractId: string; clmContractId: string };
  }

  it('lists the flows in order and starts the second one (not only the first)', async () => {
    const c = await newContract();
    const token = await tokenOf('rep');
    const flows = await callApi(world, 'GET', `contracts/${c.contractId}/validation-flows`, { token });
    expect(flows.status).toBe(200);
    expect(flows.body.flows.map((f: { position: number }) => f.position)).toEqual([1, 2]);
    const second = flows.body.flows[1];
    const started = await callApi(world, 'POST', `contracts/${c.contractId}/validation`, { token, body: { flowId: second.id } });
    expect(started.status).toBe(202);
    expect(started.body).toEqual({ status: 'in_validation', flow: second });
    const row = await dataverseAsApp<ContractRowJson>(world, `dtclm_contracts(${c.contractId})?$select=dtclm_status,dtclm_sequence,dtclm_validationflow`);
    expect(row).toMatchObject({ dtclm_status: 718900001, dtclm_sequence: 2, dtclm_validationflow: second.name });
    const again = await callApi(world, 'POST', `contracts/${c.contractId}/validation`, { token, body: {} });
    expect(again.status).toBe(409);
  });

  it('lets signer send to sign with the signatories of the mapping, and refuses rep (403)', async () => {
    const c = await newContract('signer');
    expect((await callApi(world, 'POST', `contracts/${c.contractId}/signature`, { token: await tokenOf('rep'), body: {} })).status).toBe(403);
    const sent = await callApi(world, 'POST', `contracts/${c.contractId}/signature`, { token: await tokenOf('signer'), body: {} });
    expect(sent.status).toBe(202);
    expect(sent.body).toEqual({ status: 'sent_for_signature' });
    const clm = (await clmContracts(world)).find((x) => x.id === c.clmContractId)!;
    expect(clm.status).toBe('sent_for_signature');
    expect(clm.signatories?.[0].email).toBe('ada.lovelace@contoso.example');
  });

  it('shows Send to Sign who will sign (GET signatories): what a send without a list then sends; rep 403, unknown 404', async () => {
    const c = await newContract('signer');
    expect((await callApi(world, 'GET', `contracts/${c.contractId}/signatories`, { token: await tokenOf('rep') })).status).toBe(403);
    const shown = await callApi(world, 'GET', `contracts/${c.contractId}/signatories`, { token: await tokenOf('signer') });
    expect(shown.status).toBe(200);
    // The list kept with the contract at request time (issue 25): here the template's, so each says so.
    expect(shown.body.source).toBe('contract');
    expect(shown.body.origins).toEqual(shown.body.signatories.map(() => 'template'));
    expect(shown.body.errors).toEqual([]);
    expect(shown.body.signatories[0].email).toBe('ada.lovelace@contoso.example');
    // Nothing was sent by looking.
    expect((await clmContracts(world)).find((x) => x.id === c.clmContractId)!.status).toBe('draft');
    expect((await callApi(world, 'POST', `contracts/${c.contractId}/signature`, { token: await tokenOf('signer'), body: {} })).status).toBe(202);
    const sent = (await clmContracts(world)).find((x) => x.id === c.clmContractId)!.signatories;
    expect(sent?.map((s) => s.email)).toEqual(shown.body.signatories.map((s: { email: string }) => s.email));
    expect((await callApi(world, 'GET', `contracts/${randomUUID()}/signatories`, { token: await tokenOf('signer') })).status).toBe(404);
  });

  it('sends with the signatories of the body', async () => {
    const c = await newContract('signer');
    const signatories = [{ firstName: 'Grace', lastName: 'Hopper', email: 'grace@contoso.example', order: 1 }];
    expect((await callApi(world, 'POST', `contracts/${c.contractId}/signature`, { token: await tokenOf('signer'), body: { signatories } })).status).toBe(202);
    expect((await clmContracts(world)).find((x) => x.id === c.clmContractId)!.signatories?.map((s) => s.email)).toEqual(['grace@contoso.example']);
  });

  it('answers 404 for a contract the caller may not see', async () => {
    const c = await newContract('rep');
    expect((await callApi(world, 'GET', `contracts/${c.contractId}/validation-flows`, { token: await tokenOf('restricted') })).status).toBe(404);
  });
});

describe("the CLM's 422", () => {
  it('comes back as 422 with one error per field, in words, when the template changed in the CLM since it was synced', async () => {
    // The CLM adds a required field the Dataverse copy of the template does not know yet.
    const current = (await sandboxControl(world.clm!.apiBase, 'GET', 'contracts')) as unknown;
    expect(current).toBeDefined();
    await sandboxControl(world.clm!.apiBase, 'POST', 'templates', {
      id: 'tpl_quote_acceptance',
      fields: [
        { key: 'dt0_quote_number', label: 'Quote number', type: 'text', required: true, maxLength: 40 },
        { key: 'dt0_customer_name', label: 'Customer', type: 'text', required: true, maxLength: 160 },
        { key: 'dt0_quote_total', label: 'Quote total', type: 'money', required: true },
        { key: 'dt0_valid_until', label: 'Valid until', type: 'date', required: false },
        { key: 'dt0_po_number', label: 'Purchase order number', type: 'text', required: true },
      ],
    });
    const body = request({ entity: 'quote', recordId: SEED_IDS.quote, templateId: world.demoTemplates!.quoteAcceptance });
    const res = await callApi(world, 'POST', 'contracts', { token: await tokenOf('rep'), body });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([{ field: 'dt0_po_number', message: expect.stringContaining('sync the templates') }]);
    expect(await rowsWithKey(body.requestKey)).toHaveLength(0);
  });
});

describe('logs', () => {
  it('carry no token or secret used during this suite', () => {
    expect(logLines.length).toBeGreaterThan(0);
    const secrets = [...tokensUsed, CONNECTOR_APP.clientSecret, world.environmentVariables.dtclm_token_at, world.environmentVariables.dtclm_token_rt].filter(
      (s): s is string => Boolean(s),
    );
    for (const line of logLines) for (const s of secrets) expect(line.includes(s)).toBe(false);
    expect(logLines.some((l) => /whsec_/.test(l))).toBe(false);
    expect(logLines.some((l) => /eyJ[A-Za-z0-9_-]{10,}\./.test(l))).toBe(false);
  });
});
