/**
 * Issue 27 end to end, through the real functions in the sandbox world: what the CLM decided comes
 * back into Dynamics. Writes are counted in the Dataverse emulator's request log.
 *
 * - mapping.md `returns`: legal changes the amount in the CLM (a sandbox control); when the contract
 *   is signed the opportunity holds that amount, and the contract its end date;
 * - the renewal task: a contract ending in 100 days with `renewalNoticeDays` 90 gets its task on day
 *   10 of a simulated clock, and only one, across daily runs, two instances and a cleared mark;
 * - `dtclm_outcome_settings` `win`: the opportunity is won once (one WinOpportunity), even when the
 *   Signed event is delivered three times; an opportunity already closed as lost is recorded on the
 *   contract and in its history, and not tried again.
 */
import { randomUUID } from 'node:crypto';
import { DEMO_MAPPINGS } from '../../../sandbox/demo-templates';
import { SEED_IDS } from '../../../sandbox/dataverse/seed/ids';
import { demoUser } from '../../../sandbox/seed/identities';
import { connectorSettings, startWorld, type World } from '../../../sandbox/world';
import { createApp } from '../../../functions/src/app/composition-root';
import { loadConfig } from '../../../functions/src/config';
import type { RequestLogEntry } from '../../../sandbox/dataverse';
import { demoUserToken } from '../../../sandbox/identity';
import { callApi, dataverseAsApp, sandboxControl, userToken } from '../contracts/helpers';

/** A Dataverse token of a demo user (Dynamics' own audience), for what people do in Dynamics itself. */
const dynamicsToken = (user: string) => demoUserToken(world.identity.tokenEndpoint, user, `${world.dataverse.url}/.default`);

let world: World;
const logLines: string[] = [];

const MSA_WITH_RETURNS = {
  ...DEMO_MAPPINGS.tpl_master_services_agreement.mapping,
  returns: { when: 'signed', fields: { estimatedvalue: 'dt0_total_amount' }, endDate: 'dt0_end_date', renewalNoticeDays: 90 },
};

beforeAll(async () => {
  world = await startWorld({ registerWebhook: true, functionsLogHandler: (_level, ...args) => logLines.push(args.map(String).join(' ')) });
  await sandboxControl(world.clm!.apiBase, 'PUT', 'delivery', { mode: 'normal', speedup: 200 });
  const token = await world.admin.token();
  const res = await fetch(`${world.dataverse.apiUrl}/dtclm_templates(${world.demoTemplates!.msa})`, {
    method: 'PATCH',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ dtclm_mapping: JSON.stringify(MSA_WITH_RETURNS) }),
  });
  expect(res.status).toBe(204);
  await world.admin.setEnvironmentVariable('dtclm_outcome_settings', JSON.stringify({ opportunity: { signed: 'win' } }));
}, 180_000);
afterAll(async () => {
  await world?.close();
});

async function requests(): Promise<RequestLogEntry[]> {
  const answer = (await (await fetch(`${world.dataverse.url}/_sandbox/requests`)).json()) as RequestLogEntry[] | { value: RequestLogEntry[] };
  return Array.isArray(answer) ? answer : answer.value;
}
const writesTo = (log: RequestLogEntry[], method: string, path: string) =>
  log.filter((r) => r.method === method && r.url.split('?')[0].endsWith(path) && r.status < 300);

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

interface ContractRow {
  dtclm_status: number;
  dtclm_enddate: string | null;
  dtclm_lasterror: string | null;
  dtclm_dtclm_contract_dtclm_contractevent: { dtclm_name: string; dtclm_payload: string }[];
}
const SIGNED = 718900005;

async function contractRow(id: string): Promise<ContractRow> {
  return dataverseAsApp<ContractRow>(
    world,
    `dtclm_contracts(${id})?$select=dtclm_status,dtclm_enddate,dtclm_lasterror&$expand=dtclm_dtclm_contract_dtclm_contractevent($select=dtclm_name,dtclm_payload)`,
  );
}

/** The rep requests an MSA from the opportunity: the contract row id and its CLM id. */
async function requestMsa(opportunityId: string): Promise<{ contractId: string; clmContractId: string }> {
  const res = await callApi(world, 'POST', 'contracts', {
    token: await userToken(world, 'rep'),
    body: { entity: 'opportunity', recordId: opportunityId, templateId: world.demoTemplates!.msa, requestKey: randomUUID() },
  });
  expect(res.status).toBe(201);
  return { contractId: res.body.contractId, clmContractId: res.body.clmContractId };
}

