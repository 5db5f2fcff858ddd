/**
 * Request-contract benchmark (issue 5): the whole world in-process, rep requesting an MSA (three
 * related blocks, the opportunity products table, two signatories) through the functions host.
 *
 *   dataverseRequests / clmRequests   what ONE request on a warm instance costs, counted from the
 *                                     Dataverse emulator's request log and the CLM sandbox's stats
 *   p50Ms / p95Ms                     200 sequential requests, each a new requestKey
 *   concurrentP50Ms / concurrentP95Ms 50 at once
 *
 * Times are loopback round trips measured by the caller (the functions' own time plus the local
 * HTTP hop), in milliseconds.  `npm run bench -- request-contract`  or  `npx tsx bench/request-contract.ts`
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { SEED_IDS } from '../sandbox/dataverse/seed/ids';
import { demoUserToken } from '../sandbox/identity';
import { startWorld, type World } from '../sandbox/world';

const SEQUENTIAL = 200;
const CONCURRENT = 50;

function percentile(sorted: number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return Math.round(sorted[i] * 10) / 10;
}

async function repToken(world: World): Promise<string> {
  return demoUserToken(world.identity.tokenEndpoint, 'rep');
}

async function requestOnce(world: World, token: string): Promise<number> {
  const started = performance.now();
  const res = await fetch(`${world.functions.url}/contracts`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ entity: 'opportunity', recordId: SEED_IDS.opportunity, templateId: world.demoTemplates!.msa, requestKey: randomUUID() }),
  });
  const text = await res.text();
  const ms = performance.now() - started;
  if (res.status !== 201) throw new Error(`request-contract answered ${res.status}: ${text.slice(0, 300)}`);
  return ms;
}

async function clmRequestCount(world: World): Promise<number> {
  return ((await (await fetch(`${world.clm!.apiBase}/_sandbox/stats`)).json()) as { requests: number }).requests;
}

export async function run(): Promise<Record<string, unknown>> {
  const world = await startWorld({ functionsLogHandler: () => undefined });
  try {
    const token = await repToken(world);
    // Warm the instance: JWKS, app token, roles, metadata, user settings, settings, CLM tokens, the template's plan.
    for (let i = 0; i < 3; i++) await requestOnce(world, token);

    await fetch(`${world.dataverse.url}/_sandbox/requests`, { method: 'DELETE' });
    const clmBefore = await clmRequestCount(world);
    await requestOnce(world, token);
    const dataverseRequests = ((await (await fetch(`${world.dataverse.url}/_sandbox/requests`)).json()) as unknown[]).length;
    const clmRequests = (await clmRequestCount(world)) - clmBefore;

    const sequential: number[] = [];
    for (let i = 0; i < SEQUENTIAL; i++) sequential.push(await requestOnce(world, token));
    const concurrent = await Promise.all(Array.from({ length: CONCURRENT }, () => requestOnce(world, token)));
    sequential.sort((a, b) => a - b);
    concurrent.sort((a, b) => a - b);
    return {
      dataverseRequests,
      clmRequests,
      p50Ms: percentile(sequential, 50),
      p95Ms: percentile(sequential, 95),
      concurrentP50Ms: percentile(concurrent, 50),
      concurrentP95Ms: percentile(concurrent, 95),
    };
  } finally {
    await world.close();
  }
}

if (require.main === module) {
  run().then(
    (figures) => {
      console.log(JSON.stringify({ bench: 'request-contract', ...figures }));
      process.exit(0);
    },
    (e: unknown) => {
      console.error(e instanceof Error ? e.message : e);
      process.exit(1);
    },
  );
}
