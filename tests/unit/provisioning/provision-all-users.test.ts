/** The full run over fakes: write concurrency, one user's failure, a refused token. */
import type { DynamicsUser, HeldClmGroup, HeldClmUser, PatchOperation } from '../../../functions/src/domain/provisioning';
import { UnavailableError } from '../../../functions/src/services/errors';
import { ScimTokenRejectedError } from '../../../functions/src/services/errors';
import type { NewClmUser, ScimClient, UserLink } from '../../../functions/src/services/users/ports';
import { provisionAllUsers } from '../../../functions/src/services/users/provision-all-users';
import { RoleIdCache } from '../../../functions/src/services/users/role-id-cache';

const ROLE = 'a0000000-0000-4000-8000-000000000001';
const ALL_ROLES = `Administrator=${ROLE.replace(/1$/, '5')}, Editor=${ROLE.replace(/1$/, '4')}, Contributor=${ROLE}, Validator=${ROLE.replace(/1$/, '3')}, Reader=${ROLE.replace(/1$/, '2')}`;

class FakeScim implements ScimClient {
  users: HeldClmUser[] = [];
  inFlight = 0;
  maxInFlight = 0;
  failFor = new Set<string>();
  refuseToken = false;
  /** A server that answers 201 for a user whose role it did not keep. */
  dropRole = false;
  async checkToken(): Promise<void> {}
  private async write<T>(userName: string, work: () => T): Promise<T> {
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      await new Promise((r) => setTimeout(r, 2));
      if (this.refuseToken) throw new ScimTokenRejectedError();
      if (this.failFor.has(userName))
        throw new UnavailableError('The CLM user directory (SCIM) answered HTTP 500 (5 attempts); please try again later.', 1, 'scim');
      return work();
    } finally {
      this.inFlight -= 1;
    }
  }
  roleIdAttribute = async () => ({ name: 'roleId', description: ALL_ROLES });
  listUsers = async () => this.users;
  getUser = async (id: string) => this.users.find((u) => u.id === id);
  findUsers = async (attribute: 'externalId' | 'userName', value: string) => this.users.filter((u) => u[attribute] === value);
  createUser = (u: NewClmUser) =>
    this.write(u.userName, () => {
      const held = {
        id: `s-${u.userName}`,
        userName: u.userName,
        externalId: u.externalId,
        givenName: u.givenName,
        familyName: u.familyName,
        ...(this.dropRole ? {} : { roleId: u.roleId }),
        active: true,
      };
      this.users.push(held);
      return held;
    });
  patchUser = (id: string, _ops: PatchOperation[]) => this.write(id, () => undefined);
  listGroups = async (): Promise<HeldClmGroup[]> => [];
  findGroup = async () => undefined;
  createGroup = async () => undefined;
  patchGroupMembers = async () => undefined;
  deleteGroup = async () => undefined;
}

function user(i: number): DynamicsUser {
  return {
    systemUserId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    fullName: `User ${i}`,
    firstName: 'User',
    lastName: String(i),
    email: `u${i}@contoso.example`,
    objectId: `10000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    isDisabled: false,
    isApplicationUser: false,
    roleNames: ['Dilitrust CLM User'],
    teamNames: [],
  };
}

function deps(scim: FakeScim, users: DynamicsUser[]) {
  const links = new Map<string, UserLink>();
  return {
    links,
    deps: {
      directory: { readAll: async () => ({ users, teams: [] }), readOne: async () => undefined },
      links: {
        list: async () => [...links.values()],
        get: async (id: string) => links.get(id),
        save: async (l: UserLink) => void links.set(l.systemUserId, l),
      },
      scim,
      settings: { scimSettingsJson: async () => undefined },
      roleIds: new RoleIdCache(scim),
    },
  };
}

const progress = () => {
  const errors: [string, string][] = [];
  return { errors, report: () => undefined, error: (item: string, message: string) => void errors.push([item, message]) };
};

test('at most 4 writes are in flight at once, and every user is created', async () => {
  const scim = new FakeScim();
  const users = Array.from({ length: 40 }, (_, i) => user(i));
  const { deps: d } = deps(scim, users);
  const counts = await provisionAllUsers(d, progress());
  expect(counts.created).toBe(40);
  expect(scim.maxInFlight).toBe(4);
});

test("one user's failure is on their link (Pending) and in the run's errors; the others are done", async () => {
  const scim = new FakeScim();
  const users = Array.from({ length: 6 }, (_, i) => user(i));
  scim.failFor.add('u3@contoso.example');
  const { deps: d, links } = deps(scim, users);
  const p = progress();
  const counts = await provisionAllUsers(d, p);
  expect(counts).toMatchObject({ created: 5, pending: 1 });
  expect(links.get(users[3].systemUserId)).toMatchObject({ state: 'Pending', lastError: expect.stringMatching(/tried again at the next run/) });
  expect(p.errors.map(([item]) => item)).toEqual([users[3].systemUserId]);
});

test('a refused SCIM token stops the run instead of failing every user one by one', async () => {
  const scim = new FakeScim();
  scim.refuseToken = true;
  const { deps: d, links } = deps(
    scim,
    Array.from({ length: 20 }, (_, i) => user(i)),
  );
  await expect(provisionAllUsers(d, progress())).rejects.toBeInstanceOf(ScimTokenRejectedError);
  expect(links.size).toBe(0);
});

test('a 201 whose user lacks the role sent is an error on the link, naming what the CLM did not keep (not "created")', async () => {
  const scim = new FakeScim();
  scim.dropRole = true;
  const users = Array.from({ length: 3 }, (_, i) => user(i));
  const { deps: d, links } = deps(scim, users);
  const p = progress();
  const counts = await provisionAllUsers(d, p);
  expect(counts.created).toBe(0);
  expect(counts.error).toBe(3);
  expect(links.get(users[0].systemUserId)).toMatchObject({
    state: 'Error',
    scimId: 's-u0@contoso.example',
    lastError: expect.stringMatching(/did not keep roleId [0-9a-f-]+ \(it answered none\)/),
  });
});

test('no empty group is pushed: a CLM- team none of whose members could be provisioned makes no group', async () => {
  const scim = new FakeScim();
  const made: string[] = [];
  scim.createGroup = async (...args: unknown[]) => void made.push(String(args[0]));
  const users = [user(1), user(2)];
  users[0].teamNames = ['CLM-Sales'];
  users[1].teamNames = ['CLM-Legal'];
  scim.failFor.add('u1@contoso.example');
  const { deps: d } = deps(scim, users);
  const withTeams = {
    ...d,
    directory: {
      ...d.directory,
      readAll: async () => ({
        users,
        teams: [
          { name: 'CLM-Sales', memberSystemUserIds: [users[0].systemUserId] },
          { name: 'CLM-Legal', memberSystemUserIds: [users[1].systemUserId] },
        ],
      }),
    },
  };
  await provisionAllUsers(withTeams, progress());
  expect(made).toEqual(['CLM-Legal']);
});
