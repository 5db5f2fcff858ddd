/**
 * Who is asking: the systemuser a request runs as, with everything Dataverse's record security and
 * formatting need (business unit, teams, privileges from roles held directly and through teams,
 * locale and time zone from usersettings).
 */
import type { PrivilegeAction, PrivilegeDepth, RoleDef } from '../model/security-types';
import { PRIVILEGE_ACTIONS } from '../../../solution/model/types';
import type { Row, Store } from '../store/store';
import { isEntityRef, normalizeId } from '../store/store';
import { DEMO_USERS } from '../../seed/identities';
import { timeZoneForCode } from '../format/timezones';
import { parentAction, privilegeTableOf, READABLE_BY_EVERY_USER, SECURED_BY_PARENT } from './privilege-owner';

export interface Caller {
  systemUserId: string;
  fullName: string;
  businessUnitId: string | undefined;
  teamIds: Set<string>;
  roleIds: Set<string>;
  /** table logical name -> action -> deepest depth granted. '*' applies to every table. */
  privileges: Map<string, Map<PrivilegeAction, PrivilegeDepth>>;
  miscPrivileges: Set<string>;
  /** Misc privileges from roles assigned to the user directly (not through a team): impersonation needs one of these. */
  directMiscPrivileges: Set<string>;
  localeId: number;
  /** usersettings.uilanguageid: the language Dataverse shows labels in (metadata, formatted choices); absent = 1033. */
  uiLanguageId?: number;
  timeZone: string;
  /** The Entra object id that CallerObjectId named, when impersonating. */
  callerObjectId?: string;
  /** When impersonating: the systemuser that really called (stamped in createdonbehalfby / modifiedonbehalfby). */
  impersonatorId?: string;
}

const depthRank: Record<PrivilegeDepth, number> = { Basic: 1, Local: 2, Deep: 3, Global: 4 };

const deeper = (a: PrivilegeDepth | undefined, b: PrivilegeDepth | undefined): PrivilegeDepth | undefined =>
  !a ? b : !b ? a : depthRank[a] >= depthRank[b] ? a : b;

/** What holding several roles grants: per table and action, the deepest depth any of them gives (Dataverse's union of roles). */
export function grantedBy(roles: RoleDef[], roleIds: ReadonlySet<string>): Caller['privileges'] {
  const privileges: Caller['privileges'] = new Map();
  for (const role of roles) {
    if (!roleIds.has(normalizeId(role.roleId))) continue;
    for (const [table, grants] of Object.entries(role.privileges)) {
      const current = privileges.get(table) ?? new Map<PrivilegeAction, PrivilegeDepth>();
      for (const [action, depth] of Object.entries(grants) as [PrivilegeAction, PrivilegeDepth][]) {
        const d = deeper(current.get(action), depth);
        if (d) current.set(action, d);
      }
      privileges.set(table, current);
    }
  }
  return privileges;
}

/** A reference column as an id, whether the seed wrote it as a GUID string or as `{ entity, id }`. */
export function refId(value: unknown): string | undefined {
  if (isEntityRef(value)) return normalizeId(value.id);
  if (typeof value === 'string') return normalizeId(value);
  return undefined;
}

export function buildCaller(store: Store, roles: RoleDef[], user: Row): Caller {
  const userId = normalizeId(String(user.systemuserid));
  const teamIds = new Set<string>();
  const roleIds = new Set<string>();
  for (const m of store.all('teammembership')) if (refId(m.systemuserid) === userId) teamIds.add(refId(m.teamid) ?? '');
  for (const r of store.all('systemuserroles')) if (refId(r.systemuserid) === userId) roleIds.add(refId(r.roleid) ?? '');
  const directRoleIds = new Set(roleIds);
  for (const r of store.all('teamroles')) if (teamIds.has(refId(r.teamid) ?? '')) roleIds.add(refId(r.roleid) ?? '');

  const privileges = grantedBy(roles, roleIds);
  const miscPrivileges = new Set<string>();
  const directMiscPrivileges = new Set<string>();
  for (const role of roles) {
    if (!roleIds.has(normalizeId(role.roleId))) continue;
    role.miscPrivileges?.forEach((p) => miscPrivileges.add(p));
    if (directRoleIds.has(normalizeId(role.roleId))) role.miscPrivileges?.forEach((p) => directMiscPrivileges.add(p));
  }

  const settings = store.all('usersettings').find((s) => refId(s.systemuserid) === userId);
  const demo = DEMO_USERS.find((u) => u.systemUserId === userId);
  const tzCode = typeof settings?.timezonecode === 'number' ? settings.timezonecode : undefined;
  return {
    systemUserId: userId,
    fullName: String(user.fullname ?? [user.firstname, user.lastname].filter(Boolean).join(' ')),
    businessUnitId: refId(user.businessunitid),
    teamIds,
    roleIds,
    privileges,
    miscPrivileges,
    directMiscPrivileges,
    localeId: typeof settings?.localeid === 'number' ? settings.localeid : (demo?.localeId ?? 1033),
    uiLanguageId: typeof settings?.uilanguageid === 'number' ? settings.uilanguageid : (demo?.localeId ?? 1033),
    timeZone: tzCode !== undefined ? timeZoneForCode(tzCode) : (demo?.timeZone ?? 'UTC'),
  };
}

/**
 * The deepest depth the caller holds for an action on a table. Lines take their parent's privilege;
 * the intersect tables and time zones are readable by every user (security/privilege-owner.ts).
 */
export function privilegeDepth(caller: Caller, table: string, action: PrivilegeAction): PrivilegeDepth | undefined {
  const parent = SECURED_BY_PARENT[table];
  if (parent) return privilegeDepth(caller, parent.table, parentAction(action));
  if (action === 'read' && READABLE_BY_EVERY_USER.has(table)) return 'Global';
  const holder = privilegeTableOf(table);
  return deeper(caller.privileges.get(holder)?.get(action), caller.privileges.get('*')?.get(action));
}

const depthRankOf = (d: PrivilegeDepth | undefined): number => (d ? depthRank[d] : 0);

/**
 * Impersonation: "the actual set of privileges used is the intersection of the privileges that the
 * impersonator possesses with that of the impersonated user" (learn.microsoft.com, Impersonate
 * another user) — per table and action, the shallower of the two depths.
 */
export function intersectPrivileges(target: Caller, impersonator: Caller): Caller['privileges'] {
  const tables = new Set([...target.privileges.keys(), ...impersonator.privileges.keys()]);
  const result = new Map<string, Map<PrivilegeAction, PrivilegeDepth>>();
  for (const table of tables) {
    const grants = new Map<PrivilegeAction, PrivilegeDepth>();
    for (const action of PRIVILEGE_ACTIONS) {
      const a = table === '*' ? target.privileges.get('*')?.get(action) : privilegeDepth(target, table, action);
      const b = table === '*' ? impersonator.privileges.get('*')?.get(action) : privilegeDepth(impersonator, table, action);
      if (a && b) grants.set(action, depthRankOf(a) <= depthRankOf(b) ? a : b);
    }
    result.set(table, grants);
  }
  return result;
}
