/**
 * `npm start`: the whole local world (sandbox/world.ts) on free ports or from `--port <base>`,
 * a summary for a person, then one line `SANDBOX_READY {json}` for scripts. Ctrl-C stops it all.
 */
import { parseArgs } from 'node:util';
import { build } from '../scripts/build';
import { ensureDebianPackages } from '../scripts/lib/debian';
import { isBuildFresh } from './harness/built-solution';
import { startHarness, type Harness } from './harness';
import { connectHarnessToWorld } from './harness/connect-to-world';
import { DEMO_USERS, SANDBOX_PASSWORD } from './seed/identities';
import { PORT_OFFSETS, startWorld, type ExternalClm, type World } from './world';

const HELP = `Usage: npm start -- [options]

Starts the local sandbox: identity emulator (Entra ID), Dataverse emulator, Azurite, CLM sandbox and
the connector's functions, and fills the connector's Dataverse environment variables.

Options:
  --port <base>                 ports base..base+${Math.max(...Object.values(PORT_OFFSETS)) + 1} (${Object.entries(PORT_OFFSETS)
    .map(([k, v]) => `${k} +${v}`)
    .join(', ')}, harness +${Math.max(...Object.values(PORT_OFFSETS)) + 1}); default: free ports
  --clm <api base>              use an outside CLM instead of the built-in sandbox
  --clm-refresh-token <token>   its refresh token (required with --clm)
  --clm-web <url>               its web base (default: the API base's origin)
  --clm-root-folder <id>        its root folder id for new contracts
  --help                        this text

Prints SANDBOX_READY {json} once every part is up.`;

/** The harness takes the port after the world's parts. */
const HARNESS_PORT_OFFSET = Math.max(...Object.values(PORT_OFFSETS)) + 1;

interface Cli {
  basePort?: number;
  externalClm?: ExternalClm;
}

function parseCli(argv: string[]): Cli | 'help' {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      clm: { type: 'string' },
      'clm-refresh-token': { type: 'string' },
      'clm-web': { type: 'string' },
      'clm-root-folder': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) return 'help';
  const cli: Cli = {};
  if (values.port !== undefined) {
    const base = Number(values.port);
    if (!Number.isInteger(base) || base < 1 || base + HARNESS_PORT_OFFSET > 65535) throw new Error(`--port must be a port number, not "${values.port}"`);
    cli.basePort = base;
  }
  if (values.clm !== undefined || values['clm-refresh-token'] !== undefined) {
    if (!values.clm || !values['clm-refresh-token']) throw new Error('--clm and --clm-refresh-token go together');
    new URL(values.clm); // throws on a malformed URL, before anything starts
    cli.externalClm = {
      apiBase: values.clm.replace(/\/+$/, ''),
      refreshToken: values['clm-refresh-token'],
      webBase: values['clm-web'],
      rootFolderId: values['clm-root-folder'],
    };
  }
  return cli;
}

function summary(world: World, harness: Harness, ms: number): string {
  const r = world.ready;
  const lines = [
    '',
    `DiliTrust CLM connector sandbox is up (${(ms / 1000).toFixed(1)} s)`,
    '',
    `  Open the product    ${harness.url}   (a Dynamics-shaped opportunity form: sign in as rep, password sandbox)`,
    `  Admin page          ${harness.pageUrl('dtclm_/html/admin.html', 'admin')}   (the app's Settings area: sign in as admin)`,
    '',
    `  Dataverse Web API   ${world.dataverse.apiUrl}`,
    `  Identity authority  ${r.identity}   (https with a certificate made on this machine: open ${world.identity.openIdConfigurationUrl} once and accept it, or the sign-in pages will not load)`,
    `    token endpoint    ${world.identity.tokenEndpoint}`,
    `  Functions (API)     ${r.functions}   (list: ${r.functions.replace(/\/api$/, '/')})`,
    `  Azure Storage       blob ${world.storage.blobEndpoint}`,
    `                      queue ${world.storage.queueEndpoint}`,
    `                      table ${world.storage.tableEndpoint}`,
    world.clm
      ? `  CLM sandbox         API ${world.clm.apiBase}\n                      web ${world.clm.webBase}\n                      SCIM ${world.clm.scimBase}   (users as the CLM holds them: ${world.clm.apiBase}/_sandbox/scim/users)`
      : `  CLM (outside)       ${r.clm ?? 'none'}`,
    '',
    `  Connector app       client id ${r.clientId}`,
    `  Demo users          password "${SANDBOX_PASSWORD}"`,
    ...DEMO_USERS.map(
      (u) =>
        `    ${u.upn.padEnd(30)} ${u.roles.join(', ')}${u.teams.length ? ` (teams: ${u.teams.join(', ')})` : ''}${u.isDisabled ? ' [disabled in Dynamics]' : ''}`,
    ),
    '',
    `  Environment variables written: ${Object.keys(world.environmentVariables).join(', ')}`,
    '',
    'Ctrl-C stops everything.',
    '',
  ];
  return lines.join('\n');
}

async function main(): Promise<void> {
  let cli: Cli | 'help';
  try {
    cli = parseCli(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n\n${HELP}\n`);
    process.exit(2);
  }
  if (cli === 'help') {
    process.stdout.write(`${HELP}\n`);
    return;
  }
  const t0 = Date.now();
  let world: World;
  let harness: Harness;
  try {
    // The identity emulator serves https on localhost, as Entra ID does, with a certificate openssl makes.
    ensureDebianPackages({ openssl: 'openssl' });
    // The harness runs the built web resources and ribbon: build when dist/ is older than the sources.
    if (!isBuildFresh()) {
      process.stdout.write('Building dist/ (web resources and solution) for the form harness...\n');
      await build();
    }
    world = await startWorld({
      basePort: cli.basePort,
      externalClm: cli.externalClm,
      autoLifecycle: true,
      registerWebhook: true,
      provisionUsers: true,
      logRequest: (line) => process.stdout.write(`[functions] ${line}\n`),
    });
    harness = await startHarness({
      dataverseUrl: world.dataverse.url,
      authority: world.identity.authority,
      port: cli.basePort ? cli.basePort + HARNESS_PORT_OFFSET : undefined,
    });
    // The pages call the functions from the harness's origin and sign in through its bridge page,
    // as from the Dynamics origin in Dynamics.
    connectHarnessToWorld(world, harness);
  } catch (e) {
    process.stderr.write(`The sandbox could not start: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  }
  process.stdout.write(summary(world, harness, Date.now() - t0));
  process.stdout.write(`SANDBOX_READY ${JSON.stringify({ ...world.ready, harness: harness.url })}\n`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) process.exit(1); // a second Ctrl-C: do not wait any longer
    stopping = true;
    process.stdout.write(`\n${signal}: stopping the sandbox...\n`);
    Promise.all([harness.close(), world.close()]).then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

void main();
