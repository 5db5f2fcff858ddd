/**
 * `npm run bench` runs every benchmark in bench/ (one file each, exporting `run()`), or
 * `npm run bench -- <name> [...]` only those. Each prints exactly one JSON line of figures,
 * `{ "bench": "<name>", ... }`, on stdout.
 */
import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';

interface Benchmark {
  run(): Promise<Record<string, unknown>>;
}

async function main(): Promise<void> {
  const available = readdirSync(__dirname)
    .filter((f) => f.endsWith('.ts') && f !== 'run.ts')
    .map((f) => basename(f, '.ts'))
    .sort();
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((w) => !available.includes(w));
  if (unknown.length > 0) {
    console.error(`Unknown benchmark(s): ${unknown.join(', ')}. Available: ${available.join(', ')}`);
    process.exit(2);
  }
  for (const name of wanted.length > 0 ? wanted : available) {
    const bench = (await import(join(__dirname, `${name}.ts`))) as Benchmark;
    const figures = await bench.run();
    console.log(JSON.stringify({ bench: name, ...figures }));
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
