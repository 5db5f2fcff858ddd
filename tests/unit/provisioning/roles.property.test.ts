/** The CLM role of a Dynamics user (scim-profile.md, "What the connector does"), as properties. */
import fc from 'fast-check';
import { CLM_ROLES, clmRoleOf, desiredClmUser, parseScimSettings, type ClmRole, type DynamicsUser } from '../../../functions/src/domain/provisioning';

const CONNECTOR: Record<string, ClmRole> = {
  'Dilitrust CLM Admin': 'Administrator',
  'Dilitrust CLM Send to Sign': 'Editor',
  'Dilitrust CLM User': 'Contributor',
  'Dilitrust CLM ReadOnly': 'Reader',
};
const OTHER_ROLES = ['Salesperson', 'System Administrator', 'Sales Manager'];
const rank = (r: ClmRole) => CLM_ROLES.indexOf(r);
const settings = (roleMap: Record<string, ClmRole> = {}) => parseScimSettings(JSON.stringify({ roleMap }));
const caseOf = fc.constantFrom(
  (s: string) => s,
  (s: string) => s.toUpperCase(),
  (s: string) => s.toLowerCase(),
);

const userArb = fc.record({
  roles: fc.subarray([...Object.keys(CONNECTOR), ...OTHER_ROLES]),
  teams: fc.subarray(['Legal Reviewers', 'Contract Requesters', 'CLM-Legal', 'Sales']),
  casing: caseOf,
});

test('the role is the highest of those given by the connector roles and the role map, whatever the case of the names', () => {
  const map = settings({ 'Legal Reviewers': 'Validator', 'Sales Manager': 'Editor' });
  fc.assert(
    fc.property(userArb, ({ roles, teams, casing }) => {
      const given = [
        ...roles.map((r) => CONNECTOR[r]).filter(Boolean),
        ...(roles.includes('Sales Manager') ? (['Editor'] as ClmRole[]) : []),
        ...(teams.includes('Legal Reviewers') ? (['Validator'] as ClmRole[]) : []),
      ];
      const expected = given.length ? given.reduce((a, b) => (rank(a) <= rank(b) ? a : b)) : undefined;
      expect(clmRoleOf({ roleNames: roles.map(casing), teamNames: teams.map(casing) }, map)).toBe(expected);
    }),
  );
});

test('adding a role never lowers the CLM role', () => {
  const map = settings({ 'Legal Reviewers': 'Validator' });
  fc.assert(
    fc.property(userArb, fc.constantFrom(...Object.keys(CONNECTOR)), ({ roles, teams }, extra) => {
      const before = clmRoleOf({ roleNames: roles, teamNames: teams }, map);
      const after = clmRoleOf({ roleNames: [...roles, extra], teamNames: teams }, map);
      expect(after).toBeDefined();
      if (before) expect(rank(after!)).toBeLessThanOrEqual(rank(before));
    }),
  );
});

const dynamicsUserArb: fc.Arbitrary<DynamicsUser> = fc.record({
  systemUserId: fc.uuid(),
  fullName: fc.string(),
  email: fc.option(fc.emailAddress(), { nil: undefined }),
  objectId: fc.option(fc.uuid(), { nil: undefined }),
  isDisabled: fc.boolean(),
  isApplicationUser: fc.boolean(),
  roleNames: fc.subarray([...Object.keys(CONNECTOR), ...OTHER_ROLES]),
  teamNames: fc.constant([]),
});

test('an application user and a user without an Entra object id are never provisioned', () => {
  fc.assert(
    fc.property(dynamicsUserArb, (user) => {
      const desired = desiredClmUser(user, settings());
      if (user.isApplicationUser || !user.objectId) expect(desired.kind).toBe('ineligible');
    }),
  );
});

test('an eligible user is active exactly when enabled with a connector role; their userName is the e-mail, externalId the object id', () => {
  fc.assert(
    fc.property(dynamicsUserArb, (user) => {
      fc.pre(!user.isApplicationUser && !!user.objectId && !!user.email?.trim());
      const desired = desiredClmUser(user, settings());
      const hasRole = user.roleNames.some((r) => CONNECTOR[r]);
      expect(desired.kind).toBe(!user.isDisabled && hasRole ? 'active' : 'inactive');
      if (desired.kind !== 'ineligible') expect(desired).toMatchObject({ userName: user.email!.trim(), externalId: user.objectId!.toLowerCase() });
    }),
  );
});

test('settings: defaults when empty; a wrong value is refused with the variable named', () => {
  expect(parseScimSettings(undefined)).toMatchObject({ groupPrefix: 'CLM-', roleIds: {} });
  expect(() => parseScimSettings('{"roleMap":{"Legal":"Boss"}}')).toThrow(/Dilitrust_SCIM_Settings.*roleMap\.Legal must be one of Administrator/);
  expect(() => parseScimSettings('not json')).toThrow(/dtclm_scim_settings.*not JSON/);
  expect(() => parseScimSettings('{"roleIds":{"Editor":"x"}}')).toThrow(/roleIds\.Editor must be a UUID/);
});
