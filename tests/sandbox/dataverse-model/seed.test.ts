/**
 * The demo world is consistent with the schema and tells the story the tests and docs rely on:
 * rows fit their tables, references point at rows that exist, and the people of identities.ts
 * have the rights (and the limits) they are said to have.
 */
import { defaultWorld } from '../../../sandbox/dataverse/defaults';
import type { PrivilegeAction, PrivilegeDepth, RoleDef, SeedRow, SeedValue } from '../../../sandbox/dataverse/model/security-types';
import { OPPORTUNITY_CREATED_ON, SEED_IDS, TIME_ZONES } from '../../../sandbox/dataverse/seed';
import { CONNECTOR_APPLICATION_ROLE_NAME, peoplesRoleAssignments } from '../../../sandbox/admin-setup';
import { CONNECTOR_APP, DEMO_TEAMS, DEMO_USERS, ROLE_NAMES, demoUser } from '../../../sandbox/seed/identities';
import type { AttributeDef } from '../../../solution/model/types';

const world = defaultWorld();
const schema = world.schema;
const data = world.seed;
const allRoles = () => world.roles;
const seedData = () => defaultWorld().seed;
const tableDef = (name: string) => schema.tables.find((t) => t.logicalName === name)!;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function isRef(v: SeedValue): v is { entity: string; id: string } {
  return typeof v === 'object' && v !== null && 'entity' in v && 'id' in v;
}

/** Why a value does not fit its column, or undefined when it does. */
function misfit(a: AttributeDef, v: SeedValue): string | undefined {
  if (v === null) return undefined;
  switch (a.type) {
    case 'String':
    case 'Memo':
      if (typeof v !== 'string') return 'not a string';
      return v.length > (a.maxLength ?? Infinity) ? `longer than ${a.maxLength}` : undefined;
    case 'Integer':
    case 'BigInt':
      return Number.isInteger(v) ? undefined : 'not a whole number';
    case 'Decimal':
    case 'Double':
    case 'Money':
      return typeof v === 'number' ? undefined : 'not a number';
    case 'Boolean':
      return typeof v === 'boolean' ? undefined : 'not a boolean';
    case 'DateTime':
      if (typeof v !== 'string') return 'not a string';
      if (a.dateTimeBehavior === 'DateOnly') return DATE.test(v) ? undefined : 'not YYYY-MM-DD';
      return UTC.test(v) ? undefined : 'not ISO UTC';
    case 'Picklist':
    case 'State':
    case 'Status': {
      const os = typeof a.optionSet === 'string' ? schema.optionSets.find((o) => o.name === a.optionSet) : a.optionSet;
      return os?.options.some((o) => o.value === v) ? undefined : `not an option of ${os?.name}`;
    }
    case 'Lookup':
    case 'Customer':
    case 'Owner':
      if (!isRef(v)) return 'not an { entity, id } reference';
      return a.targets?.includes(v.entity) ? undefined : `${v.entity} is not a target`;
    case 'Uniqueidentifier':
      return typeof v === 'string' && GUID.test(v) ? undefined : 'not a GUID';
    default:
      return `no seed value expected for a ${a.type} column`;
  }
}

const rowsOf = (table: string): SeedRow[] => data[table] ?? [];
const ids = new Map<string, Set<string>>(
  Object.entries(data).map(([table, rows]) => [table, new Set(rows.map((r) => String(r[tableDef(table).primaryIdAttribute])))]),
);

