/** Template sync on fakes: what is written, and the invariant "a second sync of the same CLM writes nothing". */
import fc from 'fast-check';
import { syncTemplates, type TemplateSyncDeps } from '../../../functions/src/services/templates/sync-templates';
import type { ClmTemplate } from '../../../functions/src/services/templates/ports';
import { FakeClm, FakeRows, memoryContext } from './fakes';

const field = { key: 'dt0_a', label: 'A', type: 'text' as const, required: false };
const tpl = (id: string, version = 1, status: 'active' | 'archived' = 'active'): ClmTemplate => ({
  id,
  name: `T ${id}`,
  status,
  version,
  updatedAt: '2026-11-30T10:00:00.000Z',
  fields: [field],
});

function deps(clm: FakeClm, rows: FakeRows): TemplateSyncDeps {
  return {
    clm,
    rows,
    metadata: { load: async () => ({ entities: {} }) },
    lastSucceeded: async () => undefined, // always a full pass
    throttles: () => 0,
    sleep: async () => undefined,
    pageSize: 7,
  };
}

describe('syncTemplates', () => {
  it('creates, then writes nothing for an unchanged CLM, then only what changed; archived and gone are deactivated, back is reactivated', async () => {
    const clm = new FakeClm([tpl('a'), tpl('b'), tpl('c', 1, 'archived')]);
    const rows = new FakeRows();
    const first = memoryContext({ full: true });
    await syncTemplates(first, deps(clm, rows));
    expect(first.counts).toMatchObject({ created: 3, updated: 0, unchanged: 0 });
    expect([...rows.rows.values()].find((r) => r.clmTemplateId === 'c')!.active).toBe(false);

    rows.writes = [];
    await syncTemplates(memoryContext({ full: true }), deps(clm, rows));
    expect(rows.writes).toEqual([]);

    clm.templates = [tpl('a', 2), tpl('c', 1, 'archived')]; // a changed, b gone
    const third = memoryContext({ full: true });
    await syncTemplates(third, deps(clm, rows));
    expect(third.counts).toMatchObject({ updated: 1, deactivated: 1, unchanged: 1, created: 0 });

    clm.templates = [tpl('a', 2), tpl('b'), tpl('c', 1, 'archived')];
    const back = memoryContext({ full: true });
    await syncTemplates(back, deps(clm, rows));
    expect(back.counts).toMatchObject({ reactivated: 1, updated: 1 });
    expect(rows.rows.size).toBe(3);
  });

  it('property: after any sync, a second sync of the same CLM writes nothing, and there is one row per CLM template', async () => {
    const arbTemplates = fc.uniqueArray(
      fc.record({ id: fc.string({ minLength: 1, maxLength: 12 }), version: fc.integer({ min: 1, max: 5 }), archived: fc.boolean() }),
      { selector: (t) => t.id.toLowerCase(), maxLength: 40 },
    );
    await fc.assert(
      fc.asyncProperty(arbTemplates, arbTemplates, async (before, after) => {
        const rows = new FakeRows();
        const clm = new FakeClm(before.map((t) => tpl(t.id, t.version, t.archived ? 'archived' : 'active')));
        await syncTemplates(memoryContext({ full: true }), deps(clm, rows));
        clm.templates = after.map((t) => tpl(t.id, t.version, t.archived ? 'archived' : 'active'));
        await syncTemplates(memoryContext({ full: true }), deps(clm, rows));
        rows.writes = [];
        await syncTemplates(memoryContext({ full: true }), deps(clm, rows));
        expect(rows.writes).toEqual([]);
        const ids = [...rows.rows.values()].map((r) => r.clmTemplateId.toLowerCase());
        expect(new Set(ids).size).toBe(ids.length);
        for (const t of after) {
          const row = [...rows.rows.values()].find((r) => r.clmTemplateId.toLowerCase() === t.id.toLowerCase())!;
          expect(row.active).toBe(!t.archived);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('batches grow while Dataverse does not throttle', async () => {
    const clm = new FakeClm(Array.from({ length: 400 }, (_, i) => tpl(`t${i}`)));
    const rows = new FakeRows();
    await syncTemplates(memoryContext({ full: true }), { ...deps(clm, rows), pageSize: 200 });
    expect(rows.batches[0]).toBe(10);
    expect(Math.max(...rows.batches)).toBeGreaterThan(100);
    expect(rows.batches.reduce((a, b) => a + b, 0)).toBe(400);
  });
});