async function signedEventId(clmContractId: string): Promise<string> {
  const deliveries = (await sandboxControl(world.clm!.apiBase, 'GET', 'deliveries')) as {
    eventId: string;
    contractId: string;
    status: string;
    state: string;
  }[];
  return deliveries.find((d) => d.contractId === clmContractId && d.status === 'signed' && d.state === 'delivered')!.eventId;
}

const duplicatesLogged = () => logLines.filter((l) => l.includes('Status event: duplicate')).length;

describe('a contract whose amount legal changed in the CLM, with `win`', () => {
  it('ends with that amount on the opportunity and its end date on the contract, the opportunity won once though Signed came three times', async () => {
    const { contractId, clmContractId } = await requestMsa(SEED_IDS.opportunity);
    await sandboxControl(world.clm!.apiBase, 'PATCH', `contracts/${clmContractId}/fields`, {
      fields: { dt0_total_amount: { amount: 98765.5, currency: 'EUR' }, dt0_end_date: '2027-06-30' },
    });
    await fetch(`${world.dataverse.url}/_sandbox/requests`, { method: 'DELETE' });
    await sandboxControl(world.clm!.apiBase, 'POST', `contracts/${clmContractId}/transition`, { to: 'signed' });
    const row = await until('the contract signed and its opportunity won', async () => {
      const r = await contractRow(contractId);
      return r.dtclm_status === SIGNED && r.dtclm_dtclm_contract_dtclm_contractevent.some((e) => e.dtclm_name.startsWith('Opportunity won')) ? r : undefined;
    });
    expect(row.dtclm_enddate?.slice(0, 10)).toBe('2027-06-30');
    expect(row.dtclm_lasterror ?? null).toBeNull();

    // Signed delivered twice more: the same webhook-id, deduplicated, so nothing is won again.
    const eventId = await signedEventId(clmContractId);
    const before = duplicatesLogged();
    for (let i = 0; i < 2; i++) await sandboxControl(world.clm!.apiBase, 'POST', `deliveries/${encodeURIComponent(eventId)}/redeliver`);
    await until('both redeliveries processed', async () => (duplicatesLogged() >= before + 2 ? true : undefined));

    const opp = await dataverseAsApp<{ estimatedvalue: number; statecode: number; statuscode: number }>(
      world,
      `opportunities(${SEED_IDS.opportunity})?$select=estimatedvalue,statecode,statuscode`,
    );
    expect(opp).toMatchObject({ estimatedvalue: 98765.5, statecode: 1, statuscode: 3 });
    const log = await requests();
    expect(writesTo(log, 'PATCH', `opportunities(${SEED_IDS.opportunity})`)).toHaveLength(1);
    expect(writesTo(log, 'POST', 'WinOpportunity')).toHaveLength(1);
    const closes = await dataverseAsApp<{ value: { subject: string }[] }>(
      world,
      `opportunitycloses?$filter=_opportunityid_value eq ${SEED_IDS.opportunity}&$select=subject`,
    );
    expect(closes.value).toEqual([expect.objectContaining({ subject: expect.stringContaining('MSA - ') })]);
  }, 120_000);
});

/** Another deal of the seed customer owned by the rep, with what the MSA mapping reads. */
async function newOpportunity(name: string): Promise<string> {
  const opportunityId = randomUUID();
  const created = await fetch(`${world.dataverse.apiUrl}/opportunities`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${await dynamicsToken('admin')}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({
      opportunityid: opportunityId,
      name,
      totalamount: 1000,
      estimatedclosedate: '2026-09-30',
      'parentaccountid@odata.bind': `/accounts(${SEED_IDS.account})`,
      'parentcontactid@odata.bind': `/contacts(${SEED_IDS.contact})`,
      'ownerid@odata.bind': `/systemusers(${demoUser('rep').systemUserId})`,
    }),
  });
  expect(created.status).toBe(204);
  return opportunityId;
}

