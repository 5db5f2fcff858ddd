/**
 * The people and applications of the sandbox world, shared by the identity emulator (who can sign
 * in, which object id their token carries) and the Dataverse emulator (the matching systemuser
 * rows, their roles, teams and settings). Fixed ids so that tests and docs can name them.
 */

export const TENANT_ID = '5a1d6c3e-2b7f-4e90-9a41-0d1e2c3b4a50';
export const SANDBOX_PASSWORD = 'sandbox';

/** The connector's app registration: its identity toward Dataverse and the audience of its API. */
export const CONNECTOR_APP = {
  clientId: '8c4f1e2a-6b3d-4c5e-9f70-1a2b3c4d5e60',
  clientSecret: 'sandbox-connector-secret',
  /** Object id of the app's service principal: the `oid` of its client-credentials tokens. */
  servicePrincipalObjectId: '8c4f1e2a-6b3d-4c5e-9f70-0000000000a1',
  /** The application user that stands for it in Dataverse. */
  systemUserId: '8c4f1e2a-6b3d-4c5e-9f70-0000000000a2',
  displayName: 'DiliTrust CLM Connector',
} as const;

/** A public client (the web resources / form harness) that may ask for tokens for the connector API. */
export const WEB_CLIENT = {
  clientId: '3e9b7a51-4c2d-4f8e-b6a0-7d1c2e3f4a50',
  displayName: 'DiliTrust CLM web resources',
} as const;

/**
 * Dynamics 365 itself, as it signs people in to the org before any web resource runs (its
 * first-party app id, "Dynamics CRM"). The harness ("Dynamics") signs a person in with it at a
 * `web` redirect URI of its own and redeems the code server-side, which leaves the Entra session
 * the pages' ssoSilent then uses. The secret is the sandbox's stand-in for Microsoft's own credential.
 */
export const DYNAMICS_APP = {
  clientId: '00000007-0000-0000-c000-000000000000',
  clientSecret: 'sandbox-dynamics-secret',
  displayName: 'Dynamics CRM',
} as const;

export const ROLE_NAMES = {
  user: 'Dilitrust CLM User',
  sendToSign: 'Dilitrust CLM Send to Sign',
  readOnly: 'Dilitrust CLM ReadOnly',
  admin: 'Dilitrust CLM Admin',
  /** Ordinary Dynamics roles that grant (or limit) reading sales records. */
  salesperson: 'Salesperson',
  salespersonOwnRecords: 'Salesperson (own records)',
  systemAdministrator: 'System Administrator',
} as const;

export interface DemoUser {
  key: string;
  upn: string;
  objectId: string;
  systemUserId: string;
  firstName: string;
  lastName: string;
  /** IANA zone, and the Windows time zone code Dataverse stores in usersettings.timezonecode. */
  timeZone: string;
  timeZoneCode: number;
  /** usersettings.localeid: 1033 en-US, 1036 fr-FR. */
  localeId: number;
  isDisabled: boolean;
  roles: string[];
  teams: string[];
}

function user(
  key: string,
  n: number,
  firstName: string,
  lastName: string,
  opts: Partial<Pick<DemoUser, 'timeZone' | 'timeZoneCode' | 'localeId' | 'isDisabled' | 'roles' | 'teams'>>,
): DemoUser {
  const hex = n.toString(16).padStart(2, '0');
  return {
    key,
    upn: `${key}@contoso.example`,
    objectId: `0b7e55e0-1a2b-4c3d-8e4f-0000000000${hex}`,
    systemUserId: `5e7e55e0-1a2b-4c3d-8e4f-0000000000${hex}`,
    firstName,
    lastName,
    timeZone: opts.timeZone ?? 'Europe/Paris',
    timeZoneCode: opts.timeZoneCode ?? 105,
    localeId: opts.localeId ?? 1033,
    isDisabled: opts.isDisabled ?? false,
    roles: opts.roles ?? [],
    teams: opts.teams ?? [],
  };
}

const R = ROLE_NAMES;

/** Demo users; the issue texts and tests refer to them by `upn`. */
export const DEMO_USERS: DemoUser[] = [
  user('rep', 1, 'Rémi', 'Durand', { roles: [R.salesperson, R.user], localeId: 1036 }),
  user('signer', 2, 'Sam', 'Signer', {
    roles: [R.salesperson, R.user, R.sendToSign],
    timeZone: 'America/New_York',
    timeZoneCode: 35,
  }),
  user('reader', 3, 'Rita', 'Reader', { roles: [R.salesperson, R.readOnly] }),
  user('admin', 4, 'Alex', 'Admin', { roles: [R.systemAdministrator, R.admin], teams: ['CLM-Legal'] }),
  user('norole', 5, 'Noah', 'Norole', { roles: [R.salesperson] }),
  user('disabled', 6, 'Dana', 'Disabled', { roles: [R.salesperson, R.user], isDisabled: true }),
  user('restricted', 7, 'Rob', 'Restricted', { roles: [R.salespersonOwnRecords, R.user] }),
  /** Gets the CLM User role only through the team "Contract Requesters". */
  user('teamrep', 8, 'Tea', 'Mrep', { roles: [R.salesperson], teams: ['Contract Requesters'] }),
];

/** Teams and the roles they hold (members inherit them). */
export const DEMO_TEAMS: { name: string; teamId: string; roles: string[] }[] = [
  { name: 'Contract Requesters', teamId: '7ea70000-1a2b-4c3d-8e4f-000000000001', roles: [R.user] },
  { name: 'CLM-Legal', teamId: '7ea70000-1a2b-4c3d-8e4f-000000000002', roles: [] },
];

export function demoUser(key: string): DemoUser {
  const found = DEMO_USERS.find((u) => u.key === key || u.upn === key);
  if (!found) throw new Error(`No demo user "${key}"`);
  return found;
}
