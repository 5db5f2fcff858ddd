/**
 * The admin mapping routes and the salesperson's preview (connector-api.md), over HTTP with each
 * demo user's token: who may call what, the caller's own rights on the record (CallerObjectId),
 * the ETag guard of a save, and what a save leaves on the row (read back from the emulator).
 */
import { SEED_IDS } from '../../../sandbox/dataverse/seed/ids';
import { DEMO_MAPPINGS } from '../../../sandbox/demo-templates';
import { startWorld, type World } from '../../../sandbox/world';
import { callApi, userToken } from '../contracts/helpers';
import { MAPPING_STATE, rowOf } from './helpers';

let world: World;

beforeAll(async () => {
  world = await startWorld({ functionsLogHandler: () => undefined });
}, 120_000);
afterAll(async () => {
  await world?.close();
});

const ndaMapping = DEMO_MAPPINGS.tpl_nda.mapping;

async function put(templateId: string, body: unknown, ifMatch?: string, user = 'admin') {
  const res = await fetch(`${world.functions.url}/admin/templates/${templateId}/mapping`, {
    method: 'PUT',
    headers: { Authorization: `Bearer ${await userToken(world, user)}`, 'Content-Type': 'application/json', ...(ifMatch ? { 'If-Match': ifMatch } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, etag: res.headers.get('etag'), body: (await res.json()) as Record<string, any> };
}

describe('who may call', () => {
  it('admin routes are Admin only; the preview is for User (and above), not ReadOnly nor users without a role', async () => {
    const nda = world.demoTemplates!.nda;
    const preview = { entity: 'opportunity', recordId: SEED_IDS.opportunity, templateId: nda };
    const expected: Record<string, { admin: number; preview: number }> = {
      admin: { admin: 200, preview: 200 },
      rep: { admin: 403, preview: 200 },
      signer: { admin: 403, preview: 200 },
      teamrep: { admin: 403, preview: 200 },
      reader: { admin: 403, preview: 403 },
      norole: { admin: 403, preview: 403 },
      disabled: { admin: 403, preview: 403 },
    };
    for (const [user, want] of Object.entries(expected)) {
      const token = await userToken(world, user);
      const validate = await callApi(world, 'POST', 'admin/mappings/validate', { token, body: { templateId: nda, mapping: ndaMapping } });
      const adminPreview = await callApi(world, 'POST', 'admin/mappings/preview', { token, body: preview });
      const rep = await callApi(world, 'POST', 'contracts/preview', { token, body: preview });
      expect([user, validate.status, adminPreview.status, rep.status]).toEqual([user, want.admin, want.admin, want.preview]);
    }
    expect((await callApi(world, 'POST', 'contracts/preview', { body: preview })).status).toBe(401);
    expect((await put(nda, { mapping: ndaMapping }, 'W/"1"', 'rep')).status).toBe(403);
  });
});

describe('POST /api/contracts/preview (the salesperson)', () => {
  it('shows every template field with its label, value, display in the rep’s own language, and source; sends nothing to the CLM', async () => {
    const clmBefore = ((await (await fetch(`${world.clm!.apiBase}/_sandbox/stats`)).json()) as { requests: number }).requests;
    const res = await callApi(world, 'POST', 'contracts/preview', {
      token: await userToken(world, 'rep'),
      body: { entity: 'opportunity', recordId: SEED_IDS.opportunity, templateId: world.demoTemplates!.nda },
    });
    expect(res.status).toBe(200);
    expect(res.body.name).toBe('NDA - Contoso Ltd');
    const byKey = Object.fromEntries(res.body.fields.map((f: { key: string }) => [f.key, f]));
    expect(byKey.dt0_counterparty_name).toMatchObject({
      label: 'Counterparty name',
      type: 'text',
      required: true,
      value: 'Contoso Ltd',
      display: 'Contoso Ltd',
      source: 'parentaccountid.name',
    });
    expect(byKey.dt0_nda_type).toMatchObject({ value: 'mutual', display: 'Mutual', source: 'constant' });
    // The rep reads French (localeid 1036): a date as a French reader reads it.
    expect(byKey.dt0_effective_date.display).toMatch(/\d{1,2} [a-zéû.]+ \d{4}/);
    expect(res.body.signatories.length).toBeGreaterThan(0);
    expect(res.body.errors).toEqual([]);
    const clmAfter = ((await (await fetch(`${world.clm!.apiBase}/_sandbox/stats`)).json()) as { requests: number }).requests;
    expect(clmAfter).toBe(clmBefore);
  });

  it('is 404 for a record the caller cannot see (restricted reads only their own opportunities) and for an unknown template', async () => {
    const body = { entity: 'opportunity', recordId: SEED_IDS.opportunity, templateId: world.demoTemplates!.nda };
    expect((await callApi(world, 'POST', 'contracts/preview', { token: await userToken(world, 'restricted'), body })).status).toBe(404);
    const unknown = await callApi(world, 'POST', 'contracts/preview', {
      token: await userToken(world, 'rep'),
      body: { ...body, templateId: '00000000-0000-4000-8000-0000000000aa' },
    });
    expect(unknown.status).toBe(404);
    expect((await callApi(world, 'POST', 'contracts/preview', { token: await userToken(world, 'rep'), body: { ...body, entity: 'quote' } })).status).toBe(409);
  });
});

describe('the admin mapping routes', () => {
  it('validate: every problem with its JSON path; warnings for optional fields left empty', async () => {
    const broken = { ...ndaMapping, fields: { ...(ndaMapping.fields as object), dt0_nope: 'name', dt0_purpose: 'nosuchcolumn' } };
    const res = await callApi(world, 'POST', 'admin/mappings/validate', {
      token: await userToken(world, 'admin'),
      body: { templateId: world.demoTemplates!.nda, mapping: broken },
    });
    expect(res.status).toBe(200);
    const paths = res.body.errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['$.fields.dt0_nope', '$.fields.dt0_purpose']));
    const fine = await callApi(world, 'POST', 'admin/mappings/validate', {
      token: await userToken(world, 'admin'),
      body: {
        templateId: world.demoTemplates!.nda,
        mapping: {
          trigger_entity: 'opportunity',
          fields: { dt0_counterparty_name: 'name', dt0_effective_date: 'estimatedclosedate' },
          constants: { dt0_nda_type: 'mutual' },
        },
      },
    });
    expect(fine.body.errors).toEqual([]);
    expect(fine.body.warnings.map((w: { path: string }) => w.path)).toContain('$.fields.dt0_purpose');
  });

  it('preview as the admin: with the mapping given (unsaved) or the stored one', async () => {
    const token = await userToken(world, 'admin');
    const base = { templateId: world.demoTemplates!.nda, entity: 'opportunity', recordId: SEED_IDS.opportunity };
    const stored = await callApi(world, 'POST', 'admin/mappings/preview', { token, body: base });
    expect(stored.status).toBe(200);
    expect(stored.body.name).toBe('NDA - Contoso Ltd');
    const given = await callApi(world, 'POST', 'admin/mappings/preview', {
      token,
      body: { ...base, mapping: { ...ndaMapping, contractName: 'Draft {name}' } },
    });
    expect(given.body.name).toMatch(/^Draft /);
  });

  it('PUT: ETag-guarded (412 on a stale ETag), a shape error is 422 and not saved, problems are saved Broken, empty takes it off', async () => {
    const id = world.demoTemplates!.msa;
    const row = (await rowOf(world, 'tpl_master_services_agreement'))!;
    const etag = row['@odata.etag'];
    const mapping = DEMO_MAPPINGS.tpl_master_services_agreement.mapping;

    const shape = await put(id, { mapping: { trigger_entity: 'opportunity', fieldz: {} } }, etag);
    expect(shape.status).toBe(422);
    expect(shape.body.errors.map((e: { field: string }) => e.field)).toContain('$.fieldz');
    expect((await rowOf(world, 'tpl_master_services_agreement'))!['@odata.etag']).toBe(etag); // not saved

    const brokenMapping = { ...mapping, fields: { ...(mapping.fields as object), dt0_total_amount: 'nosuchcolumn' } };
    const saved = await put(id, { mapping: brokenMapping }, etag);
    expect(saved.status).toBe(200);
    expect(saved.body.state).toBe('broken');
    expect(saved.etag).toBe(saved.body.etag);
    const after = (await rowOf(world, 'tpl_master_services_agreement'))!;
    expect(after).toMatchObject({ dtclm_mappingstate: MAPPING_STATE.broken, dtclm_triggerentity: 'opportunity', '@odata.etag': saved.body.etag });
    expect(after.dtclm_mappingerrors).toMatch(/^\$\.fields\.dt0_total_amount: /m);

    // Someone saved since `etag` was read: refused, nothing overwritten.
    const stale = await put(id, { mapping }, etag);
    expect(stale.status).toBe(412);
    expect((await rowOf(world, 'tpl_master_services_agreement'))!.dtclm_mappingstate).toBe(MAPPING_STATE.broken);

    const fixed = await put(id, { mapping }, saved.body.etag);
    expect(fixed.body).toMatchObject({ state: 'fits', errors: [] });

    const emptied = await put(id, { mapping: null }, fixed.body.etag);
    expect(emptied.body.state).toBe('none');
    expect(await rowOf(world, 'tpl_master_services_agreement')).toMatchObject({
      dtclm_mapping: null,
      dtclm_triggerentity: null,
      dtclm_mappingstate: MAPPING_STATE.none,
    });
    const gone = await callApi(world, 'POST', 'contracts/preview', {
      token: await userToken(world, 'rep'),
      body: { entity: 'opportunity', recordId: SEED_IDS.opportunity, templateId: id },
    });
    expect(gone.status).toBe(409);
    // Put the demo back for whoever reads this world next.
    expect((await put(id, { mapping }, emptied.body.etag)).body.state).toBe('fits');
  });
});
