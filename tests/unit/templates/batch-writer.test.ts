/** GrowingBatchWriter: doubles without throttling, halves on a 429, waits out Retry-After, never loses or repeats a write it got an answer for. */
import fc from 'fast-check';
import { UnavailableError } from '../../../functions/src/services/errors';
import { GrowingBatchWriter } from '../../../functions/src/services/templates/batch-writer';
import type { TemplateRows, TemplateWrite } from '../../../functions/src/services/templates/ports';

const write = (i: number): TemplateWrite => ({ op: 'update', rowId: `r${i}`, clmTemplateId: `t${i}`, values: { lastSyncedOn: 'x' } });

it('property: every write is answered once, in order, and batch sizes stay within 1..max whatever Dataverse does', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.integer({ min: 1, max: 300 }),
      fc.array(fc.constantFrom('ok', 'throttled', 'unavailable'), { minLength: 1, maxLength: 50 }),
      async (n, script) => {
        let throttles = 0;
        let call = 0;
        const sizes: number[] = [];
        const slept: number[] = [];
        const rows: TemplateRows = {
          readAll: async () => [],
          findByClmId: async () => undefined,
          write: async (ws) => {
            const what = script[call++ % script.length];
            if (what === 'unavailable' && call % 5 !== 0) throw new UnavailableError('busy', 2, 'dataverse');
            if (what === 'throttled') throttles++;
            sizes.push(ws.length);
            return ws.map(() => ({ ok: true as const }));
          },
        };
        const writer = new GrowingBatchWriter({ rows, throttles: () => throttles, sleep: async (ms) => void slept.push(ms), maxSize: 64, maxTries: 1000 });
        const answered: string[] = [];
        const writes = Array.from({ length: n }, (_, i) => write(i));
        await writer.writeAll(writes, async (w) => void answered.push(w.op === 'update' ? w.rowId : ''));
        expect(answered).toEqual(writes.map((w) => (w.op === 'update' ? w.rowId : '')));
        for (const s of sizes) expect(s >= 1 && s <= 64).toBe(true);
        for (const ms of slept) expect(ms).toBe(2000); // the Retry-After, waited out
      },
    ),
    { numRuns: 80 },
  );
});

it('doubles from 10 while nothing throttles, halves after a throttled batch', async () => {
  let throttles = 0;
  const sizes: number[] = [];
  const rows: TemplateRows = {
    readAll: async () => [],
    findByClmId: async () => undefined,
    write: async (ws) => {
      sizes.push(ws.length);
      if (sizes.length === 4) throttles++;
      return ws.map(() => ({ ok: true as const }));
    },
  };
  const writer = new GrowingBatchWriter({ rows, throttles: () => throttles, sleep: async () => undefined });
  await writer.writeAll(
    Array.from({ length: 200 }, (_, i) => write(i)),
    async () => undefined,
  );
  expect(sizes.slice(0, 6)).toEqual([10, 20, 40, 80, 40, 10]);
});
