/**
 * The world contact sync runs in: identity, the Dataverse emulator, Azurite, the CLM sandbox (the
 * platform world), the connector's real adapters wired by app/contact-sync.ts, and helpers that act
 * as people do: a sales user editing contacts in Dynamics (their own token, so `modifiedby` is
 * theirs) and a CLM user editing the address book (the CLM's /_sandbox controls). Effects are
 * counted where they happen: the emulator's request log and the CLM sandbox's requests by method.
 */
import { randomUUID } from 'node:crypto';
import { createApp } from '../../../functions/src/app/composition-root';
import type { ContactSyncDeps, RunProgress } from '../../../functions/src/services/contacts/ports';
import { syncContacts, type ContactSyncMode } from '../../../functions/src/services/contacts/sync-contacts';
import type { ContactSyncResult } from '../../../functions/src/services/contacts/run-report';
import type { Contact } from '../../../sandbox/clm/contacts/contact-store';
import { demoUserToken } from '../../../sandbox/identity';
import { startPlatformWorld, type PlatformWorld } from '../platform/world';

interface DynamicsRow {
  contactid: string;
  firstname: string | null;
  lastname: string | null;
  emailaddress1: string | null;
  telephone1: string | null;
  statecode: number;
  modifiedon: string;
}

/** A CLM contact as its API answers it (clm-api.yaml Contact). */
type ClmRow = Contact;

interface LinkRow {
  dtclm_contactlinkid: string;
  _dtclm_contactid_value: string;
  dtclm_clmcontactid: string | null;
  dtclm_syncstate: number;
  dtclm_lasterror: string | null;
  dtclm_syncedvalues: string | null;
  dtclm_name: string | null;
}

export const SYNC_STATE = { inSync: 718900000, error: 718900002, conflict: 718900003 };

export interface ContactWorld {
  world: PlatformWorld;
  deps: ContactSyncDeps;
  run(mode: ContactSyncMode, deps?: ContactSyncDeps): Promise<ContactSyncResult & { reported: { item: string; message: string }[] }>;
  unique(): string;
  // Dynamics, as a sales user
  createInDynamics(row: Partial<DynamicsRow>): Promise<string>;
  changeInDynamics(id: string, row: Partial<DynamicsRow>): Promise<void>;
  deleteInDynamics(id: string): Promise<void>;
  dynamics(id: string): Promise<DynamicsRow | undefined>;
  dynamicsByEmail(email: string): Promise<DynamicsRow[]>;
  link(contactId: string): Promise<LinkRow | undefined>;
  /** A link row by its id, whatever its contact (undefined: 404). */
  linkRow(rowId: string): Promise<LinkRow | undefined>;
  /** A Web API call as the demo admin (Dilitrust CLM Admin: every privilege on the connector's tables). */
  asAdmin<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
  // CLM, as a CLM user
  createInClm(body: Partial<ClmRow>): Promise<ClmRow>;
  changeInClm(id: string, body: Partial<ClmRow>): Promise<ClmRow>;
  deactivateInClm(id: string): Promise<ClmRow>;
  clm(id: string): Promise<ClmRow>;
  clmByEmail(email: string): Promise<ClmRow[]>;
  // effects
  mark(): Promise<{
    dataverseWrites(): Promise<{ method: string; url: string; status: number }[]>;
    clmWrites(): Promise<number>;
    dataverseRequests(): Promise<number>;
    clmRequests(): Promise<number>;
  }>;
  close(): Promise<void>;
}

