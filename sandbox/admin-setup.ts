/**
 * What an admin does in Dynamics right after importing the solution, as docs/admin-guide.md says,
 * done through the Web API signed in as admin@contoso.example (System Administrator, a delegated
 * token from the identity emulator), as the maker portal and the admin center do it:
 *
 * - Step 3: create the connector's application user (a systemuser with the app registration's
 *   `applicationid`, "Create an application user" in Microsoft's admin docs), then give it the
 *   shipped **Dilitrust CLM Connector** role, assigned to it directly
 *   (`systemusers(id)/systemuserroles_association/$ref`): impersonation ignores a role held
 *   through a team.
 * - Step 9: give people (and teams) their roles, as identities.ts says.
 *
 * Step 4 (the environment variables) is `dataverse-admin.ts`, run once the functions' URL is known.
 * Each step carries the admin guide's step title; tests/build/admin-guide-steps.test.ts holds the
 * two in step.
 */
import { demoUserToken } from './identity/demo-tokens';
import { CONNECTOR_APP, DEMO_TEAMS, DEMO_USERS, ROLE_NAMES } from './seed/identities';

/** The admin guide's step titles (its `## ` headings), which the sandbox's steps follow. */
export const ADMIN_GUIDE_STEPS = {
  applicationUser: 'Step 3. Create the application user and give it the Dilitrust CLM Connector role',
  environmentVariables: 'Step 4. Set the environment variables',
  peoplesRoles: 'Step 9. Give users their roles, and provision them in the CLM',
} as const;

/** The role the solution ships for the application user (solution/model/roles.ts). */
export const CONNECTOR_APPLICATION_ROLE_NAME = 'Dilitrust CLM Connector';

/** One scripted step: the guide's step it follows and what it does there. */
export interface AdminStep {
  guideStep: (typeof ADMIN_GUIDE_STEPS)[keyof typeof ADMIN_GUIDE_STEPS];
  /** What the admin does, in the guide's words (the guide's step names it). */
  action: string;
  /** Roles this step assigns (the guide's step names each). */
  roles: string[];
}

/** The roles people and teams get in step 9: the demo facts of identities.ts, System Administrator aside (the admin had it before install). */
export function peoplesRoleAssignments(): { principal: 'systemuser' | 'team'; id: string; name: string; roles: string[] }[] {
  return [
    ...DEMO_USERS.map((u) => ({
      principal: 'systemuser' as const,
      id: u.systemUserId,
      name: u.upn,
      roles: u.roles.filter((r) => r !== ROLE_NAMES.systemAdministrator),
    })),
    ...DEMO_TEAMS.map((t) => ({ principal: 'team' as const, id: t.teamId, name: t.name, roles: t.roles })),
  ].filter((a) => a.roles.length > 0);
}

/** The steps the sandbox runs, in order, each with the guide step it follows. */
export function adminSteps(): AdminStep[] {
  const peoplesRoles = [...new Set(peoplesRoleAssignments().flatMap((a) => a.roles))];
  return [
    { guideStep: ADMIN_GUIDE_STEPS.applicationUser, action: 'New app user', roles: [] },
    { guideStep: ADMIN_GUIDE_STEPS.applicationUser, action: 'Security roles', roles: [CONNECTOR_APPLICATION_ROLE_NAME] },
    // Done by dataverse-admin.ts once the functions' URL is known (world.ts), not by setUpDynamicsAsAdmin.
    { guideStep: ADMIN_GUIDE_STEPS.environmentVariables, action: 'New value', roles: [] },
    { guideStep: ADMIN_GUIDE_STEPS.peoplesRoles, action: 'Manage security roles', roles: peoplesRoles },
  ];
}

interface SetupOptions {
  /** The identity emulator's token endpoint, where admin@contoso.example signs in... */
  tokenEndpoint?: string;
  /** ...or the admin's Dataverse token, from an identity of the test's own. */
  adminToken?: () => Promise<string>;
  /** The environment URL (token audience) and its Web API base. */
  dataverse: { url: string; apiUrl: string };
}

export interface SetupResult {
  applicationUserId: string;
}

