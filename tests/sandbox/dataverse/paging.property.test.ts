/**
 * Paging as documented ("Page results"): whatever odata.maxpagesize the client asks for, following
 * @odata.nextLink until it is absent returns every matching row exactly once, in the requested
 * order, and no page is larger than asked.
 */
import fc from 'fast-check';
import { startHarness, type Harness } from './fixtures/harness';
import { ids } from './fixtures/world';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  for (let i = 0; i < 23; i++) {
    await h.api('quotedetails', {
      method: 'POST',
      body: { productdescription: `Extra ${i}`, lineitemnumber: i % 7, 'quoteid@odata.bind': `/quotes(${ids.quote})` },
    });
  }
});
afterAll(async () => h.close());

test('following nextLinks returns every row once, in order, within the page size', async () => {
  const all = await h.api('quotedetails?$select=lineitemnumber&$orderby=lineitemnumber desc');
  const expected: string[] = all.body.value.map((r: { quotedetailid: string }) => r.quotedetailid);
  expect(expected).toHaveLength(28);
  await fc.assert(
    fc.asyncProperty(fc.integer({ min: 1, max: 30 }), async (pageSize) => {
      const seen: string[] = [];
      let url: string | undefined = `${h.dv.apiUrl}quotedetails?$select=lineitemnumber&$orderby=lineitemnumber desc`;
      while (url) {
        const r = await h.api(url, { headers: { Prefer: `odata.maxpagesize=${pageSize}` } });
        expect(r.body.value.length).toBeLessThanOrEqual(pageSize);
        seen.push(...r.body.value.map((row: { quotedetailid: string }) => row.quotedetailid));
        url = r.body['@odata.nextLink'];
      }
      expect(seen).toEqual(expected);
    }),
    { numRuns: 15 },
  );
});
