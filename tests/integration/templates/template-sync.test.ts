/**
 * Issue 11, template sync against the sandboxes: the real functions (dev host) started by the
 * admin's POST, the worker fed by Azurite's queue, rows read back from the Dataverse emulator and
 * writes counted in its request log (never from the run's own answer).
 */
import { SEED_IDS } from '../../../sandbox/dataverse/seed/ids';
import { startWorld, type World } from '../../../sandbox/world';
import { callApi, sandboxControl, userToken } from '../contracts/helpers';
import { clearDataverseLog, dataverseLog, HeldQueue, instance, MAPPING_STATE, rowOf, syncAndWait, templateRows, templateWrites, waitRun } from './helpers';

let world: World;
const clm = (method: string, path: string, body?: unknown) => sandboxControl(world.clm!.apiBase, method, path, body);

beforeAll(async () => {
  world = await startWorld({ functionsLogHandler: () => undefined });
}, 120_000);
afterAll(async () => {
  await world?.close();
});

const text = (label: string, key: string, required = false) => ({ key, label, type: 'text', required, maxLength: 200 });

describe('template sync', () => {
  it('first sync (npm start did it through the API): a row per CLM template, the archived one inactive, demo mappings Fit', async () => {
    const runs = await callApi(world, 'GET', 'admin/runs?kind=templates', { token: await userToken(world, 'admin') });
    expect(runs.status).toBe(200);
    const first = runs.body.runs[runs.body.runs.length - 1];
    expect(first).toMatchObject({ kind: 'templates', state: 'succeeded', counts: { created: 4, updated: 0, deactivated: 0, unchanged: 0 } });
    const rows = await templateRows(world);
    expect(rows.map((r) => r.dtclm_clmtemplateid).sort()).toEqual([
      'tpl_master_services_agreement',
      'tpl_nda',
      'tpl_nda_2019_archived',
      'tpl_quote_acceptance',
    ]);
    const archived = rows.find((r) => r.dtclm_clmtemplateid === 'tpl_nda_2019_archived')!;
    expect(archived).toMatchObject({ statecode: 1, statuscode: 2, dtclm_mappingstate: MAPPING_STATE.none });
    const nda = rows.find((r) => r.dtclm_clmtemplateid === 'tpl_nda')!;
    expect(nda).toMatchObject({ statecode: 0, dtclm_mappingstate: MAPPING_STATE.fits, dtclm_triggerentity: 'opportunity', dtclm_clmversion: 1 });
    expect(JSON.parse(nda.dtclm_fields).map((f: { key: string }) => f.key)).toContain('dt0_counterparty_name');
  });

  it('an unchanged re-sync writes nothing to Dataverse, incremental or full', async () => {
    await clearDataverseLog(world);
    const incremental = await syncAndWait(world);
    const full = await syncAndWait(world, { full: true });
    expect(templateWrites(await dataverseLog(world))).toEqual([]);
    expect(incremental.state).toBe('succeeded');
    expect(full).toMatchObject({ state: 'succeeded', counts: { created: 0, updated: 0, deactivated: 0, unchanged: 4 } });
  });

  it('a changed template: its row follows (name, version, fields), the admin mapping is kept', async () => {
    const before = (await rowOf(world, 'tpl_quote_acceptance'))!;
    await clm('POST', 'templates', { id: 'tpl_quote_acceptance', name: 'Quote Acceptance (2026)' });
    await clearDataverseLog(world);
    const run = await syncAndWait(world);
    const after = (await rowOf(world, 'tpl_quote_acceptance'))!;
    expect(run.counts).toMatchObject({ updated: 1, created: 0 });
    expect(after).toMatchObject({
      dtclm_templateid: before.dtclm_templateid,
      dtclm_name: 'Quote Acceptance (2026)',
      dtclm_clmversion: before.dtclm_clmversion + 1,
    });
    expect(after.dtclm_mapping).toBe(before.dtclm_mapping);
    expect(after.dtclm_mappingstate).toBe(MAPPING_STATE.fits);
    expect(templateWrites(await dataverseLog(world))).toHaveLength(1); // one $batch
  });

  it('archived in the CLM: deactivated (statecode Inactive), never deleted', async () => {
    await clm('POST', 'templates', { id: 'tpl_to_archive', name: 'Consulting', fields: [text('Client', 'dt0_client', true)] });
    expect((await syncAndWait(world)).counts.created).toBe(1);
    await clm('POST', 'templates/tpl_to_archive/archive');
    const run = await syncAndWait(world);
    expect(run.counts).toMatchObject({ deactivated: 1 });
    expect(await rowOf(world, 'tpl_to_archive')).toMatchObject({ statecode: 1, statuscode: 2 });
  });

  it('deleted from the CLM: kept by an incremental sync, deactivated by a full pass; back again: reactivated', async () => {
    await clm('POST', 'templates', { id: 'tpl_gone', name: 'Gone', fields: [text('Client', 'dt0_client', true)] });
    await syncAndWait(world);
    const row = (await rowOf(world, 'tpl_gone'))!;
    await clm('DELETE', 'templates/tpl_gone');
    expect((await syncAndWait(world)).counts.deactivated).toBe(0);
    expect((await rowOf(world, 'tpl_gone'))!.statecode).toBe(0);
    const full = await syncAndWait(world, { full: true });
    expect(full.counts.deactivated).toBe(1);
    expect(await rowOf(world, 'tpl_gone')).toMatchObject({ dtclm_templateid: row.dtclm_templateid, statecode: 1 });
    // It comes back (same id, a new version): the same row, active again.
    await clm('POST', 'templates', { id: 'tpl_gone', name: 'Gone and back', fields: [text('Client', 'dt0_client', true)] });
    const back = await syncAndWait(world);
    expect(back.counts).toMatchObject({ reactivated: 1, updated: 1, created: 0 });
    expect(await rowOf(world, 'tpl_gone')).toMatchObject({ dtclm_templateid: row.dtclm_templateid, statecode: 0, dtclm_name: 'Gone and back' });
  });

  it('CLM ids holding characters Dataverse refuses in key URLs are created and found again with $filter, never doubled', async () => {
    const odd = 'tpl/odd:1+2&x?*%';
    await clm('POST', 'templates', { id: odd, name: 'Odd id', fields: [text('Client', 'dt0_client')] });
    expect((await syncAndWait(world)).counts.created).toBe(1);
    await clm('POST', 'templates', { id: odd, name: 'Odd id v2' });
    const run = await syncAndWait(world, { full: true });
    expect(run.counts).toMatchObject({ created: 0, updated: 1 });
    const rows = (await templateRows(world)).filter((r) => r.dtclm_clmtemplateid === odd);
    expect(rows).toHaveLength(1);
    expect(rows[0].dtclm_name).toBe('Odd id v2');
  });
});

