/** Only differences are written (scim-profile.md): applying the computed changes leaves none to make. */
import fc from 'fast-check';
import {
  groupChanges,
  memberGroupChanges,
  roleIdsFromSchema,
  userChanges,
  withOverride,
  type DesiredUser,
  type HeldClmGroup,
  type HeldClmUser,
  type PatchOperation,
} from '../../../functions/src/domain/provisioning';

const ROLE_IDS = ['a0000000-0000-4000-8000-000000000001', 'a0000000-0000-4000-8000-000000000002'];

function apply(held: HeldClmUser, ops: PatchOperation[]): HeldClmUser {
  const next = { ...held };
  for (const op of ops) {
    const key =
      ({ 'name.givenName': 'givenName', 'name.familyName': 'familyName' } as Record<string, keyof HeldClmUser>)[op.path] ?? (op.path as keyof HeldClmUser);
    (next as Record<string, unknown>)[key] = op.value;
  }
  return next;
}

const text = fc.string({ maxLength: 6 });
const heldArb: fc.Arbitrary<HeldClmUser> = fc.record({
  id: fc.uuid(),
  userName: text,
  externalId: fc.option(text, { nil: undefined }),
  active: fc.boolean(),
  givenName: fc.option(text, { nil: undefined }),
  familyName: fc.option(text, { nil: undefined }),
  roleId: fc.option(fc.constantFrom(...ROLE_IDS), { nil: undefined }),
});
const desiredArb = fc.record({
  kind: fc.constantFrom('active' as const, 'inactive' as const),
  userName: text,
  externalId: text,
  givenName: text,
  familyName: text,
  roleId: fc.constantFrom(...ROLE_IDS),
});

test('applying the changes to what the CLM holds leaves nothing to change', () => {
  fc.assert(
    fc.property(heldArb, desiredArb, (held, d) => {
      const desired = (d.kind === 'active' ? { ...d, role: 'Editor' } : { ...d, reason: 'x' }) as Exclude<DesiredUser, { kind: 'ineligible' }>;
      const ops = userChanges(desired, held, d.roleId);
      expect(userChanges(desired, apply(held, ops), d.roleId)).toEqual([]);
      // Each operation changes something: nothing equal is sent.
      for (const op of ops) expect(apply(held, [op])).not.toEqual(held);
    }),
  );
});

test('deactivating touches nothing but active, and only when the CLM holds the user active', () => {
  fc.assert(
    fc.property(heldArb, desiredArb, (held, d) => {
      const ops = userChanges({ ...d, kind: 'inactive', reason: 'disabled' }, held, undefined);
      expect(ops).toEqual(held.active ? [{ op: 'replace', path: 'active', value: false }] : []);
    }),
  );
});

const memberIds = fc.subarray(['u1', 'u2', 'u3', 'u4', 'u5']);
const teamsArb = fc.uniqueArray(fc.record({ name: fc.constantFrom('CLM-A', 'CLM-B', 'clm-c', 'Sales', 'CLM-D'), memberSystemUserIds: memberIds }), {
  selector: (t) => t.name.toLowerCase(),
});
const heldGroupsArb = fc.uniqueArray(
  fc.record({
    id: fc.uuid(),
    displayName: fc.constantFrom('CLM-A', 'clm-b', 'CLM-Old', 'Finance', 'CLM-D'),
    memberIds: memberIds.map((ids) => ids.map((i) => `s-${i}`)),
  }),
  {
    selector: (g) => g.displayName.toLowerCase(),
  },
);

test('groups: applying the changes gives every prefixed team its group with its provisioned members, and nothing else changes', () => {
  const scimIdOf = (id: string) => (id === 'u5' ? undefined : `s-${id}`); // u5 is not provisioned
  fc.assert(
    fc.property(teamsArb, heldGroupsArb, (teams, held) => {
      const changes = groupChanges(teams, held, 'CLM-', scimIdOf);
      let after: HeldClmGroup[] = held.filter((g) => !changes.remove.some((r) => r.id === g.id));
      after = after.map((g) => {
        const u = changes.update.find((x) => x.id === g.id);
        return u ? { ...g, memberIds: [...g.memberIds.filter((m) => !u.remove.includes(m)), ...u.add] } : g;
      });
      after.push(...changes.create.map((c, i) => ({ id: `new-${i}`, displayName: c.displayName, memberIds: c.memberIds })));
      expect(groupChanges(teams, after, 'CLM-', scimIdOf)).toEqual({ create: [], update: [], remove: [] });
      // Groups without the prefix are never touched.
      expect(after.filter((g) => g.displayName === 'Finance')).toEqual(held.filter((g) => g.displayName === 'Finance'));
      for (const g of after.filter((x) => x.displayName.toLowerCase().startsWith('clm-'))) expect(g.memberIds).not.toContain('s-u5');
    }),
  );
});

