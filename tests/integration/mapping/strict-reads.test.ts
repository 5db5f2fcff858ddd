/**
 * The strict emulator changes nothing a reader sees: every demo template and the bench's 3-level,
 * 1:N, fixed-mapping quote read and convert to the values recorded before the emulator was made
 * strict (strict-reads.baseline.json, written by the code of that time; the demo NDA mapping no longer fills the signature deadline from `createdon`, so that value went from it), in the same number of Web
 * API requests, counted from the emulator's request log; no request is refused. And where the query
 * nests, the lines come whole through `quote_details@odata.nextLink` when Dataverse pages them
 * (Microsoft, "Join tables using OData", "Nested $expand on collection-valued navigation properties").
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readCases, runReadCase, type ReadOutcome } from './strict-reads-cases';
import { type MappingWorld, startMappingWorld } from './world';

const baseline = JSON.parse(readFileSync(join(__dirname, 'strict-reads.baseline.json'), 'utf8')) as ReadOutcome[];

let world: MappingWorld;
beforeAll(async () => {
  world = await startMappingWorld();
});
afterAll(async () => world?.close());

describe.each(readCases().map((c) => [c.name, c] as const))('%s', (name, c) => {
  it('reads the same values in the same number of requests, none refused', async () => {
    const before = baseline.find((b) => b.name === name);
    expect(before).toBeDefined();
    const now = await runReadCase(world, c);
    expect(now.preview).toEqual(before!.preview);
    expect(now.requests).toBe(before!.requests);
    for (const u of now.urls) expect(u).toMatch(/^200 /);
    // Where the query nests, no collection expansion carries $orderby or $top (Dataverse refuses them).
    for (const u of now.urls) if (/\$expand=[^&]*\(\$select=[^&]*;\$expand=/.test(u)) expect(u).not.toMatch(/\(\$select=[^()]*;(\$orderby|\$top)=/);
  });
});

describe('paged lines', () => {
  let paged: MappingWorld;
  beforeAll(async () => {
    // A Dataverse that pages every expanded collection at 2 rows (the demo quote has 3 lines).
    paged = await startMappingWorld({ maxPageSize: 2 });
  });
  afterAll(async () => paged?.close());

  it('follows quote_details@odata.nextLink: all 3 lines, in lineitemnumber order, one more request', async () => {
    const bench = readCases().find((c) => c.name.startsWith('bench'))!;
    const before = baseline.find((b) => b.name === bench.name)!;
    const now = await runReadCase(paged, bench);
    expect(now.preview).toEqual(before.preview);
    expect(now.requests).toBe(before.requests + 1);
    expect(now.urls.some((u) => /GET \/api\/data\/v9\.2\/quotes\([^)]+\)\/quote_details\?.*\$skiptoken=/.test(u))).toBe(true);
  });
});
