/**
 * One Function App instance in its own process, for the tests and the benchmark that kill a host
 * with SIGKILL mid-run (tests/integration/runs/killed-host.test.ts, the take-over figure of bench/template-sync and bench/contact-sync): the dev host with the connector's
 * app built from the settings in HOST_SETTINGS (JSON), polling the storage queues as the runtime
 * does, with the message visibility of HOST_VISIBILITY_SECONDS. Prints `ready <url>` when it serves,
 * and each of its log lines as `log <line>`.
 */
import { startFunctionsHost } from './index';

async function main() {
  const env = JSON.parse(process.env.HOST_SETTINGS ?? '{}') as Record<string, string>;
  const host = await startFunctionsHost({
    env,
    logHandler: (_level, ...args) => process.stdout.write(`log ${args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ')}\n`),
    pollQueues: {
      connectionString: env.AzureWebJobsStorage,
      maxIntervalMs: 200,
      visibilityTimeoutSeconds: Number(process.env.HOST_VISIBILITY_SECONDS ?? '600'),
    },
  });
  process.stdout.write(`ready ${host.url}\n`);
}

main().catch((e: unknown) => {
  process.stdout.write(`error ${String((e as Error)?.message)}\n`);
  process.exit(1);
});