// Held groups as a CLM may list them, two of one name (without case) included.
const anyHeldGroupsArb = fc.array(
  fc.record({
    id: fc.uuid(),
    displayName: fc.constantFrom('CLM-A', 'clm-a', 'clm-b', 'CLM-Old', 'Finance', 'CLM-D'),
    memberIds: memberIds.map((ids) => ids.map((i) => `s-${i}`)),
  }),
  { maxLength: 6 },
);

test("one user's group changes: the memberships a full run would give that user, only theirs changed, nothing left to do after", () => {
  fc.assert(
    fc.property(teamsArb, anyHeldGroupsArb, fc.boolean(), (teams, held, active) => {
      const me = 's-u1';
      const myTeams = active ? teams.filter((t) => t.memberSystemUserIds.includes('u1')).map((t) => t.name) : [];
      const mine = memberGroupChanges(myTeams, held, 'CLM-', me);
      const joins = new Set(mine.join.map((g) => g.id));
      const leaves = new Set(mine.leave.map((g) => g.id));
      const afterOne = held.map((g) => ({
        ...g,
        memberIds: joins.has(g.id) ? [...g.memberIds, me] : leaves.has(g.id) ? g.memberIds.filter((m) => m !== me) : g.memberIds,
      }));
      // Nothing left to do, and every write changes something.
      expect(memberGroupChanges(myTeams, afterOne, 'CLM-', me)).toEqual({ join: [], leave: [], missing: mine.missing });
      for (const g of mine.join) expect(held.find((x) => x.id === g.id)!.memberIds).not.toContain(me);
      for (const g of mine.leave) expect(held.find((x) => x.id === g.id)!.memberIds).toContain(me);
      // The other members and the groups without the prefix are untouched.
      afterOne.forEach((g, i) => expect(g.memberIds.filter((m) => m !== me)).toEqual(held[i].memberIds.filter((m) => m !== me)));
      for (const g of [...mine.join, ...mine.leave]) expect(g.displayName.toLowerCase().startsWith('clm-')).toBe(true);

      // The same as the full run for this user, the other users as they are.
      const full = groupChanges(teams, held, 'CLM-', (id) => (id === 'u1' ? (active ? me : undefined) : `s-${id}`));
      const removed = new Set(full.remove.map((g) => g.id));
      held.forEach((g, i) => {
        if (!g.displayName.toLowerCase().startsWith('clm-')) return;
        const update = full.update.find((u) => u.id === g.id);
        const afterFull = removed.has(g.id)
          ? false
          : update
            ? (g.memberIds.includes(me) || update.add.includes(me)) && !update.remove.includes(me)
            : g.memberIds.includes(me);
        expect(afterOne[i].memberIds.includes(me)).toBe(afterFull);
      });
      // Missing: the full run's new groups among this user's teams.
      const myKeys = new Set(myTeams.map((n) => n.toLowerCase()));
      expect(mine.missing.map((n) => n.toLowerCase()).sort()).toEqual(
        full.create
          .map((c) => c.displayName.toLowerCase())
          .filter((n) => myKeys.has(n))
          .sort(),
      );
    }),
  );
});

test('role UUIDs: read from the documented description, only those among canonicalValues; the override wins role by role', () => {
  const attribute = {
    name: 'roleId',
    description: `Administrator=${ROLE_IDS[0]}, Editor=${ROLE_IDS[1]}, Reader=b0000000-0000-4000-8000-000000000009, Boss=${ROLE_IDS[0]}`,
    canonicalValues: ROLE_IDS,
  };
  const ids = roleIdsFromSchema(attribute);
  expect(ids).toEqual({ Administrator: ROLE_IDS[0], Editor: ROLE_IDS[1] });
  expect(withOverride(ids, { Editor: 'c0000000-0000-4000-8000-000000000003' })).toEqual({
    Administrator: ROLE_IDS[0],
    Editor: 'c0000000-0000-4000-8000-000000000003',
  });
  expect(roleIdsFromSchema(undefined)).toEqual({});
});
