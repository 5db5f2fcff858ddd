/** Matching (scim-profile.md): link, then externalId, then userName; never one CLM user for two Dynamics users. */
import fc from 'fast-check';
import { indexHeldUsers, matchUsers, type HeldClmUser, type MatchCandidate } from '../../../functions/src/domain/provisioning';

const held: HeldClmUser[] = [
  { id: 'c1', userName: 'ann@contoso.example', externalId: 'oid-ann', active: true },
  { id: 'c2', userName: 'bob@contoso.example', active: true },
  { id: 'c3', userName: 'cy@contoso.example', externalId: 'oid-cy', active: false },
];

test('the link beats externalId, which beats userName (compared without case)', () => {
  const index = indexHeldUsers(held);
  const m = matchUsers(
    [
      { systemUserId: 'd1', linkedScimId: 'c3', externalId: 'oid-ann', userName: 'bob@contoso.example' },
      { systemUserId: 'd2', externalId: 'OID-ANN', userName: 'x@contoso.example' },
      { systemUserId: 'd3', externalId: 'oid-new', userName: 'BOB@contoso.example' },
      { systemUserId: 'd4', externalId: 'oid-none', userName: 'none@contoso.example' },
    ],
    index,
  );
  expect(m.get('d1')).toMatchObject({ kind: 'found', by: 'link', held: { id: 'c3' } });
  expect(m.get('d2')).toMatchObject({ kind: 'found', by: 'externalId', held: { id: 'c1' } });
  expect(m.get('d3')).toMatchObject({ kind: 'found', by: 'userName', held: { id: 'c2' } });
  expect(m.get('d4')).toEqual({ kind: 'none' });
});

const candidateArb: fc.Arbitrary<MatchCandidate[]> = fc.uniqueArray(
  fc.record({
    systemUserId: fc.uuid(),
    linkedScimId: fc.option(fc.constantFrom('c1', 'c2', 'c3', 'gone'), { nil: undefined }),
    externalId: fc.constantFrom('oid-ann', 'oid-cy', 'oid-x', 'oid-y'),
    userName: fc.constantFrom('ann@contoso.example', 'bob@contoso.example', 'z@contoso.example'),
  }),
  { selector: (c) => c.systemUserId, maxLength: 6 },
);

test('no CLM user is ever found for two Dynamics users: they are all conflicts', () => {
  fc.assert(
    fc.property(candidateArb, (candidates) => {
      const m = matchUsers(candidates, indexHeldUsers(held));
      const found = [...m.values()].filter((x) => x.kind === 'found').map((x) => (x as { held: HeldClmUser }).held.id);
      expect(new Set(found).size).toBe(found.length);
      for (const [id, match] of m) if (match.kind === 'conflict') expect(match.others).not.toContain(id);
    }),
  );
});