describe('seed rows', () => {
  it('are only for tables of the schema', () => {
    for (const table of Object.keys(data)) expect(tableDef(table)).toBeDefined();
  });

  it.each(Object.keys(data))('%s: every attribute exists and holds a value of its kind', (table) => {
    const def = tableDef(table);
    const attrs = new Map(def.attributes.map((a) => [a.logicalName, a]));
    const problems: string[] = [];
    for (const row of rowsOf(table)) {
      for (const [name, value] of Object.entries(row)) {
        const a = attrs.get(name);
        if (!a) {
          problems.push(`${name}: no such column`);
          continue;
        }
        const why = misfit(a, value);
        if (why) problems.push(`${name}=${JSON.stringify(value)}: ${why}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it.each(Object.keys(data))('%s: every row has a unique GUID primary id', (table) => {
    const key = tableDef(table).primaryIdAttribute;
    const values = rowsOf(table).map((r) => r[key]);
    values.forEach((v) => expect(v).toMatch(GUID));
    expect(new Set(values).size).toBe(values.length);
  });

  it('points every reference at a row that exists', () => {
    const dangling: string[] = [];
    for (const [table, rows] of Object.entries(data)) {
      for (const row of rows) {
        for (const [name, value] of Object.entries(row)) {
          if (isRef(value) && !ids.get(value.entity)?.has(value.id)) dangling.push(`${table}.${name} -> ${value.entity}(${value.id})`);
        }
      }
    }
    expect(dangling).toEqual([]);
  });

  it('links intersect rows to rows that exist', () => {
    const check = (table: string, cols: [string, string][]) => {
      for (const row of rowsOf(table)) for (const [col, target] of cols) expect(ids.get(target)?.has(String(row[col]))).toBe(true);
    };
    check('systemuserroles', [
      ['systemuserid', 'systemuser'],
      ['roleid', 'role'],
    ]);
    check('teamroles', [
      ['teamid', 'team'],
      ['roleid', 'role'],
    ]);
    check('teammembership', [
      ['systemuserid', 'systemuser'],
      ['teamid', 'team'],
    ]);
  });

  it('gives every user-owned row an owner', () => {
    for (const t of schema.tables.filter((x) => x.ownershipType === 'UserOwned')) {
      for (const row of rowsOf(t.logicalName)) expect(isRef(row.ownerid)).toBe(true);
    }
  });

  it('is a fresh copy each time', () => {
    const a = seedData();
    a.account[0].name = 'changed';
    expect(seedData().account[0].name).toBe('Contoso Ltd');
  });
});

describe('the organization and its people', () => {
  const user = (id: string) => rowsOf('systemuser').find((r) => r.systemuserid === id)!;

  it('has one root business unit, the organization, and EUR as base currency with USD beside it', () => {
    expect(rowsOf('businessunit')).toHaveLength(1);
    expect(rowsOf('businessunit')[0].parentbusinessunitid).toBeNull();
    expect(rowsOf('organization')[0].basecurrencyid).toEqual({ entity: 'transactioncurrency', id: SEED_IDS.currencies.EUR });
    expect(rowsOf('transactioncurrency').map((c) => [c.isocurrencycode, c.currencysymbol, c.currencyprecision])).toEqual([
      ['EUR', '€', 2],
      ['USD', '$', 2],
    ]);
  });

  it.each(DEMO_USERS.map((u) => [u.key, u] as const))('has %s as a user with the settings of identities.ts', (_, u) => {
    expect(user(u.systemUserId)).toMatchObject({
      azureactivedirectoryobjectid: u.objectId,
      internalemailaddress: u.upn,
      domainname: u.upn,
      firstname: u.firstName,
      lastname: u.lastName,
      fullname: `${u.firstName} ${u.lastName}`,
      isdisabled: u.isDisabled,
      accessmode: 0,
    });
    const settings = rowsOf('usersettings').find((s) => s.systemuserid === u.systemUserId);
    expect(settings).toMatchObject({ timezonecode: u.timeZoneCode, localeid: u.localeId });
  });

  it("has no application user and no role but the admin's System Administrator: those are the admin's steps after install (admin-setup.ts)", () => {
    expect(rowsOf('systemuser').filter((u) => u.applicationid)).toEqual([]);
    expect(rowsOf('systemuserroles').map((r) => [r.systemuserid, r.roleid])).toEqual([[demoUser('admin').systemUserId, SEED_IDS.roles.systemAdministrator]]);
    expect(rowsOf('teamroles')).toEqual([]);
  });

  it('defines the time zones people live in, with their Windows names', () => {
    const byCode = new Map(rowsOf('timezonedefinition').map((z) => [z.timezonecode, z.standardname]));
    expect(Object.fromEntries([4, 20, 35, 85, 92, 105, 110].map((c) => [c, byCode.get(c)]))).toEqual({
      4: 'Pacific Standard Time',
      20: 'Central Standard Time',
      35: 'Eastern Standard Time',
      85: 'GMT Standard Time',
      92: 'UTC',
      105: 'Romance Standard Time',
      110: 'W. Europe Standard Time',
    });
    for (const u of DEMO_USERS) expect(byCode.has(u.timeZoneCode)).toBe(true);
    expect(TIME_ZONES.find((z) => z.code === 105)?.iana).toBe('Europe/Paris');
  });

  it('defines every connector environment variable, with no value yet', () => {
    expect(
      rowsOf('environmentvariabledefinition')
        .map((d) => d.schemaname)
        .sort(),
    ).toEqual(world.solution.environmentVariables.map((v) => v.schemaName).sort());
    expect(rowsOf('environmentvariablevalue')).toEqual([]);
  });
});

/**
 * Roles a user holds once installed, directly and through teams: the seed's intersect rows plus
 * what the admin's scripted steps assign (admin-setup.ts; that it assigns them through the Web API
 * is tests/integration/platform/application-user.test.ts).
 */
function heldRoles(systemUserId: string): { direct: string[]; viaTeams: string[] } {
  const roles = allRoles();
  const name = (roleId: SeedValue) => roles.find((r) => r.roleId === roleId)?.name ?? '?';
  const planned = peoplesRoleAssignments();
  const direct = [
    ...rowsOf('systemuserroles')
      .filter((r) => r.systemuserid === systemUserId)
      .map((r) => name(r.roleid)),
    ...planned.filter((a) => a.principal === 'systemuser' && a.id === systemUserId).flatMap((a) => a.roles),
    ...(systemUserId === CONNECTOR_APP.systemUserId ? [CONNECTOR_APPLICATION_ROLE_NAME] : []),
  ];
  const teams = rowsOf('teammembership')
    .filter((m) => m.systemuserid === systemUserId)
    .map((m) => m.teamid);
  const viaTeams = planned.filter((a) => a.principal === 'team' && teams.includes(a.id)).flatMap((a) => a.roles);
  return { direct, viaTeams };
}

const RANK: Record<PrivilegeDepth, number> = { Basic: 1, Local: 2, Deep: 3, Global: 4 };

function depth(systemUserId: string, table: string, action: PrivilegeAction): PrivilegeDepth | undefined {
  const { direct, viaTeams } = heldRoles(systemUserId);
  const roles: RoleDef[] = allRoles().filter((r) => direct.includes(r.name) || viaTeams.includes(r.name));
  let best: PrivilegeDepth | undefined;
  for (const r of roles) {
    for (const d of [r.privileges[table]?.[action], r.privileges['*']?.[action]]) if (d && (!best || RANK[d] > RANK[best])) best = d;
  }
  return best;
}

describe('the demo facts of identities.ts', () => {
  it.each(DEMO_USERS.map((u) => [u.key, u] as const))('%s holds exactly the roles and teams identities.ts gives', (_, u) => {
    const { direct } = heldRoles(u.systemUserId);
    expect(direct.sort()).toEqual([...u.roles].sort());
    const teams = rowsOf('teammembership')
      .filter((m) => m.systemuserid === u.systemUserId && m.teamid !== SEED_IDS.defaultTeam)
      .map((m) => rowsOf('team').find((t) => t.teamid === m.teamid)?.name);
    expect(teams.sort()).toEqual([...u.teams].sort());
  });

  it('gives the teams the roles identities.ts gives them', () => {
    for (const t of DEMO_TEAMS) {
      const roles = peoplesRoleAssignments()
        .filter((a) => a.principal === 'team' && a.id === t.teamId)
        .flatMap((a) => a.roles);
      expect(roles.sort()).toEqual([...t.roles].sort());
    }
  });

  it('gives teamrep the CLM User role only through the team Contract Requesters', () => {
    const teamrep = demoUser('teamrep');
    const { direct, viaTeams } = heldRoles(teamrep.systemUserId);
    expect(direct).not.toContain(ROLE_NAMES.user);
    expect(viaTeams).toContain(ROLE_NAMES.user);
    expect(depth(teamrep.systemUserId, 'dtclm_contract', 'read')).toBe('Basic');
  });

  it('lets restricted read opportunities only at Basic depth, so not the 4G opportunity rep owns', () => {
    const restricted = demoUser('restricted').systemUserId;
    expect(depth(restricted, 'opportunity', 'read')).toBe('Basic');
    const opp = rowsOf('opportunity').find((o) => o.opportunityid === SEED_IDS.opportunity)!;
    expect(opp.ownerid).toEqual({ entity: 'systemuser', id: demoUser('rep').systemUserId });
    expect(rowsOf('teammembership').some((m) => m.systemuserid === restricted && isRef(opp.ownerid) && m.teamid === opp.ownerid.id)).toBe(false);
  });

  it('lets rep and reader read every opportunity, and norole read it without any connector right', () => {
    for (const key of ['rep', 'reader', 'norole', 'signer', 'teamrep']) expect(depth(demoUser(key).systemUserId, 'opportunity', 'read')).toBe('Global');
    expect(depth(demoUser('norole').systemUserId, 'dtclm_contract', 'read')).toBeUndefined();
  });

  it('lets admin and the application user act on behalf of another user', () => {
    const misc = (id: string) => {
      const { direct, viaTeams } = heldRoles(id);
      return allRoles()
        .filter((r) => direct.includes(r.name) || viaTeams.includes(r.name))
        .flatMap((r) => r.miscPrivileges ?? []);
    };
    expect(misc(demoUser('admin').systemUserId)).toContain('prvActOnBehalfOfAnotherUser');
    expect(misc(CONNECTOR_APP.systemUserId)).toContain('prvActOnBehalfOfAnotherUser');
    expect(misc(demoUser('rep').systemUserId)).not.toContain('prvActOnBehalfOfAnotherUser');
  });
});

describe('the sales story', () => {
  const opp = () => rowsOf('opportunity').find((o) => o.opportunityid === SEED_IDS.opportunity)!;
  const quote = () => rowsOf('quote').find((q) => q.quoteid === SEED_IDS.quote)!;

  it('has Contoso Ltd with its primary contact Ada Lovelace', () => {
    const account = rowsOf('account').find((a) => a.accountid === SEED_IDS.account)!;
    expect(account).toMatchObject({ name: 'Contoso Ltd', primarycontactid: { entity: 'contact', id: SEED_IDS.contact } });
    expect(account.accountnumber).toEqual(expect.any(String));
    const ada = rowsOf('contact').find((c) => c.contactid === SEED_IDS.contact)!;
    expect(ada).toMatchObject({ firstname: 'Ada', lastname: 'Lovelace', emailaddress1: 'ada.lovelace@contoso.example' });
    expect(ada.telephone1).toEqual(expect.any(String));
    expect(rowsOf('contact').find((c) => c.contactid === SEED_IDS.secondContact)?.parentcustomerid).toEqual({ entity: 'account', id: SEED_IDS.account });
  });

  it('has the 4G opportunity created at 23:30 UTC, which is the next day in Paris', () => {
    const o = opp();
    expect(o).toMatchObject({ name: '4G Enterprise Rollout', customerid: { entity: 'account', id: SEED_IDS.account }, createdon: OPPORTUNITY_CREATED_ON });
    const created = new Date(String(o.createdon));
    expect(created.getUTCHours()).toBe(23);
    expect(created.getUTCMinutes()).toBe(30);
    const parisDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(created);
    expect(parisDay).not.toBe(String(o.createdon).slice(0, 10));
    expect(o.estimatedclosedate).toMatch(DATE);
    expect(o.transactioncurrencyid).toEqual({ entity: 'transactioncurrency', id: SEED_IDS.currencies.EUR });
  });

  it('has three opportunity products that add up to the estimated value', () => {
    const lines = rowsOf('opportunityproduct').filter((p) => isRef(p.opportunityid) && p.opportunityid.id === SEED_IDS.opportunity);
    expect(lines).toHaveLength(3);
    expect(lines.reduce((s, l) => s + Number(l.extendedamount), 0)).toBe(opp().estimatedvalue);
  });

  it('has the quote Q-1001 from the opportunity, with three numbered lines that add up', () => {
    const q = quote();
    expect(q).toMatchObject({
      name: 'Q-1001 Contoso rollout',
      customerid: { entity: 'account', id: SEED_IDS.account },
      opportunityid: { entity: 'opportunity', id: SEED_IDS.opportunity },
      transactioncurrencyid: { entity: 'transactioncurrency', id: SEED_IDS.currencies.EUR },
    });
    expect(q.quotenumber).toEqual(expect.any(String));
    const lines = rowsOf('quotedetail').filter((d) => isRef(d.quoteid) && d.quoteid.id === SEED_IDS.quote);
    expect(lines.map((l) => l.lineitemnumber).sort()).toEqual([1, 2, 3]);
    for (const l of lines) {
      expect(l.productname).toEqual(expect.any(String));
      expect(Number(l.baseamount)).toBeCloseTo(Number(l.quantity) * Number(l.priceperunit), 2);
    }
    expect(lines.reduce((s, l) => s + Number(l.extendedamount), 0)).toBeCloseTo(Number(q.totalamount), 2);
  });
});