export async function startContactWorld(settings = '{"scope":"all"}'): Promise<ContactWorld> {
  const world = await startPlatformWorld();
  await world.admin.setEnvironmentVariables({ dtclm_contactsync_settings: settings });
  const deps = createApp(world.config, { contacts: { stateBlob: `contact-sync-${randomUUID()}.json` } }).contacts;
  const userToken = () => demoUserToken(world.identity.tokenEndpoint, 'admin', `${world.dataverse.url}/.default`);
  const dv = async <T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T; headers: Headers }> => {
    const res = await fetch(`${world.dataverse.apiUrl}${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${await userToken()}`,
        'Content-Type': 'application/json',
        Accept: 'application/json',
        Prefer: 'return=representation',
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T, headers: res.headers };
  };
  const ok = <T>(r: { status: number; body: T }, what: string) => {
    if (r.status >= 300) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const clmApi = async <T>(path: string): Promise<T> => {
    const tokens = await world.clm.issueTokens();
    const res = await fetch(`${world.clm.apiBase}${path}`, { headers: { Authorization: `Bearer ${tokens.access_token}` } });
    return (await res.json()) as T;
  };
  const SELECT = '$select=contactid,firstname,lastname,emailaddress1,telephone1,statecode,modifiedon';
  let n = 0;
  const requestLog = async () => (await (await fetch(`${world.dataverse.url}/_sandbox/requests`)).json()) as { method: string; url: string; status: number }[];
  const clmStats = () => world.clmControl<{ requests: number; requestsByMethod: Record<string, number> }>('GET', '/stats');

  return {
    world,
    deps,
    async run(mode, d = deps) {
      const reported: { item: string; message: string }[] = [];
      const progress: RunProgress = { report: () => undefined, error: (item, message) => reported.push({ item, message }) };
      return { ...(await syncContacts(d, mode, progress)), reported };
    },
    unique: () => `${Date.now().toString(36)}${(n += 1)}${randomUUID().slice(0, 4)}`,
    async createInDynamics(row) {
      const created = ok(await dv<DynamicsRow>('POST', `contacts?${SELECT}`, row), 'create contact');
      return created.contactid;
    },
    async changeInDynamics(id, row) {
      ok(await dv('PATCH', `contacts(${id})`, row), 'change contact');
    },
    async deleteInDynamics(id) {
      ok(await dv('DELETE', `contacts(${id})`), 'delete contact');
    },
    async dynamics(id) {
      const r = await dv<DynamicsRow>('GET', `contacts(${id})?${SELECT}`);
      return r.status === 404 ? undefined : ok(r, 'read contact');
    },
    async dynamicsByEmail(email) {
      return ok(await dv<{ value: DynamicsRow[] }>('GET', `contacts?${SELECT}&$filter=${encodeURIComponent(`emailaddress1 eq '${email}'`)}`), 'find contacts')
        .value;
    },
    async link(contactId) {
      const r = ok(
        await dv<{ value: LinkRow[] }>(
          'GET',
          `dtclm_contactlinks?$select=dtclm_contactlinkid,_dtclm_contactid_value,dtclm_clmcontactid,dtclm_syncstate,dtclm_lasterror,dtclm_syncedvalues,dtclm_name&$filter=_dtclm_contactid_value eq ${contactId}`,
        ),
        'read link',
      );
      return r.value[0];
    },
    async linkRow(rowId) {
      const r = await dv<LinkRow>('GET', `dtclm_contactlinks(${rowId})?$select=dtclm_contactlinkid,_dtclm_contactid_value,dtclm_clmcontactid,dtclm_syncstate`);
      return r.status === 404 ? undefined : ok(r, 'read link row');
    },
    asAdmin: (method, path, body) => dv(method, path, body),
    createInClm: (body) => world.clmControl<ClmRow>('POST', '/contacts', body),
    changeInClm: (id, body) => world.clmControl<ClmRow>('PATCH', `/contacts/${encodeURIComponent(id)}`, body),
    deactivateInClm: (id) => world.clmControl<ClmRow>('POST', `/contacts/${encodeURIComponent(id)}/deactivate`),
    clm: (id) => clmApi<ClmRow>(`/contacts/${encodeURIComponent(id)}`),
    clmByEmail: async (email) => (await clmApi<{ data: ClmRow[] }>(`/contacts?email=${encodeURIComponent(email)}`)).data,
    async mark() {
      const dvStart = (await requestLog()).length;
      const clmStart = await clmStats();
      const clmPosts = (s: { requestsByMethod: Record<string, number> }) => (s.requestsByMethod.POST ?? 0) + (s.requestsByMethod.PATCH ?? 0);
      return {
        dataverseWrites: async () => (await requestLog()).slice(dvStart).filter((r) => r.method !== 'GET'),
        dataverseRequests: async () => (await requestLog()).length - dvStart,
        // POST /oauth/token is a CLM POST too: the connector's token refreshes are not contact writes.
        clmWrites: async () => clmPosts(await clmStats()) - clmPosts(clmStart),
        clmRequests: async () => (await clmStats()).requests - clmStart.requests,
      };
    },
    close: () => world.close(),
  };
}
