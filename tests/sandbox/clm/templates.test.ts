import type { ClmSandbox } from '../../../sandbox/clm';
import type { ClmTestClient } from './helpers/client';
import { MSA, NDA, QUOTE_ACCEPTANCE } from './helpers/fixtures';
import { startWithClient } from './helpers/sandbox';

/** clm-api.yaml GET /templates (paging, updatedSince, status), GET /templates/{templateId}, and the template controls. */
describe('CLM sandbox: templates', () => {
  let clm: ClmSandbox;
  let client: ClmTestClient;

  beforeAll(async () => {
    ({ clm, client } = await startWithClient());
  });
  afterAll(() => clm.close());

  async function listAll(query: Record<string, string | number> = {}): Promise<any[]> {
    const all: any[] = [];
    let cursor: string | null = null;
    do {
      const answer: any = await client.call('GET', '/templates', { query: { ...query, ...(cursor ? { cursor } : {}) } });
      expect(answer.status).toBe(200);
      all.push(...answer.body.data);
      cursor = answer.body.nextCursor;
    } while (cursor);
    return all;
  }

  test('the seed has NDA, Master Services Agreement, Quote Acceptance and one archived template', async () => {
    const all = await listAll();
    const byName = new Map(all.map((t) => [t.name, t]));
    const nda = byName.get('NDA');
    expect(nda.id).toBe(NDA);
    const ndaTypes = nda.fields.map((f: any) => f.type);
    expect(ndaTypes).toEqual(expect.arrayContaining(['text', 'date', 'choice']));
    expect(nda.fields.some((f: any) => f.required)).toBe(true);
    expect(nda.fields.find((f: any) => f.type === 'choice').options.length).toBeGreaterThan(1);
    const msa = byName.get('Master Services Agreement');
    expect(msa.id).toBe(MSA);
    expect(msa.fields.map((f: any) => f.type)).toEqual(expect.arrayContaining(['money', 'number', 'boolean', 'table']));
    const table = msa.fields.find((f: any) => f.type === 'table');
    expect(table.columns.length).toBeGreaterThan(0);
    expect(table.columns.every((c: any) => c.type !== 'table')).toBe(true);
    expect(byName.get('Quote Acceptance').id).toBe(QUOTE_ACCEPTANCE);
    expect(all.filter((t) => t.status === 'archived').length).toBeGreaterThanOrEqual(1);
  });

  test('status filters active and archived; all is the default', async () => {
    const active = await listAll({ status: 'active' });
    const archived = await listAll({ status: 'archived' });
    const all = await listAll();
    expect(active.every((t) => t.status === 'active')).toBe(true);
    expect(archived.every((t) => t.status === 'archived')).toBe(true);
    expect(active.length + archived.length).toBe(all.length);
    expect((await listAll({ status: 'all' })).length).toBe(all.length);
  });

  test('paging with limit and cursor returns every template exactly once; the last page has nextCursor null', async () => {
    await client.control('POST', '/templates/generate', { count: 7 });
    const all = await listAll();
    const paged = await listAll({ limit: 2 });
    expect(paged.map((t) => t.id).sort()).toEqual(all.map((t) => t.id).sort());
    expect(new Set(paged.map((t) => t.id)).size).toBe(paged.length);
    const first = await client.call('GET', '/templates', { query: { limit: 200 } });
    expect(first.body.nextCursor).toBeNull();
  });

  test('updatedSince returns templates whose updatedAt is at or after it', async () => {
    const since = (await client.control('POST', '/templates', { name: 'Fresh template', fields: [] })).body.updatedAt;
    const fresh = await listAll({ updatedSince: since });
    expect(fresh.map((t) => t.name)).toContain('Fresh template');
    expect(fresh.every((t) => t.updatedAt >= since)).toBe(true);
    expect(fresh.map((t) => t.id)).not.toContain(NDA);
  });

  test('a change bumps the version and updatedAt; archiving bumps it again', async () => {
    const created = (await client.control('POST', '/templates', { name: 'Changing', fields: [{ key: 'a', label: 'A', type: 'text', required: false }] })).body;
    expect(created.version).toBe(1);
    const changed = (await client.control('POST', '/templates', { id: created.id, name: 'Changed' })).body;
    expect(changed.version).toBe(2);
    expect(changed.updatedAt > created.updatedAt).toBe(true);
    const archived = (await client.control('POST', `/templates/${created.id}/archive`)).body;
    expect(archived.status).toBe('archived');
    expect(archived.version).toBe(3);
    const read = await client.call('GET', '/templates/{templateId}', { params: { templateId: created.id } });
    expect(read.body).toMatchObject({ name: 'Changed', version: 3, status: 'archived' });
  });

  test('GET /templates/{templateId} is 200 for a known id and 404 otherwise', async () => {
    expect((await client.call('GET', '/templates/{templateId}', { params: { templateId: NDA } })).status).toBe(200);
    const missing = await client.call('GET', '/templates/{templateId}', { params: { templateId: 'tpl_missing' } });
    expect(missing.status).toBe(404);
    expect(missing.body.error).toBe('not_found');
  });

  test('parameters that break the spec are 400 with details', async () => {
    for (const query of <Record<string, string | number>[]>[
      { limit: 0 },
      { limit: 201 },
      { limit: 'ten' },
      { status: 'deleted' },
      { updatedSince: 'yesterday' },
      { cursor: 'garbage' },
      { updated_since: '2026-01-01T00:00:00Z' },
    ]) {
      const answer = await client.call('GET', '/templates', { query });
      expect(answer.status).toBe(400);
      expect(answer.body.error).toBe('invalid_request');
      expect(answer.body.details?.length ?? 0).toBeGreaterThan(0);
    }
  });

  test('a cursor replayed with other filters is refused', async () => {
    const first = await client.call('GET', '/templates', { query: { limit: 1, status: 'active' } });
    const answer = await client.call('GET', '/templates', { query: { limit: 1, status: 'archived', cursor: first.body.nextCursor } });
    expect(answer.status).toBe(400);
  });

  test('generate makes N synthetic active templates', async () => {
    const before = (await listAll()).length;
    const answer = await client.control('POST', '/templates/generate', { count: 25 });
    expect(answer.body.created).toBe(25);
    expect((await listAll({ limit: 200 })).length).toBe(before + 25);
  });

  test('the template control refuses fields that are not TemplateField', async () => {
    const answer = await client.control('POST', '/templates', { name: 'Bad', fields: [{ key: 'x', type: 'colour', label: 'X', required: false }] });
    expect(answer.status).toBe(400);
  });
});
