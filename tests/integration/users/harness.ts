/**
 * The world for the provisioning tests: startWorld() (the functions host with SCIM_URL/SCIM_TOKEN of
 * the built-in CLM), Dynamics changed as an admin changes it (the Web API with admin@contoso.example's
 * own token: System Administrator), provisioning started as an admin starts it
 * (`POST /api/admin/users/sync`), and the CLM's users and groups read through the sandbox's controls.
 */
import { randomUUID } from 'node:crypto';
import { syncUserAnswerSchema } from '../../../api/admin';
import { demoUserToken } from '../../../sandbox/identity/demo-tokens';
import { demoUser } from '../../../sandbox/seed/identities';
import { startWorld, type World } from '../../../sandbox/world';

export interface ClmUserView {
  id: string;
  userName: string;
  externalId?: string;
  active: boolean;
  role?: string;
  roleId: string;
  name?: { givenName?: string; familyName?: string };
}

export interface ScimCall {
  method: string;
  path: string;
  status: number;
}

export class ProvisioningHarness {
  private adminDataverseToken?: string;
  private adminApiToken?: string;
  private constructor(readonly world: World) {}

  /** `settings` are added to the functions' (e.g. a short CLM_TIMEOUT_MS for the time-out tests). */
  static async start(settings: Record<string, string> = {}): Promise<ProvisioningHarness> {
    // Short back-off so that 5 tries of a 500 take milliseconds; Retry-After is still waited out in full.
    const world = await startWorld({
      settings: { RETRY_BASE_DELAY_MS: '10', RETRY_MAX_DELAY_MS: '50', ENV_VARS_TTL_SECONDS: '0', ...settings },
      functionsLogHandler: () => undefined,
    });
    return new ProvisioningHarness(world);
  }

  close(): Promise<void> {
    return this.world.close();
  }

  private get clmControls(): string {
    return `${this.world.clm!.apiBase}/_sandbox/scim`;
  }