describe('an opportunity that cannot be won', () => {
  it('is recorded with the reason on the contract and in its history, and not tried again', async () => {
    const opportunityId = await newOpportunity('Second rollout');
    const { contractId, clmContractId } = await requestMsa(opportunityId);
    // The rep closes it as lost in Dynamics before the contract is signed.
    const lost = await fetch(`${world.dataverse.apiUrl}/LoseOpportunity`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${await dynamicsToken('rep')}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        Status: 5,
        OpportunityClose: { subject: 'Lost to a competitor', 'opportunityid@odata.bind': `/opportunities(${opportunityId})` },
      }),
    });
    expect(lost.status).toBe(204);
    await fetch(`${world.dataverse.url}/_sandbox/requests`, { method: 'DELETE' });

    await sandboxControl(world.clm!.apiBase, 'POST', `contracts/${clmContractId}/transition`, { to: 'signed' });
    const row = await until('the contract signed with its outcome recorded', async () => {
      const r = await contractRow(contractId);
      return r.dtclm_status === SIGNED && r.dtclm_dtclm_contract_dtclm_contractevent.some((e) => e.dtclm_name.startsWith('Opportunity not won'))
        ? r
        : undefined;
    });
    expect(row.dtclm_lasterror).toMatch(/not closed as won: the opportunity is closed/);
    const event = row.dtclm_dtclm_contract_dtclm_contractevent.find((e) => e.dtclm_name.startsWith('Opportunity not won'))!;
    expect(JSON.parse(event.dtclm_payload)).toMatchObject({ action: 'win', won: false, reason: expect.stringMatching(/closed/) });

    const eventId = await signedEventId(clmContractId);
    const before = duplicatesLogged();
    await sandboxControl(world.clm!.apiBase, 'POST', `deliveries/${encodeURIComponent(eventId)}/redeliver`);
    await until('the redelivery processed', async () => (duplicatesLogged() >= before + 1 ? true : undefined));
    // A reconcile-style refresh of the contract does not try again either.
    expect((await callApi(world, 'POST', `contracts/${contractId}/refresh`, { token: await userToken(world, 'rep') })).status).toBe(200);
    const log = await requests();
    // Not even tried: no WinOpportunity at all, refused or not.
    expect(log.filter((r) => r.method === 'POST' && r.url.split('?')[0].endsWith('WinOpportunity'))).toHaveLength(0);
    const events = (await contractRow(contractId)).dtclm_dtclm_contract_dtclm_contractevent.filter((e) => e.dtclm_name.startsWith('Opportunity not won'));
    expect(events).toHaveLength(1);
    const opp = await dataverseAsApp<{ statecode: number }>(world, `opportunities(${opportunityId})?$select=statecode`);
    expect(opp.statecode).toBe(2);
  }, 120_000);
});

