/**
 * User provisioning benchmark (issue 14): 5000 Dynamics users with connector roles (direct, and
 * some through CLM- teams) provisioned into the CLM sandbox over SCIM by the full run, then a
 * second run with nothing changed.
 *
 *   firstRunS / secondRunS                 wall time of each run, in seconds
 *   firstRunRequests / secondRunRequests   SCIM calls the CLM received during the run (its own log)
 *   secondRunWrites                        of those, the ones that change something (POST, PUT, PATCH, DELETE): must be 0
 *
 * The run is called as the long-run machinery calls it (provisionAllUsers with the app's ports),
 * against the Dataverse emulator (seeded with the users) and the CLM sandbox, in-process.
 * `npm run bench -- scim` (BENCH_USERS=<n> for another size)
 */
import { setUpDynamicsAsAdmin } from '../sandbox/admin-setup';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { createApp } from '../functions/src/app/composition-root';
import { loadConfig } from '../functions/src/config';
import { provisionAllUsers } from '../functions/src/services/users/provision-all-users';
import { startClm } from '../sandbox/clm';
import { startDataverse } from '../sandbox/dataverse';
import { defaultWorld } from '../sandbox/dataverse/defaults';
import { startIdentity } from '../sandbox/identity';
import { CONNECTOR_APP, ROLE_NAMES, TENANT_ID } from '../sandbox/seed/identities';

const USERS = Number(process.env.BENCH_USERS ?? 5000);
const TEAMS = 10;
const TEAM_SIZE = 50;

/** The demo seed plus USERS interactive users, each with one connector role, and TEAMS CLM- teams. */
function seedWithUsers() {
  const world = defaultWorld();
  const seed = world.seed;
  const template = seed.systemuser.find((u) => u.accessmode === 0)!;
  const roleOf = (name: string) => world.roles.find((r) => r.name === name)!.roleId;
  const mix = [ROLE_NAMES.user, ROLE_NAMES.user, ROLE_NAMES.user, ROLE_NAMES.sendToSign, ROLE_NAMES.readOnly, ROLE_NAMES.user, ROLE_NAMES.admin].map(roleOf);
  const ids: string[] = [];
  for (let i = 0; i < USERS; i++) {
    const id = randomUUID();
    ids.push(id);
    seed.systemuser.push({
      ...template,
      systemuserid: id,
      firstname: 'Bench',
      lastname: `User ${i}`,
      fullname: `Bench User ${i}`,
      internalemailaddress: `bench${i}@contoso.example`,
      domainname: `bench${i}@contoso.example`,
      azureactivedirectoryobjectid: randomUUID(),
      isdisabled: false,
      accessmode: 0,
    });
    seed.systemuserroles.push({ systemuserroleid: randomUUID(), systemuserid: id, roleid: mix[i % mix.length] });
  }
  for (let t = 0; t < TEAMS; t++) {
    const teamid = randomUUID();
    const team = seed.team.find((x) => x.teamtype === 0)!;
    seed.team.push({ ...team, teamid, name: `CLM-Bench ${t}` });
    for (let m = 0; m < TEAM_SIZE; m++) seed.teammembership.push({ teammembershipid: randomUUID(), systemuserid: ids[t * TEAM_SIZE + m], teamid });
  }
  return seed;
}

export async function run(): Promise<Record<string, unknown>> {
  const identity = await startIdentity({ resources: [] });
  const dataverse = await startDataverse({
    issuer: identity.issuer,
    jwksUri: identity.jwksUri,
    seed: seedWithUsers(),
    roles: defaultWorld().roles,
    schema: undefined,
  });
  identity.addResource(dataverse.url);
  await setUpDynamicsAsAdmin({ tokenEndpoint: identity.tokenEndpoint, dataverse });
  const clm = await startClm();
  try {
    const config = loadConfig({
      DATAVERSE_URL: dataverse.url,
      AZURE_TENANT_ID: TENANT_ID,
      AZURE_CLIENT_ID: CONNECTOR_APP.clientId,
      AZURE_CLIENT_SECRET: CONNECTOR_APP.clientSecret,
      AZURE_AUTHORITY_HOST: identity.authorityHost,
      AzureWebJobsStorage: 'UseDevelopmentStorage=true',
      SCIM_URL: clm.scimBase,
      SCIM_TOKEN: await clm.issueScimToken(),
    });
    const deps = createApp(config).users.provisioning();
    const progress = { report: () => undefined, error: (item: string, message: string) => console.error(`${item}: ${message}`) };
    const log = async () => (await (await fetch(`${clm.apiBase}/_sandbox/scim/requests`)).json()) as { method: string }[];
    const forget = () => fetch(`${clm.apiBase}/_sandbox/scim/requests`, { method: 'DELETE' });

    await forget();
    let started = performance.now();
    const first = await provisionAllUsers(deps, progress);
    const firstRunS = (performance.now() - started) / 1000;
    const firstRunRequests = (await log()).length;
    if (first.created < USERS) throw new Error(`The first run created ${first.created} users, not ${USERS}: ${JSON.stringify(first)}`);

    await forget();
    started = performance.now();
    await provisionAllUsers(deps, progress);
    const secondRunS = (performance.now() - started) / 1000;
    const second = await log();
    return {
      users: USERS,
      firstRunS: Math.round(firstRunS * 10) / 10,
      firstRunRequests,
      secondRunS: Math.round(secondRunS * 10) / 10,
      secondRunRequests: second.length,
      secondRunWrites: second.filter((c) => c.method !== 'GET').length,
    };
  } finally {
    await clm.close();
    await dataverse.close();
    await identity.close();
  }
}
