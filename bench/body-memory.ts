/**
 * `npm run bench -- body-memory`: what 300 request bodies of 900 KB, all at once, cost the
 * functions process (issue 24, finding 6: the 1 MiB limit must bound memory before a body is read).
 * The connector's functions run on the dev host in a child process of their own
 * (bench/lib/functions-process.ts), against the sandbox world started here; the child reports its
 * peak RSS (sampled every 10 ms) for each wave:
 *
 *   - `anonymous`: POST /api/contracts without a token (401 before the body is read);
 *   - `signedIn`: POST /api/contracts/preview as the demo rep (authorized, so each 900 KB body is
 *     read and parsed, then refused by the schema: 400);
 *   - `webhook`: POST /api/webhooks/clm (read up to its 256 KiB limit, then 413).
 *
 * Run twice: as the app runs (HTTP streaming, functions/src/host-setup.ts) and as an app that never
 * enabled it (the host reads each whole body before the handler runs), so the figure has its
 * comparison. Prints `{ streaming: {...}, buffered: {...} }` with `baselineRssMb` and each wave's
 * `peakRssMb` and answer statuses.
 */
import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { demoUserToken } from '../sandbox/identity';
import { SEED_IDS } from '../sandbox/dataverse/seed/ids';
import { connectorSettings, startWorld, type World } from '../sandbox/world';

const BODIES = 300;
const BODY_BYTES = 900 * 1000;
const MB = 1024 * 1024;

interface Child {
  url: string;
  peak(): Promise<number>;
  close(): Promise<void>;
}

async function startChild(world: World, streaming: boolean): Promise<Child> {
  const settings = connectorSettings(world.identity, world.dataverse, world.storage);
  const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'lib', 'functions-process.ts')], {
    cwd: join(__dirname, '..'),
    env: { ...process.env, FUNCTIONS_SETTINGS: JSON.stringify(settings), FUNCTIONS_HTTP_STREAM: streaming ? 'on' : 'off' },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout });
  const waiting: ((line: string) => void)[] = [];
  lines.on('line', (line) => waiting.shift()?.(line));
  const next = () => new Promise<string>((resolve) => waiting.push(resolve));
  const ready = await Promise.race([
    next(),
    new Promise<string>((_, reject) => child.once('exit', (code) => reject(new Error(`functions process exited (${code})`)))),
  ]);
  if (!ready.startsWith('READY ')) throw new Error(`functions process: ${ready}`);
  return {
    url: ready.slice('READY '.length),
    async peak() {
      const answer = next();
      child.stdin.write('peak\n');
      return Number((await answer).slice('PEAK '.length));
    },
    close: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.stdin.end();
      }),
  };
}

/** A JSON body of `BODY_BYTES` that parses (so a signed-in call is read to the end and refused by its schema). */
function body(): string {
  const head = JSON.stringify({ entity: 'opportunity', recordId: SEED_IDS.opportunity, templateId: SEED_IDS.opportunity, padding: '' });
  return `${head.slice(0, -2)}${'x'.repeat(BODY_BYTES - head.length)}"}`;
}

/** One POST on a connection of its own (no keep-alive reuse between waves, whose idle sockets the server may be closing). */
function post(url: string, headers: Record<string, string>, payload: Buffer): Promise<string> {
  return new Promise((resolve) => {
    const req = request(
      url,
      { method: 'POST', agent: false, headers: { 'Content-Type': 'application/json', 'Content-Length': String(payload.length), ...headers } },
      (res) => {
        res.resume();
        res.once('end', () => resolve(String(res.statusCode)));
      },
    );
    req.once('error', (e: NodeJS.ErrnoException) => resolve(`error ${e.code ?? e.message}`));
    req.end(payload);
  });
}

async function wave(url: string, headers: Record<string, string>): Promise<Record<string, number>> {
  const payload = Buffer.from(body());
  const answers = await Promise.all(Array.from({ length: BODIES }, () => post(url, headers, payload)));
  const statuses: Record<string, number> = {};
  for (const a of answers) statuses[a] = (statuses[a] ?? 0) + 1;
  return statuses;
}

export interface BodyMemoryFigures {
  baselineRssMb: number;
  waves: Record<'anonymous' | 'signedIn' | 'webhook', { peakRssMb: number; statuses: Record<string, number> }>;
  peakRssMb: number;
}

/** One run against a functions process, streaming or not (the world is shared). */
export async function measureBodyMemory(world: World, streaming: boolean): Promise<BodyMemoryFigures> {
  const child = await startChild(world, streaming);
  try {
    const token = await demoUserToken(world.identity.tokenEndpoint, 'rep');
    // Warm, with one small call: the app built, the tenant's keys fetched, the caller looked up once.
    await fetch(`${child.url}/contracts/preview`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: '{}',
    });
    await child.peak();
    const baseline = await child.peak();
    const waves = {} as BodyMemoryFigures['waves'];
    for (const [name, path, headers] of [
      ['anonymous', 'contracts', {}],
      ['signedIn', 'contracts/preview', { Authorization: `Bearer ${token}` }],
      ['webhook', 'webhooks/clm', {}],
    ] as const) {
      const statuses = await wave(`${child.url}/${path}`, headers);
      waves[name] = { peakRssMb: Math.round((await child.peak()) / MB), statuses };
    }
    return { baselineRssMb: Math.round(baseline / MB), waves, peakRssMb: Math.max(...Object.values(waves).map((w) => w.peakRssMb)) };
  } finally {
    await child.close();
  }
}

export async function run(): Promise<Record<string, unknown>> {
  const world = await startWorld({ functionsLogHandler: () => undefined });
  try {
    const streaming = await measureBodyMemory(world, true);
    const buffered = await measureBodyMemory(world, false);
    return { bodies: BODIES, bodyBytes: BODY_BYTES, streaming, buffered };
  } finally {
    await world.close();
  }
}
