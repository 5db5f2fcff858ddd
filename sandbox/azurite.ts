/**
 * Azurite, the Azure Storage emulator (blob, queue, table), as a child process: in memory, loopback
 * only, on free ports, with the well-known devstoreaccount1 account. The child watches its stdin and
 * exits when the pipe closes, so it dies with the parent even when the parent is killed hard.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface AzuriteSandbox {
  connectionString: string;
  blobEndpoint: string;
  queueEndpoint: string;
  tableEndpoint: string;
  /** The emulator's own process (benchmarks read its CPU time, to keep it apart from the app's). */
  pid: number | undefined;
  close(): Promise<void>;
}

export interface AzuriteOptions {
  host?: string;
  /** Ports for blob, queue and table; 0 (the default) lets the OS pick free ones. */
  blobPort?: number;
  queuePort?: number;
  tablePort?: number;
  /** Give up when the three services are not listening after this long. */
  startTimeoutMs?: number;
}

/** Azurite's documented development account (public, the same on every machine). */
const DEV_ACCOUNT = 'devstoreaccount1';
const DEV_ACCOUNT_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

type Service = 'Blob' | 'Queue' | 'Table';
const LISTENING = /Azurite (Blob|Queue|Table) service is successfully listening at (\S+)/;

/** Runs azurite's CLI entry in this node, after arranging to exit when the parent's pipe closes. */
const WRAPPER = `
process.stdin.on('end', () => process.exit(0));
process.stdin.on('error', () => process.exit(0));
process.stdin.resume();
const entry = process.env.SANDBOX_AZURITE_ENTRY;
process.argv = [process.argv[0], entry, ...process.argv.slice(1)];
require(entry);
`;

export async function startAzurite(opts: AzuriteOptions = {}): Promise<AzuriteSandbox> {
  const host = opts.host ?? '127.0.0.1';
  const location = await mkdtemp(join(tmpdir(), 'azurite-'));
  const args = [
    '--inMemoryPersistence',
    '--blobHost',
    host,
    '--blobPort',
    String(opts.blobPort ?? 0),
    '--queueHost',
    host,
    '--queuePort',
    String(opts.queuePort ?? 0),
    '--tableHost',
    host,
    '--tablePort',
    String(opts.tablePort ?? 0),
    '--skipApiVersionCheck',
    '--loose',
    '--silent',
    '--disableTelemetry',
  ];
  const child = spawn(process.execPath, ['-e', WRAPPER, '--', ...args], {
    // In-memory Azurite refuses --location; its working directory (a throw-away folder) stands in.
    cwd: location,
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, AZURITE_ACCOUNTS: undefined, SANDBOX_AZURITE_ENTRY: require.resolve('azurite/dist/src/azurite.js') },
  });

  let endpoints: Record<Service, string>;
  try {
    endpoints = await waitUntilListening(child, opts.startTimeoutMs ?? 20_000);
  } catch (e) {
    child.kill('SIGKILL');
    await rm(location, { recursive: true, force: true });
    throw e;
  }
  const blobEndpoint = `${endpoints.Blob}/${DEV_ACCOUNT}`;
  const queueEndpoint = `${endpoints.Queue}/${DEV_ACCOUNT}`;
  const tableEndpoint = `${endpoints.Table}/${DEV_ACCOUNT}`;
  const connectionString =
    `DefaultEndpointsProtocol=http;AccountName=${DEV_ACCOUNT};AccountKey=${DEV_ACCOUNT_KEY};` +
    `BlobEndpoint=${blobEndpoint};QueueEndpoint=${queueEndpoint};TableEndpoint=${tableEndpoint};`;

  return {
    connectionString,
    blobEndpoint,
    queueEndpoint,
    tableEndpoint,
    pid: child.pid,
    async close() {
      await stopChild(child);
      await rm(location, { recursive: true, force: true });
    },
  };
}

function waitUntilListening(child: ChildProcess, timeoutMs: number): Promise<Record<Service, string>> {
  return new Promise((resolve, reject) => {
    const found: Partial<Record<Service, string>> = {};
    let output = '';
    const timer = setTimeout(() => fail(new Error(`Azurite did not start within ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const fail = (e: Error) => {
      clearTimeout(timer);
      reject(e);
    };
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      for (const line of output.split('\n')) {
        const m = LISTENING.exec(line);
        if (m) found[m[1] as Service] = m[2];
      }
      if (found.Blob && found.Queue && found.Table) {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        // Keep draining the pipes so a chatty child never blocks on a full buffer.
        child.stdout?.resume();
        child.stderr?.resume();
        resolve(found as Record<Service, string>);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (c: Buffer) => (output += c.toString('utf8')));
    child.once('exit', (code) => fail(new Error(`Azurite exited (code ${code}) before it was ready:\n${output}`)));
    child.once('error', fail);
  });
}

/** SIGTERM lets Azurite close its servers; a hard kill follows if it lingers. */
function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const hard = setTimeout(() => child.kill('SIGKILL'), 3000);
    child.once('exit', () => {
      clearTimeout(hard);
      resolve();
    });
    child.stdin?.end();
    child.kill('SIGTERM');
  });
}
