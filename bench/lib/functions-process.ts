/**
 * The connector's functions on the dev host in a process of their own, so that its memory is
 * measured apart from the emulators (bench/body-memory.ts). Settings come as JSON in
 * FUNCTIONS_SETTINGS; FUNCTIONS_HTTP_STREAM=off runs it as an app that never called
 * `app.setup({ enableHttpStream: true })` (the host then reads whole bodies first, as Azure's does).
 * Prints `READY <url>` once listening; answers `peak` on stdin with `PEAK <bytes>`: the highest RSS
 * sampled since the previous `peak` (sampled every 10 ms, and at the moment of asking).
 */
import { createInterface } from 'node:readline';
import { startFunctionsHost } from '../../sandbox/functions-host';

async function main(): Promise<void> {
  const env = JSON.parse(process.env.FUNCTIONS_SETTINGS ?? '{}') as Record<string, string>;
  const host = await startFunctionsHost({
    env,
    logHandler: process.env.FUNCTIONS_DEBUG ? (level, ...args) => process.stderr.write(`${level} ${args.map(String).join(' ')}\n`) : () => undefined,
    ...(process.env.FUNCTIONS_DEBUG ? { logRequest: (line: string) => process.stderr.write(`${line}\n`) } : {}),
    ...(process.env.FUNCTIONS_HTTP_STREAM === 'off' ? { setup: { enableHttpStream: false } } : {}),
  });
  let peak = process.memoryUsage.rss();
  setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 10).unref();
  createInterface({ input: process.stdin }).on('line', (line) => {
    if (line.trim() !== 'peak') return;
    peak = Math.max(peak, process.memoryUsage.rss());
    process.stdout.write(`PEAK ${peak}\n`);
    peak = process.memoryUsage.rss();
  });
  process.stdin.once('end', () => void host.close().then(() => process.exit(0)));
  process.stdout.write(`READY ${host.url}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