  async control<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.clmControls}${path}`, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`SCIM control ${method} ${path}: ${res.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  clmUsers(): Promise<ClmUserView[]> {
    return this.control('GET', '/users');
  }

  async clmUser(userName: string): Promise<ClmUserView | undefined> {
    return (await this.clmUsers()).find((u) => u.userName.toLowerCase() === userName.toLowerCase());
  }

  /** The members of the CLM group of that displayName (as the CLM holds them), undefined when there is none. */
  async groupMembers(displayName: string): Promise<string[] | undefined> {
    return (await this.clmGroups())
      .find((g) => g.displayName === displayName)
      ?.memberUserNames.slice()
      .sort();
  }

  clmGroups(): Promise<{ id: string; displayName: string; memberUserNames: string[] }[]> {
    return this.control('GET', '/groups');
  }

  scimCalls(): Promise<ScimCall[]> {
    return this.control('GET', '/requests');
  }

  async forgetScimCalls(): Promise<void> {
    await this.control('DELETE', '/requests');
  }

  /** The SCIM calls that change something (as the CLM logged them). */
  async scimWrites(): Promise<ScimCall[]> {
    return (await this.scimCalls()).filter((c) => c.method !== 'GET');
  }

  // --- Dynamics, as an admin changes it ---

  async dv<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<T> {
    this.adminDataverseToken ??= await demoUserToken(this.world.identity.tokenEndpoint, 'admin', `${this.world.dataverse.url}/.default`);
    const res = await fetch(`${this.world.dataverse.apiUrl.replace(/\/+$/, '')}/${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${this.adminDataverseToken}`,
        Accept: 'application/json',
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        Prefer: 'return=representation',
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`Dataverse ${method} ${path}: ${res.status} ${text}`);
    return (text ? JSON.parse(text) : {}) as T;
  }

  async roleId(name: string): Promise<string> {
    const found = await this.dv<{ value: { roleid: string }[] }>('GET', `roles?$select=roleid&$filter=name eq '${name.replace(/'/g, "''")}'`);
    if (!found.value[0]) throw new Error(`No role ${name}`);
    return found.value[0].roleid;
  }

  /** A new interactive user in Dynamics (as an admin adds someone), with these roles. */
  async addUser(
    key: string,
    opts: { roles?: string[]; objectId?: string | null; firstName?: string; lastName?: string } = {},
  ): Promise<{ systemUserId: string; email: string; objectId?: string }> {
    const email = `${key}@contoso.example`;
    const objectId = opts.objectId === null ? undefined : (opts.objectId ?? randomUUID());
    const bu = await this.dv<{ _businessunitid_value: string }>('GET', `systemusers(${demoUser('rep').systemUserId})?$select=_businessunitid_value`);
    const row = await this.dv<{ systemuserid: string }>('POST', 'systemusers', {
      firstname: opts.firstName ?? key,
      lastname: opts.lastName ?? 'Tester',
      internalemailaddress: email,
      domainname: email,
      ...(objectId ? { azureactivedirectoryobjectid: objectId } : {}),
      isdisabled: false,
      accessmode: 0,
      'businessunitid@odata.bind': `/businessunits(${bu._businessunitid_value})`,
    });
    for (const role of opts.roles ?? []) await this.grantRole(row.systemuserid, role);
    return { systemUserId: row.systemuserid, email, ...(objectId ? { objectId } : {}) };
  }

  async grantRole(systemUserId: string, role: string): Promise<void> {
    await this.dv('POST', `systemusers(${systemUserId})/systemuserroles_association/$ref`, {
      '@odata.id': `${this.world.dataverse.apiUrl.replace(/\/+$/, '')}/roles(${await this.roleId(role)})`,
    });
  }

  async revokeRole(systemUserId: string, role: string): Promise<void> {
    await this.dv('DELETE', `systemusers(${systemUserId})/systemuserroles_association(${await this.roleId(role)})/$ref`);
  }

  async disable(systemUserId: string): Promise<void> {
    await this.dv('PATCH', `systemusers(${systemUserId})`, { isdisabled: true });
  }

  async addTeam(name: string, memberIds: string[], roles: string[] = []): Promise<string> {
    const bu = await this.dv<{ _businessunitid_value: string }>('GET', `systemusers(${demoUser('rep').systemUserId})?$select=_businessunitid_value`);
    const team = await this.dv<{ teamid: string }>('POST', 'teams', {
      name,
      teamtype: 0,
      'businessunitid@odata.bind': `/businessunits(${bu._businessunitid_value})`,
    });
    for (const id of memberIds) await this.addMember(team.teamid, id);
    for (const role of roles)
      await this.dv('POST', `teams(${team.teamid})/teamroles_association/$ref`, {
        '@odata.id': `${this.world.dataverse.apiUrl.replace(/\/+$/, '')}/roles(${await this.roleId(role)})`,
      });
    return team.teamid;
  }

  async addMember(teamId: string, systemUserId: string): Promise<void> {
    await this.dv('POST', `teams(${teamId})/teammembership_association/$ref`, {
      '@odata.id': `${this.world.dataverse.apiUrl.replace(/\/+$/, '')}/systemusers(${systemUserId})`,
    });
  }

  async removeMember(teamId: string, systemUserId: string): Promise<void> {
    await this.dv('DELETE', `teams(${teamId})/teammembership_association(${systemUserId})/$ref`);
  }

  async renameTeam(teamId: string, name: string): Promise<void> {
    await this.dv('PATCH', `teams(${teamId})`, { name });
  }

  async setScimSettings(settings: unknown): Promise<void> {
    await this.world.admin.setEnvironmentVariable('dtclm_scim_settings', JSON.stringify(settings));
  }

  async link(systemUserId: string): Promise<Record<string, unknown> | undefined> {
    const rows = await this.dv<{ value: Record<string, unknown>[] }>('GET', `dtclm_userlinks?$filter=_dtclm_systemuserid_value eq ${systemUserId}`);
    return rows.value[0];
  }

  // --- the connector, as an admin drives it ---

  /**
   * One user: the 200 answer. All users: the 202 of the long run, then its run as
   * `GET /api/admin/runs/{runId}` answers it once finished (`body.counts`, `body.errors`).
   */
  async sync(body: { systemUserId?: string } = {}): Promise<{ status: number; body: Record<string, any> }> {
    this.adminApiToken ??= await demoUserToken(this.world.identity.tokenEndpoint, 'admin');
    const headers = { Authorization: `Bearer ${this.adminApiToken}` };
    const res = await fetch(`${this.world.functions.url}/admin/users/sync`, {
      method: 'POST',
      headers: { ...headers, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    const answer = (await res.json()) as Record<string, any>;
    // One user's answer is held to the shared schema of the API (api/admin.ts).
    if (res.status === 200) return { status: 200, body: syncUserAnswerSchema.strict().parse(answer) };
    if (res.status !== 202) return { status: res.status, body: answer };
    const location = res.headers.get('location')!;
    for (const deadline = Date.now() + 50_000; Date.now() < deadline;) {
      const run = (await (await fetch(location, { headers })).json()) as Record<string, any>;
      if (run.state === 'succeeded' || run.state === 'failed') return { status: 202, body: run };
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`Run ${String(answer.runId)} did not finish in time`);
  }

  async health(): Promise<{ name: string; ok: boolean; detail: string }[]> {
    this.adminApiToken ??= await demoUserToken(this.world.identity.tokenEndpoint, 'admin');
    const res = await fetch(`${this.world.functions.url}/admin/health`, { headers: { Authorization: `Bearer ${this.adminApiToken}` } });
    return ((await res.json()) as { checks: { name: string; ok: boolean; detail: string }[] }).checks;
  }
}
