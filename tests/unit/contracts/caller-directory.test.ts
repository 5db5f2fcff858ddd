/**
 * The caller directory: the user by Entra object id with roles held directly and through teams, in
 * two requests at most (Dataverse cannot expand a collection inside an expanded collection), cached
 * 60 s, and concurrent first calls of one user sharing one lookup.
 */
import type { DataverseGateway } from '../../../functions/src/adapters/dataverse/client';
import { DataverseCallerDirectory } from '../../../functions/src/adapters/dataverse/caller-directory';

const OID = '0b7e55e0-1a2b-4c3d-8e4f-000000000008';
const TEAM = '7ea70000-1a2b-4c3d-8e4f-000000000001';

function fakeApi(user: Record<string, unknown> | undefined) {
  const calls: { collection?: string; filter?: string }[] = [];
  const api = {
    async retrieveMultiple(req: { collection?: string; filter?: string }) {
      calls.push(req);
      await Promise.resolve();
      if (req.collection === 'systemusers') return { value: user ? [user] : [] };
      return { value: [{ teamid: TEAM, teamroles_association: [{ name: 'Dilitrust CLM User' }] }] };
    },
  } as unknown as DataverseGateway;
  return { api, calls };
}

const teamrep = {
  systemuserid: 's8',
  fullname: 'Tea Mrep',
  internalemailaddress: 'teamrep@contoso.example',
  isdisabled: false,
  systemuserroles_association: [{ name: 'Salesperson' }],
  teammembership_association: [{ teamid: TEAM }],
};

describe('DataverseCallerDirectory', () => {
  it('finds the user with the roles of their teams, in two requests', async () => {
    const { api, calls } = fakeApi(teamrep);
    const user = await new DataverseCallerDirectory(api).find(OID);
    expect(user).toEqual({
      systemUserId: 's8',
      objectId: OID,
      fullName: 'Tea Mrep',
      email: 'teamrep@contoso.example',
      isDisabled: false,
      roleNames: ['Salesperson', 'Dilitrust CLM User'],
    });
    expect(calls.map((c) => c.collection)).toEqual(['systemusers', 'teams']);
    expect(calls[0].filter).toBe(`azureactivedirectoryobjectid eq ${OID}`);
  });

  it('makes one request for a user in no team', async () => {
    const { api, calls } = fakeApi({ ...teamrep, teammembership_association: [] });
    await new DataverseCallerDirectory(api).find(OID);
    expect(calls).toHaveLength(1);
  });

  it('keeps the answer 60 s, and shares one lookup between concurrent first calls', async () => {
    let now = 0;
    const { api, calls } = fakeApi(teamrep);
    const directory = new DataverseCallerDirectory(api, 60_000, () => now);
    await Promise.all([directory.find(OID), directory.find(OID), directory.find(OID.toUpperCase())]);
    expect(calls).toHaveLength(2);
    now = 59_000;
    await directory.find(OID);
    expect(calls).toHaveLength(2);
    now = 61_000;
    await directory.find(OID);
    expect(calls).toHaveLength(4);
  });

  it('answers undefined for an unknown user or an id that is not a GUID, without asking Dataverse for the latter', async () => {
    const { api, calls } = fakeApi(undefined);
    const directory = new DataverseCallerDirectory(api);
    expect(await directory.find(OID)).toBeUndefined();
    expect(await directory.find("x' or 1 eq 1")).toBeUndefined();
    expect(calls).toHaveLength(1);
  });
});
