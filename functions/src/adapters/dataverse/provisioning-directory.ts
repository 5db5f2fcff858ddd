/**
 * The Dynamics side of user provisioning, as the connector app: users, security roles held
 * directly (systemuserroles) or through a team (teammembership + teamroles), and teams, each read
 * in pages from its own table (intersect tables included), then put together in memory. Six
 * paged reads for the whole organization, whatever its size; a role assigned through a team counts
 * as Dataverse counts it.
 */
import type { DataverseGateway } from './client';
import type { DynamicsUser, TeamMembers } from '../../domain/provisioning';
import type { DynamicsSnapshot, ProvisioningDirectory } from '../../services/users/ports';
import { readAllPages } from './read-pages';
import { guidKey, isGuid } from './url-values';

/** systemuser.accessmode 4: Non-interactive (application users and other service accounts). */
const NON_INTERACTIVE = 4;
const USER_COLUMNS = [
  'systemuserid',
  'fullname',
  'firstname',
  'lastname',
  'internalemailaddress',
  'azureactivedirectoryobjectid',
  'isdisabled',
  'accessmode',
  'applicationid',
];

interface UserRow {
  systemuserid: string;
  fullname?: string | null;
  firstname?: string | null;
  lastname?: string | null;
  internalemailaddress?: string | null;
  azureactivedirectoryobjectid?: string | null;
  isdisabled?: boolean | null;
  accessmode?: number | null;
  applicationid?: string | null;
}

interface Links {
  roleNames: Map<string, string>;
  userRoles: Map<string, string[]>;
  teamRoles: Map<string, string[]>;
  teamNames: Map<string, string>;
  memberships: Map<string, string[]>;
}

const push = (map: Map<string, string[]>, key: string, value: string) => map.set(key, [...(map.get(key) ?? []), value]);
const inList = (property: string, ids: string[]) =>
  `Microsoft.Dynamics.CRM.In(PropertyName='${property}',PropertyValues=[${ids.map((id) => `"${id}"`).join(',')}])`;

function toUser(row: UserRow, links: Links): DynamicsUser {
  const teamIds = links.memberships.get(row.systemuserid) ?? [];
  const roleIds = [...(links.userRoles.get(row.systemuserid) ?? []), ...teamIds.flatMap((t) => links.teamRoles.get(t) ?? [])];
  const roleNames = [...new Set(roleIds.map((id) => links.roleNames.get(id)).filter((n): n is string => Boolean(n)))];
  return {
    systemUserId: row.systemuserid,
    fullName: row.fullname ?? '',
    ...(row.firstname ? { firstName: row.firstname } : {}),
    ...(row.lastname ? { lastName: row.lastname } : {}),
    ...(row.internalemailaddress ? { email: row.internalemailaddress } : {}),
    ...(row.azureactivedirectoryobjectid ? { objectId: row.azureactivedirectoryobjectid } : {}),
    isDisabled: row.isdisabled === true,
    isApplicationUser: Boolean(row.applicationid) || row.accessmode === NON_INTERACTIVE,
    roleNames,
    teamNames: teamIds.map((t) => links.teamNames.get(t)).filter((n): n is string => Boolean(n)),
  };
}

export class DataverseProvisioningDirectory implements ProvisioningDirectory {
  constructor(private readonly api: DataverseGateway) {}

  async readAll(): Promise<DynamicsSnapshot> {
    const [users, roles, userRoles, teams, memberships, teamRoles] = await Promise.all([
      readAllPages<UserRow>(this.api, { collection: 'systemusers', select: USER_COLUMNS }),
      readAllPages<{ roleid: string; name?: string | null }>(this.api, { collection: 'roles', select: ['roleid', 'name'] }),
      readAllPages<{ systemuserid: string; roleid: string }>(this.api, { collection: 'systemuserrolescollection', select: ['systemuserid', 'roleid'] }),
      readAllPages<{ teamid: string; name?: string | null }>(this.api, { collection: 'teams', select: ['teamid', 'name'] }),
      readAllPages<{ systemuserid: string; teamid: string }>(this.api, { collection: 'teammemberships', select: ['systemuserid', 'teamid'] }),
      readAllPages<{ teamid: string; roleid: string }>(this.api, { collection: 'teamrolescollection', select: ['teamid', 'roleid'] }),
    ]);
    const links: Links = {
      roleNames: new Map(roles.map((r) => [r.roleid, r.name ?? ''])),
      userRoles: new Map(),
      teamRoles: new Map(),
      teamNames: new Map(teams.map((t) => [t.teamid, t.name ?? ''])),
      memberships: new Map(),
    };
    for (const r of userRoles) push(links.userRoles, r.systemuserid, r.roleid);
    for (const r of teamRoles) push(links.teamRoles, r.teamid, r.roleid);
    const members = new Map<string, string[]>();
    for (const m of memberships) {
      push(links.memberships, m.systemuserid, m.teamid);
      push(members, m.teamid, m.systemuserid);
    }
    const teamMembers: TeamMembers[] = teams.map((t) => ({ name: t.name ?? '', memberSystemUserIds: members.get(t.teamid) ?? [] }));
    return { users: users.map((u) => toUser(u, links)), teams: teamMembers };
  }

  async readOne(systemUserId: string): Promise<DynamicsUser | undefined> {
    if (!isGuid(systemUserId)) return undefined;
    const [users, userRoles, memberships] = await Promise.all([
      readAllPages<UserRow>(this.api, { collection: 'systemusers', select: USER_COLUMNS, filter: `systemuserid eq ${guidKey(systemUserId)}` }),
      readAllPages<{ systemuserid: string; roleid: string }>(this.api, {
        collection: 'systemuserrolescollection',
        select: ['systemuserid', 'roleid'],
        filter: `systemuserid eq ${guidKey(systemUserId)}`,
      }),
      readAllPages<{ systemuserid: string; teamid: string }>(this.api, {
        collection: 'teammemberships',
        select: ['systemuserid', 'teamid'],
        filter: `systemuserid eq ${guidKey(systemUserId)}`,
      }),
    ]);
    if (!users[0]) return undefined;
    const teamIds = memberships.map((m) => m.teamid).filter(isGuid);
    const [teams, teamRoles] = teamIds.length
      ? await Promise.all([
          readAllPages<{ teamid: string; name?: string | null }>(this.api, {
            collection: 'teams',
            select: ['teamid', 'name'],
            filter: inList('teamid', teamIds),
          }),
          readAllPages<{ teamid: string; roleid: string }>(this.api, {
            collection: 'teamrolescollection',
            select: ['teamid', 'roleid'],
            filter: inList('teamid', teamIds),
          }),
        ])
      : [[], []];
    const roleIds = [...new Set([...userRoles.map((r) => r.roleid), ...teamRoles.map((r) => r.roleid)])].filter(isGuid);
    const roles = roleIds.length
      ? await readAllPages<{ roleid: string; name?: string | null }>(this.api, {
          collection: 'roles',
          select: ['roleid', 'name'],
          filter: inList('roleid', roleIds),
        })
      : [];
    const links: Links = {
      roleNames: new Map(roles.map((r) => [r.roleid, r.name ?? ''])),
      userRoles: new Map([[systemUserId, userRoles.map((r) => r.roleid)]]),
      teamRoles: new Map(),
      teamNames: new Map(teams.map((t) => [t.teamid, t.name ?? ''])),
      memberships: new Map([[users[0].systemuserid, teamIds]]),
    };
    for (const r of teamRoles) push(links.teamRoles, r.teamid, r.roleid);
    return toUser(users[0], links);
  }
}