describe('mapping drift', () => {
  const fields = [text('Client', 'dt0_client', true), { key: 'dt0_signed_on', label: 'Signed on', type: 'date', required: false }, text('Notes', 'dt0_notes')];
  const mapping = { trigger_entity: 'opportunity', fields: { dt0_client: 'name', dt0_signed_on: 'estimatedclosedate', dt0_notes: 'description' } };
  let rowId: string;

  beforeAll(async () => {
    await clm('POST', 'templates', { id: 'tpl_drift', name: 'Drift', fields });
    await syncAndWait(world);
    const row = (await rowOf(world, 'tpl_drift'))!;
    rowId = row.dtclm_templateid;
    const saved = await callApi(world, 'PUT', `admin/templates/${rowId}/mapping`, { token: await userToken(world, 'admin'), body: { mapping } });
    // No If-Match: refused, so a concurrent edit cannot be lost.
    expect(saved.status).toBe(400);
    const ok = await fetch(`${world.functions.url}/admin/templates/${rowId}/mapping`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${await userToken(world, 'admin')}`, 'Content-Type': 'application/json', 'If-Match': row['@odata.etag'] },
      body: JSON.stringify({ mapping }),
    });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { state: string }).state).toBe('fits');
  });

  async function drift(newFields: unknown[]) {
    await clm('POST', 'templates', { id: 'tpl_drift', fields: newFields });
    const run = await syncAndWait(world);
    return { run, row: (await rowOf(world, 'tpl_drift'))! };
  }

  it.each([
    [
      'a required field added and not mapped',
      [...fields, text('Jurisdiction', 'dt0_jurisdiction', true)],
      '$.fields.dt0_jurisdiction',
      /Jurisdiction .*required/,
    ],
    ['a mapped field removed', fields.filter((f) => f.key !== 'dt0_notes'), '$.fields.dt0_notes', /no field "dt0_notes"/],
    [
      'a type changed so the source no longer converts',
      fields.map((f) => (f.key === 'dt0_signed_on' ? { ...f, type: 'boolean' } : f)),
      '$.fields.dt0_signed_on',
      /./,
    ],
  ])('%s: the row says Broken with the JSON path, the health check lists it, a request is 409', async (_name, newFields, path, words) => {
    const { run, row } = await drift(newFields);
    expect(run.counts.flagged).toBe(1);
    expect(row.dtclm_mappingstate).toBe(MAPPING_STATE.broken);
    expect(row.dtclm_mapping).toBe(JSON.stringify(mapping, null, 2)); // never overwritten
    const line = row.dtclm_mappingerrors!.split('\n').find((l) => l.startsWith(`${path}:`));
    expect(line).toMatch(words);

    const health = await callApi(world, 'GET', 'admin/health', { token: await userToken(world, 'admin') });
    const check = health.body.checks.find((c: { name: string }) => c.name === 'Template mappings');
    expect(check).toMatchObject({ ok: false });
    expect(check.detail).toContain('Drift');

    const rep = await userToken(world, 'rep');
    const body = { entity: 'opportunity', recordId: SEED_IDS.opportunity, templateId: rowId };
    const request = await callApi(world, 'POST', 'contracts', { token: rep, body: { ...body, requestKey: crypto.randomUUID() } });
    expect(request.status).toBe(409);
    expect(request.body.detail).toMatch(/ask your connector administrator/);
    expect((await callApi(world, 'POST', 'contracts/preview', { token: rep, body })).status).toBe(409);

    // Put back as it was: Fits again, and health is clean.
    const fixed = await drift(fields);
    expect(fixed.row.dtclm_mappingstate).toBe(MAPPING_STATE.fits);
    expect(fixed.row.dtclm_mappingerrors).toBeNull();
  });
});

describe('faults in the middle of a run', () => {
  it('a Dataverse 429 storm and a CLM 500 mid-run: the run finishes, nothing lost, nothing doubled', async () => {
    await clm('POST', 'templates/generate', { count: 450 });
    const queue = new HeldQueue();
    let pages = 0;
    const app = instance(world, {
      runs: { queue },
      dataverse: { retry: { baseDelayMs: 10, maxDelayMs: 50 } },
      clm: { retry: { baseDelayMs: 10, maxDelayMs: 50 } },
      templateSync: {
        pageSize: 100,
        clm: {
          // The real CLM client; after the second page, faults are armed in both sandboxes.
          page: async (q: { cursor?: string; updatedSince?: string; limit: number }) => {
            const page = await app.clm.client.listTemplates({ ...q, status: 'all' });
            if (++pages === 2) {
              await clm('POST', 'faults', { status: 500, count: 1, pathPrefix: '/templates' });
              await fetch(`${world.dataverse.url}/_sandbox/faults`, { method: 'POST', body: JSON.stringify({ status: 429, count: 6, retryAfter: 1 }) });
            }
            return page;
          },
        },
      },
    });
    const { run } = await app.runs.start('templates', { full: true }, 'api');
    await clearDataverseLog(world);
    await app.runs.work(queue.messages[0], 'test-invocation');
    const done = await waitRun(world, run.runId);
    expect(done.state).toBe('succeeded');
    expect(done.counts).toMatchObject({ created: 450, failed: 0 });
    const log = await dataverseLog(world);
    // 6 in a row: more than one request's retries (4 attempts), so the batch writer's own wait-and-resend runs too.
    expect(log.filter((e) => e.status === 429)).toHaveLength(6);
    const stats = (await clm('GET', 'stats')) as { faultsServed: Record<string, number> };
    expect(stats.faultsServed['500']).toBe(1);
    const rows = await templateRows(world);
    const ids = rows.map((r) => r.dtclm_clmtemplateid);
    expect(new Set(ids).size).toBe(ids.length); // no twin
    expect(rows.filter((r) => r.dtclm_name.startsWith('Synthetic template'))).toHaveLength(450);
  }, 120_000);
});
