/**
 * Contact sync at 10,000 contacts (issue 15): Dynamics holds 10,000 contacts, the CLM already has
 * 5,000 of them (same e-mail; 1,000 with another phone). A full sync, then an incremental run with
 * nothing changed. Requests are counted where they happen: the Dataverse emulator's request log
 * and the CLM sandbox's request counter; writes are the POST/PATCH/DELETE among them.
 * `takeover*`: then a full sync of the (now in-sync) contacts as a long run on two host processes,
 * the one holding it killed (SIGKILL) after 2,000 steps: seconds from the kill to the run going on
 * under the other host, which runs it to the end (bench/lib/takeover.ts). `oneHost*`: before that,
 * a full sync of the in-sync contacts as a long run on one host process, nobody killed: it must
 * end succeeded in one attempt (issue 23: 20,000 in-sync contacts).
 *
 *   npm run bench -- contact-sync
 *   CONTACT_SYNC_BENCH_CONTACTS=20000 npm run bench -- contact-sync   (issue 23's 20,000 contacts)
 */
import { setUpDynamicsAsAdmin } from '../sandbox/admin-setup';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { createApp } from '../functions/src/app/composition-root';
import { loadConfig } from '../functions/src/config';
import { syncContacts } from '../functions/src/services/contacts/sync-contacts';
import type { RunProgress } from '../functions/src/services/contacts/ports';
import { startAzurite } from '../sandbox/azurite';
import { startClm } from '../sandbox/clm';
import { clmSandboxVariables, connectorAdmin } from '../sandbox/dataverse-admin';
import { startDataverse } from '../sandbox/dataverse';
import { defaultWorld } from '../sandbox/dataverse/defaults';
import { startIdentity } from '../sandbox/identity';
import { connectorSettings } from '../sandbox/world';
import { measureOneHostRun, measureTakeover } from './lib/takeover';

/** CONTACT_SYNC_BENCH_CONTACTS: another size (issue 15's figure is 10,000, issue 23's 20,000; smaller for profiling). */
const CONTACTS = Number(process.env.CONTACT_SYNC_BENCH_CONTACTS ?? 10_000);
const IN_CLM = CONTACTS / 2;
const OTHER_PHONE = CONTACTS / 10;

const quiet: RunProgress = { report: () => undefined, error: () => undefined };

export async function run(): Promise<Record<string, unknown>> {
  const world = defaultWorld();
  const owner = world.seed.contact[0].ownerid;
  const contacts = Array.from({ length: CONTACTS }, (_, i) => ({
    contactid: randomUUID(),
    firstname: `First${i}`,
    lastname: `Last${i}`,
    fullname: `First${i} Last${i}`,
    emailaddress1: `person.${i}@bench.example`,
    telephone1: `+33 1 00 ${String(i).padStart(6, '0')}`,
    statecode: 0,
    statuscode: 1,
    ...(owner ? { ownerid: owner } : {}),
  }));
  const identity = await startIdentity({ resources: [] });
  const dataverse = await startDataverse({
    issuer: identity.issuer,
    jwksUri: identity.jwksUri,
    schema: world.schema,
    roles: world.roles,
    seed: { ...world.seed, contact: [...world.seed.contact, ...contacts] },
  });
  identity.addResource(dataverse.url);
  await setUpDynamicsAsAdmin({ tokenEndpoint: identity.tokenEndpoint, dataverse });
  const storage = await startAzurite();
  const clm = await startClm({ autoLifecycle: false });
  try {
    const admin = connectorAdmin(identity, dataverse);
    await admin.setEnvironmentVariables({ ...(await clmSandboxVariables(clm)), dtclm_contactsync_settings: '{"scope":"all"}' });
    // Half the contacts are already in the CLM's address book, made there by a CLM user.
    for (let i = 0; i < IN_CLM; i += 50) {
      await Promise.all(
        contacts.slice(i, Math.min(i + 50, IN_CLM)).map((c, j) =>
          fetch(`${clm.apiBase}/_sandbox/contacts`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({
              firstName: c.firstname,
              lastName: c.lastname,
              email: c.emailaddress1,
              phone: i + j < OTHER_PHONE ? '+44 20 0000 0000' : c.telephone1,
            }),
          }),
        ),
      );
    }
    const config = loadConfig(connectorSettings(identity, dataverse, storage));
    const deps = createApp(config, { contacts: { stateBlob: `contact-sync-bench-${randomUUID()}.json` } }).contacts;

    const dataverseRequests = async () => (await (await fetch(`${dataverse.url}/_sandbox/requests`)).json()) as { method: string }[];
    const clmStats = async () =>
      (await (await fetch(`${clm.apiBase}/_sandbox/stats`)).json()) as { requests: number; requestsByMethod: Record<string, number> };
    const clmWrites = (s: { requestsByMethod: Record<string, number> }) => (s.requestsByMethod.POST ?? 0) + (s.requestsByMethod.PATCH ?? 0);

    const measure = async (mode: 'full' | 'incremental') => {
      const dv0 = (await dataverseRequests()).length;
      const clm0 = await clmStats();
      const t0 = performance.now();
      const result = await syncContacts(deps, mode, quiet);
      const seconds = (performance.now() - t0) / 1000;
      const dvLog = (await dataverseRequests()).slice(dv0);
      const clm1 = await clmStats();
      return {
        result,
        seconds: Math.round(seconds * 100) / 100,
        dataverseRequests: dvLog.length,
        clmRequests: clm1.requests - clm0.requests,
        writes: dvLog.filter((r) => r.method !== 'GET').length + clmWrites(clm1) - clmWrites(clm0),
      };
    };

    const full = await measure('full');
    if (full.result.counts.failed > 0) throw new Error(`Full sync failed for ${full.result.counts.failed} contacts: ${full.result.errors[0]?.message}`);
    const incremental = await measure('incremental');
    if (incremental.result.fellBackToFull) throw new Error('The incremental run fell back to a full sync.');
    const app = createApp(config);
    const startFull = async () => (await app.runs.start('contacts', { mode: 'full' }, 'api')).run.runId;
    const oneHost = await measureOneHostRun(connectorSettings(identity, dataverse, storage), 'contacts', startFull);
    const takeover = await measureTakeover(connectorSettings(identity, dataverse, storage), 'contacts', startFull, 2000);
    return {
      contacts: CONTACTS,
      fullSyncS: full.seconds,
      fullSyncDataverseRequests: full.dataverseRequests,
      fullSyncClmRequests: full.clmRequests,
      incrementalS: incremental.seconds,
      incrementalDataverseRequests: incremental.dataverseRequests,
      incrementalClmRequests: incremental.clmRequests,
      incrementalWrites: incremental.writes,
      fullSync: full.result.counts,
      ...oneHost,
      ...takeover,
    };
  } finally {
    await clm.close().catch(() => undefined);
    await storage.close().catch(() => undefined);
    await dataverse.close().catch(() => undefined);
    await identity.close().catch(() => undefined);
  }
}
