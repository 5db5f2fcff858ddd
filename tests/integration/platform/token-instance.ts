/**
 * One connector instance in its own process, for the many-process bar (clm-tokens-processes.test.ts):
 * builds its app context from the settings in its environment, warms up, then on "go" (stdin)
 * makes N concurrent CLM calls and prints one JSON line with how many succeeded.
 */
import { createApp } from '../../../functions/src/app/composition-root';
import { loadConfig } from '../../../functions/src/config';

async function main() {
  const calls = Number(process.env.PLATFORM_CALLS ?? '25');
  const ctx = createApp(loadConfig(process.env), { clm: { tokenBlob: process.env.PLATFORM_TOKEN_BLOB } });
  await ctx.clm.client.getTemplate('tpl_nda');
  process.stdout.write('ready\n');
  await new Promise<void>((resolve) => process.stdin.once('data', () => resolve()));
  const results = await Promise.allSettled(Array.from({ length: calls }, () => ctx.clm.client.getTemplate('tpl_nda')));
  const failed = results.filter((r) => r.status === 'rejected').map((r) => String((r as PromiseRejectedResult).reason?.name));
  process.stdout.write(`${JSON.stringify({ ok: results.length - failed.length, failed })}\n`);
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    process.stdout.write(`${JSON.stringify({ error: String((e as Error)?.name) })}\n`);
    process.exit(1);
  },
);