describe('the renewal task (returns.renewalNoticeDays), on a simulated clock', () => {
  const DAY_MS = 24 * 60 * 60 * 1000;
  const day0 = new Date('2030-01-01T07:00:00Z');
  const onDay = (n: number) => new Date(day0.getTime() + n * DAY_MS);

  it('a contract ending in 100 days with 90 days of notice gets its task on day 10, and only one', async () => {
    const opportunityId = await newOpportunity('Renewal deal');
    const { contractId, clmContractId } = await requestMsa(opportunityId);
    const endDate = onDay(100).toISOString().slice(0, 10); // 2030-04-11
    await sandboxControl(world.clm!.apiBase, 'PATCH', `contracts/${clmContractId}/fields`, { fields: { dt0_end_date: endDate } });
    await sandboxControl(world.clm!.apiBase, 'POST', `contracts/${clmContractId}/transition`, { to: 'signed' });
    await until('the contract signed with its end date', async () => {
      const r = await contractRow(contractId);
      return r.dtclm_status === SIGNED && r.dtclm_enddate ? r : undefined;
    });

    // Two instances of the app (a take-over: both run the timer), the production wiring with a given clock.
    const config = loadConfig({ ...process.env, ...connectorSettings(world.identity, world.dataverse, world.storage) });
    const [one, two] = [createApp(config), createApp(config)];
    // Day 0 first: the contracts of the tests above (ending in 2027) are long due and get theirs now,
    // so the writes counted below are this contract's alone.
    await one.webhooks.renewalTasks!(onDay(0));
    await fetch(`${world.dataverse.url}/_sandbox/requests`, { method: 'DELETE' });
    const tasksOf = async () =>
      (
        await dataverseAsApp<{ value: { subject: string; scheduledend: string; _ownerid_value: string; _regardingobjectid_value: string }[] }>(
          world,
          `tasks?$filter=_regardingobjectid_value eq ${opportunityId}&$select=subject,scheduledend,_ownerid_value,_regardingobjectid_value`,
        )
      ).value;
    const firstSeen: number[] = [];
    for (let day = 0; day <= 12; day++) {
      await Promise.all([one.webhooks.renewalTasks!(onDay(day)), two.webhooks.renewalTasks!(onDay(day))]);
      if ((await tasksOf()).length && !firstSeen.length) firstSeen.push(day);
    }
    expect(firstSeen).toEqual([10]);
    // A cleared mark (a re-sync, an admin's edit): the next run finds the task already there.
    const cleared = await fetch(`${world.dataverse.apiUrl}/dtclm_contracts(${contractId})`, {
      method: 'PATCH',
      headers: { Authorization: `Bearer ${await world.admin.token()}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ dtclm_renewaltaskon: null }),
    });
    expect(cleared.status).toBe(204);
    await one.webhooks.renewalTasks!(onDay(13));

    const tasks = await tasksOf();
    expect(tasks).toEqual([
      expect.objectContaining({
        subject: expect.stringMatching(/^Renew: MSA - /),
        scheduledend: expect.stringMatching(/^2030-01-11/),
        _ownerid_value: demoUser('rep').systemUserId,
        _regardingobjectid_value: opportunityId,
      }),
    ]);
    expect(writesTo(await requests(), 'POST', 'tasks')).toHaveLength(1);
    const row = await dataverseAsApp<{ dtclm_renewaltaskon: string | null }>(world, `dtclm_contracts(${contractId})?$select=dtclm_renewaltaskon`);
    expect(row.dtclm_renewaltaskon).toEqual(expect.stringMatching(/^2030-01-14/));
  }, 120_000);
});

describe('the draft before sending (GET /api/contracts/{id}/documents[/{documentId}])', () => {
  async function getDocument(contractId: string, documentId: string, user = 'rep') {
    return fetch(`${world.functions.url}/contracts/${contractId}/documents/${encodeURIComponent(documentId)}`, {
      headers: { Authorization: `Bearer ${await userToken(world, user)}` },
    });
  }

  it('lists the draft while the contract is a draft and serves it as a PDF, inline, named as the CLM names it; the signed PDF once signed', async () => {
    const opportunityId = await newOpportunity('Draft reading deal');
    const { contractId, clmContractId } = await requestMsa(opportunityId);
    const list = await callApi(world, 'GET', `contracts/${contractId}/documents`, { token: await userToken(world, 'rep') });
    expect(list.status).toBe(200);
    expect(list.body.documents).toEqual([
      expect.objectContaining({ kind: 'draft', contentType: 'application/pdf', name: expect.stringMatching(/\(draft\)\.pdf$/) }),
    ]);
    const draft = list.body.documents[0];

    const res = await getDocument(contractId, draft.id);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    // RFC 8187 ext-value: ( ) ' * are not attr-char, so percent-encoded too (encodeURIComponent leaves them).
    const encoded = /filename\*=UTF-8''([^;]+)/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? '';
    expect(encoded).toMatch(/^[A-Za-z0-9!#$&+\-.^_`|~%]+$/);
    expect(decodeURIComponent(encoded)).toBe(draft.name);
    expect(res.headers.get('content-disposition')).toMatch(/^inline;/);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(bytes.length).toBe(draft.size);

    // Someone who cannot read the contract row, and a document of no such id: 404.
    expect((await getDocument(contractId, draft.id, 'restricted')).status).toBe(404);
    expect((await getDocument(contractId, 'doc_nope')).status).toBe(404);

    await sandboxControl(world.clm!.apiBase, 'POST', `contracts/${clmContractId}/transition`, { to: 'signed' });
    const signed = await until('the signed PDF listed', async () => {
      const l = await callApi(world, 'GET', `contracts/${contractId}/documents`, { token: await userToken(world, 'rep') });
      return l.body.documents?.[0]?.kind === 'signed' ? l.body.documents : undefined;
    });
    expect(signed).toEqual([expect.objectContaining({ kind: 'signed', name: expect.stringMatching(/\(signed\)\.pdf$/) })]);
  }, 120_000);
});

describe("the admin's preview shows what would come back", () => {
  it('lists each returned column with the CLM field it takes and its value today', async () => {
    const res = await callApi(world, 'POST', 'admin/mappings/preview', {
      token: await userToken(world, 'admin'),
      body: { templateId: world.demoTemplates!.msa, mapping: MSA_WITH_RETURNS, entity: 'opportunity', recordId: SEED_IDS.opportunity },
    });
    expect(res.status).toBe(200);
    expect(res.body.returns).toEqual({
      when: 'signed',
      columns: [
        { column: 'estimatedvalue', fieldKey: 'dt0_total_amount', label: 'Total amount', display: expect.any(String) },
        { column: 'dtclm_enddate', fieldKey: 'dt0_end_date', label: 'End date', display: '' },
      ],
    });
    expect(res.body.returns.columns[0].display).not.toBe('');
  }, 60_000);
});