/** Runs steps 3 and 9 once; running them again changes nothing (each looks before it adds). */
export async function setUpDynamicsAsAdmin(opts: SetupOptions): Promise<SetupResult> {
  const token = opts.adminToken
    ? await opts.adminToken()
    : await demoUserToken(opts.tokenEndpoint ?? '', 'admin', `${opts.dataverse.url.replace(/\/+$/, '')}/.default`);
  const api = opts.dataverse.apiUrl.replace(/\/+$/, '');
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T | undefined> => {
    const res = await fetch(`${api}/${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${token}`,
        Accept: 'application/json',
        'OData-MaxVersion': '4.0',
        'OData-Version': '4.0',
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`Admin step ${method} ${path.split('?')[0]} failed: ${res.status} ${text.slice(0, 300)}`);
    return text ? (JSON.parse(text) as T) : undefined;
  };
  const quoted = (s: string) => `'${s.replace(/'/g, "''")}'`;

  // Step 3, New app user: in the root business unit, as the admin center offers.
  const root = (await call<{ value: { businessunitid: string }[] }>('GET', 'businessunits?$select=businessunitid&$filter=_parentbusinessunitid_value eq null'))!
    .value[0];
  if (!root) throw new Error('Dataverse has no root business unit');
  const existing = await call<{ value: { systemuserid: string }[] }>(
    'GET',
    `systemusers?$select=systemuserid&$filter=applicationid eq ${CONNECTOR_APP.clientId}`,
  );
  let applicationUserId = existing?.value[0]?.systemuserid;
  if (!applicationUserId) {
    await call('POST', 'systemusers', {
      // A fixed id, so that the sandbox's tests can name the application user.
      systemuserid: CONNECTOR_APP.systemUserId,
      applicationid: CONNECTOR_APP.clientId,
      firstname: '#',
      lastname: CONNECTOR_APP.displayName,
      domainname: `${CONNECTOR_APP.clientId}@contoso.example`,
      internalemailaddress: `${CONNECTOR_APP.clientId}@contoso.example`,
      azureactivedirectoryobjectid: CONNECTOR_APP.servicePrincipalObjectId,
      accessmode: 4,
      islicensed: false,
      'businessunitid@odata.bind': `/businessunits(${root.businessunitid})`,
    });
    applicationUserId = CONNECTOR_APP.systemUserId;
  }

  const roleIdOf = new Map<string, string>();
  const roleId = async (name: string): Promise<string> => {
    const known = roleIdOf.get(name);
    if (known) return known;
    const found = await call<{ value: { roleid: string }[] }>(
      'GET',
      `roles?$select=roleid&$filter=name eq ${quoted(name)} and _businessunitid_value eq ${root.businessunitid}`,
    );
    const id = found?.value[0]?.roleid;
    if (!id) throw new Error(`Dataverse has no role "${name}" (is the solution imported?)`);
    roleIdOf.set(name, id);
    return id;
  };
  // Associating a role twice is a duplicate key in Dataverse: look first.
  const assign = async (principal: 'systemuser' | 'team', id: string, roles: string[]) => {
    const set = principal === 'systemuser' ? 'systemusers' : 'teams';
    const nav = principal === 'systemuser' ? 'systemuserroles_association' : 'teamroles_association';
    const held = await call<{ value: { roleid: string }[] }>('GET', `${set}(${id})/${nav}?$select=roleid`);
    const heldIds = new Set(held?.value.map((r) => r.roleid.toLowerCase()));
    for (const name of roles) {
      const rid = await roleId(name);
      if (!heldIds.has(rid.toLowerCase())) await call('POST', `${set}(${id})/${nav}/$ref`, { '@odata.id': `${api}/roles(${rid})` });
    }
  };

  // Step 3, Security roles: the shipped Connector role, to the application user itself.
  await assign('systemuser', applicationUserId, [CONNECTOR_APPLICATION_ROLE_NAME]);
  // Step 9: people's and teams' roles.
  for (const a of peoplesRoleAssignments()) await assign(a.principal, a.id, a.roles);
  return { applicationUserId };
}
