/**
 * The CLM sandbox's SCIM 2.0 service provider, held to RFC 7643 / RFC 7644 and to the CLM's
 * profile (scim-profile.md). Every call goes over HTTP as a client would make it.
 */
import { startClm, type ClmSandbox } from '../../../../sandbox/clm';

const SCIM = 'application/scim+json';
const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const PATCH = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';
const LIST = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';

let clm: ClmSandbox;
let token: string;
let roles: Record<string, string>;

interface Answer {
  status: number;
  headers: Headers;
  body: any;
}

async function scim(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const res = await fetch(`${clm.scimBase}${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, Accept: SCIM, ...(body === undefined ? {} : { 'Content-Type': SCIM }), ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
}

async function control(method: string, path: string, body?: unknown): Promise<any> {
  const res = await fetch(`${clm.apiBase}/_sandbox/scim${path}`, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return text ? JSON.parse(text) : undefined;
}

let n = 0;
async function newUser(extra: Record<string, unknown> = {}): Promise<any> {
  n += 1;
  const answer = await scim('POST', '/Users', {
    schemas: [USER],
    userName: `user${n}@contoso.example`,
    externalId: `oid-${n}`,
    name: { givenName: 'U', familyName: `N${n}` },
    active: true,
    roleId: roles.Contributor,
    ...extra,
  });
  expect(answer.status).toBe(201);
  return answer.body;
}

const patchOp = (Operations: unknown[]) => ({ schemas: [PATCH], Operations });

beforeAll(async () => {
  clm = await startClm();
  token = await clm.issueScimToken();
  roles = await control('GET', '/roles');
});
afterAll(() => clm?.close());

describe('authentication (RFC 7644 section 2, RFC 6750)', () => {
  test('no bearer token is 401 with a Bearer challenge and an RFC 7644 error body', async () => {
    const res = await fetch(`${clm.scimBase}/Users`);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(await res.json()).toMatchObject({ schemas: [ERROR], status: '401' });
  });

  test('a token the CLM did not issue, or one issued before the token was regenerated, is 401', async () => {
    expect((await scim('GET', '/Users', undefined, { Authorization: 'Bearer not-a-jwt' })).status).toBe(401);
    const other = await startClm();
    try {
      const foreign = await other.issueScimToken();
      expect((await scim('GET', '/Users', undefined, { Authorization: `Bearer ${foreign}` })).status).toBe(401);
    } finally {
      await other.close();
    }
  });
});

describe('discovery', () => {
  test('answers are application/scim+json', async () => {
    const res = await scim('GET', '/ServiceProviderConfig');
    expect(res.headers.get('content-type')).toMatch(/^application\/scim\+json/);
  });

  test('/ServiceProviderConfig: PATCH and filters supported, bulk and sorting not, bearer token authentication', async () => {
    const { body } = await scim('GET', '/ServiceProviderConfig');
    expect(body).toMatchObject({ patch: { supported: true }, filter: { supported: true }, bulk: { supported: false }, sort: { supported: false } });
    expect(body.authenticationSchemes.map((s: { type: string }) => s.type)).toEqual(['oauthbearertoken']);
  });

  test('/ResourceTypes lists User and Group', async () => {
    const { body } = await scim('GET', '/ResourceTypes');
    expect(body.Resources.map((r: { id: string; endpoint: string }) => [r.id, r.endpoint])).toEqual(
      expect.arrayContaining([
        ['User', '/Users'],
        ['Group', '/Groups'],
      ]),
    );
  });

  test('/Schemas lists the five role UUIDs on roleId, in the documented form', async () => {
    const { body } = await scim('GET', '/Schemas');
    expect(body.schemas).toEqual([LIST]);
    const user = body.Resources.find((s: { id: string }) => s.id === USER);
    const roleId = user.attributes.find((a: { name: string }) => a.name === 'roleId');
    const names = ['Administrator', 'Editor', 'Contributor', 'Validator', 'Reader'];
    expect(roleId.description).toBe(names.map((r) => `${r}=${roles[r]}`).join(', '));
    expect(roleId.canonicalValues).toEqual(names.map((r) => roles[r]));
    for (const uuid of roleId.canonicalValues) expect(uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });

  test('each sandbox start has its own role UUIDs', async () => {
    const other = await startClm();
    try {
      const otherRoles = await (await fetch(`${other.apiBase}/_sandbox/scim/roles`)).json();
      expect(otherRoles.Administrator).not.toBe(roles.Administrator);
    } finally {
      await other.close();
    }
  });
});

describe('/Users', () => {
  test('POST creates: 201, Location = meta.location, id and meta made by the server', async () => {
    const res = await scim('POST', '/Users', { schemas: [USER], id: 'mine', userName: 'created@contoso.example', roleId: roles.Reader });
    expect(res.status).toBe(201);
    expect(res.body.id).not.toBe('mine');
    expect(res.headers.get('location')).toBe(res.body.meta.location);
    expect(res.body.meta).toMatchObject({ resourceType: 'User', location: `${clm.scimBase}/Users/${res.body.id}` });
    expect((await scim('GET', `/Users/${res.body.id}`)).body).toMatchObject({ userName: 'created@contoso.example', roleId: roles.Reader, active: true });
  });

  test('a duplicate userName (whatever its case) is 409 uniqueness', async () => {
    const first = await newUser();
    const res = await scim('POST', '/Users', { schemas: [USER], userName: first.userName.toUpperCase(), roleId: roles.Reader });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ schemas: [ERROR], status: '409', scimType: 'uniqueness' });
  });

  test("no userName is 400; a roleId that is not one of the organization's is 400 invalidValue", async () => {
    expect((await scim('POST', '/Users', { schemas: [USER], roleId: roles.Reader })).status).toBe(400);
    const res = await scim('POST', '/Users', { schemas: [USER], userName: 'norole@contoso.example', roleId: '00000000-0000-4000-8000-000000000000' });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ status: '400', scimType: 'invalidValue' });
  });

  test('a body that is not JSON is 400 invalidSyntax', async () => {
    const res = await scim('POST', '/Users', '{"userName":');
    expect(res).toMatchObject({ status: 400, body: { scimType: 'invalidSyntax' } });
  });

  test('an unknown id is 404 with an error body', async () => {
    expect(await scim('GET', '/Users/no-such-user')).toMatchObject({ status: 404, body: { schemas: [ERROR], status: '404' } });
  });

  test('DELETE is refused (501): users are never deleted, and the user stays', async () => {
    const user = await newUser();
    expect((await scim('DELETE', `/Users/${user.id}`)).status).toBe(501);
    expect((await scim('GET', `/Users/${user.id}`)).status).toBe(200);
  });
});

describe('filters and paging (RFC 7644 section 3.4.2)', () => {
  test('eq on userName ignores case (caseExact false); eq on externalId does not', async () => {
    const user = await newUser();
    const byName = await scim('GET', `/Users?filter=${encodeURIComponent(`userName eq "${user.userName.toUpperCase()}"`)}`);
    expect(byName.body).toMatchObject({ schemas: [LIST], totalResults: 1 });
    expect(byName.body.Resources[0].id).toBe(user.id);
    const wrongCase = await scim('GET', `/Users?filter=${encodeURIComponent(`externalId eq "${user.externalId.toUpperCase()}"`)}`);
    expect(wrongCase.body.totalResults).toBe(0);
  });

  test('and combines: both must hold', async () => {
    const user = await newUser();
    const both = await scim('GET', `/Users?filter=${encodeURIComponent(`userName eq "${user.userName}" and externalId eq "${user.externalId}"`)}`);
    expect(both.body.totalResults).toBe(1);
    const one = await scim('GET', `/Users?filter=${encodeURIComponent(`userName eq "${user.userName}" and externalId eq "other"`)}`);
    expect(one.body.totalResults).toBe(0);
  });

  test('operators and attributes outside the profile are 400 invalidFilter', async () => {
    for (const filter of ['userName sw "user"', 'userName eq "a" or userName eq "b"', 'name.givenName eq "U"', 'userName pr']) {
      const res = await scim('GET', `/Users?filter=${encodeURIComponent(filter)}`);
      expect([filter, res.status, res.body.scimType]).toEqual([filter, 400, 'invalidFilter']);
    }
  });

  test('startIndex and count page through the results; totalResults counts them all', async () => {
    const prefix = `pager${Date.now()}`;
    for (let i = 0; i < 5; i++) await newUser({ userName: `${prefix}-${i}@contoso.example` });
    const all = (await scim('GET', '/Users?count=1000')).body;
    const page = (await scim('GET', '/Users?startIndex=2&count=2')).body;
    expect(page).toMatchObject({ totalResults: all.totalResults, startIndex: 2, itemsPerPage: 2 });
    expect(page.Resources.map((u: { id: string }) => u.id)).toEqual(all.Resources.slice(1, 3).map((u: { id: string }) => u.id));
    const none = (await scim('GET', '/Users?count=0')).body;
    expect(none).toMatchObject({ totalResults: all.totalResults, Resources: [] });
    expect((await scim('GET', '/Users?count=two')).status).toBe(400);
  });
});

describe('PATCH as Microsoft Entra ID sends it', () => {
  test('"Replace" with "False": the user is deactivated', async () => {
    const user = await newUser();
    const res = await scim('PATCH', `/Users/${user.id}`, patchOp([{ op: 'Replace', path: 'active', value: 'False' }]));
    expect(res.status).toBe(200);
    expect((await scim('GET', `/Users/${user.id}`)).body.active).toBe(false);
  });

  test('a fully-qualified path, and a value with dotted attribute names and no path', async () => {
    const user = await newUser();
    const res = await scim(
      'PATCH',
      `/Users/${user.id}`,
      patchOp([
        { op: 'Replace', path: `${USER}:roleId`, value: roles.Editor },
        { op: 'Replace', value: { 'name.givenName': 'Zoé', active: 'True' } },
      ]),
    );
    expect(res.status).toBe(200);
    expect((await scim('GET', `/Users/${user.id}`)).body).toMatchObject({ roleId: roles.Editor, name: { givenName: 'Zoé' }, active: true });
  });

  test('an unknown path is 400 invalidPath; a PATCH without the PatchOp schema is 400', async () => {
    const user = await newUser();
    expect((await scim('PATCH', `/Users/${user.id}`, patchOp([{ op: 'replace', path: 'favouriteColour', value: 'blue' }]))).body.scimType).toBe('invalidPath');
    expect((await scim('PATCH', `/Users/${user.id}`, { Operations: [{ op: 'replace', path: 'active', value: false }] })).status).toBe(400);
  });

  test('a PATCH that takes userName of another user is 409 uniqueness', async () => {
    const a = await newUser();
    const b = await newUser();
    const res = await scim('PATCH', `/Users/${b.id}`, patchOp([{ op: 'replace', path: 'userName', value: a.userName }]));
    expect(res).toMatchObject({ status: 409, body: { scimType: 'uniqueness' } });
  });
});

describe('/Groups', () => {
  test('created with members, unique displayName, members changed by PATCH, removed by DELETE', async () => {
    const a = await newUser();
    const b = await newUser();
    const created = await scim('POST', '/Groups', { schemas: [GROUP], displayName: 'CLM-Test', members: [{ value: a.id }] });
    expect(created.status).toBe(201);
    expect((await scim('POST', '/Groups', { schemas: [GROUP], displayName: 'clm-test' })).body).toMatchObject({ scimType: 'uniqueness' });
    const patched = await scim(
      'PATCH',
      `/Groups/${created.body.id}`,
      patchOp([
        { op: 'Add', path: 'members', value: [{ value: b.id }] },
        { op: 'Remove', path: `members[value eq "${a.id}"]` },
      ]),
    );
    expect(patched.status).toBe(200);
    const groups = await control('GET', '/groups');
    expect(groups.find((g: { id: string }) => g.id === created.body.id).memberUserNames).toEqual([b.userName]);
    const byName = await scim('GET', `/Groups?filter=${encodeURIComponent('displayName eq "CLM-TEST"')}`);
    expect(byName.body.totalResults).toBe(1);
    expect((await scim('DELETE', `/Groups/${created.body.id}`)).status).toBe(204);
    expect((await scim('GET', `/Groups/${created.body.id}`)).status).toBe(404);
  });

  // RFC 7644 section 3.5.2.1: "If the target location already contains the value specified, no
  // changes SHOULD be made to the resource, and a success response SHOULD be returned. Unless other
  // operations change the resource, this operation SHALL NOT change the modify timestamp".
  test('adding a member the group already has succeeds and changes nothing, not even lastModified', async () => {
    const a = await newUser();
    const created = await scim('POST', '/Groups', { schemas: [GROUP], displayName: 'CLM-Twice', members: [{ value: a.id }] });
    expect(created.status).toBe(201);
    await new Promise((r) => setTimeout(r, 20));
    const again = await scim('PATCH', `/Groups/${created.body.id}`, patchOp([{ op: 'Add', path: 'members', value: [{ value: a.id }] }]));
    // Section 3.5.2: a successful PATCH answers 200 with the resource, or 204.
    expect([200, 204]).toContain(again.status);
    const read = await scim('GET', `/Groups/${created.body.id}`);
    expect(read.body.members.map((m: { value: string }) => m.value)).toEqual([a.id]);
    expect(read.body.meta.lastModified).toBe(created.body.meta.lastModified);
  });

  test('a member that is not a user is 400 invalidValue', async () => {
    const res = await scim('POST', '/Groups', { schemas: [GROUP], displayName: 'CLM-Ghosts', members: [{ value: 'nobody' }] });
    expect(res).toMatchObject({ status: 400, body: { scimType: 'invalidValue' } });
  });
});

describe('test controls', () => {
  test('429 with Retry-After and 500 on demand, as SCIM error bodies; a fault may target one user', async () => {
    await control('POST', '/faults', { status: 429, count: 1, retryAfter: 7 });
    const throttled = await scim('GET', '/Users');
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('7');
    expect(throttled.body).toMatchObject({ schemas: [ERROR], status: '429' });

    await control('POST', '/faults', { status: 500, count: 2, userName: 'target@contoso.example' });
    expect((await scim('POST', '/Users', { schemas: [USER], userName: 'bystander@contoso.example', roleId: roles.Reader })).status).toBe(201);
    expect((await scim('POST', '/Users', { schemas: [USER], userName: 'target@contoso.example', roleId: roles.Reader })).status).toBe(500);
    expect((await scim('GET', `/Users?filter=${encodeURIComponent('userName eq "target@contoso.example"')}`)).status).toBe(500);
    expect((await scim('POST', '/Users', { schemas: [USER], userName: 'target@contoso.example', roleId: roles.Reader })).status).toBe(201);
  });

  test('the users as the CLM holds them, with their role by name; every call logged', async () => {
    const user = await newUser();
    const held = (await control('GET', '/users')).find((u: { id: string }) => u.id === user.id);
    expect(held).toMatchObject({ userName: user.userName, role: 'Contributor', active: true });
    const log = await control('GET', '/requests');
    expect(log.at(-1)).toMatchObject({ method: 'POST', path: '/Users', status: 201 });
  });
});
