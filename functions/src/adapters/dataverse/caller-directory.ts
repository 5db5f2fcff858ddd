/**
 * Finds the Dynamics user behind an Entra object id, with every security role they hold directly
 * or through a team, as the connector app. Dataverse cannot expand a collection inside an expanded
 * collection (user -> teams -> roles), so this is two requests at most: the user with their direct
 * roles and team ids, then those teams' roles (skipped when the user is in no team). The answer is
 * cached per instance for a short time (60 s): a role removed in Dynamics takes effect within a
 * minute, and a warm request pays nothing for it.
 */
import type { DataverseGateway } from './client';
import type { CallerDirectory, DirectoryUser } from '../../services/auth/ports';
import { guidKey } from './url-values';

const CALLER_DIRECTORY_TTL_MS = 60_000;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface UserRow {
  systemuserid: string;
  fullname?: string | null;
  internalemailaddress?: string | null;
  isdisabled?: boolean | null;
  systemuserroles_association?: { name?: string | null }[];
  teammembership_association?: { teamid: string }[];
}

interface TeamRow {
  teamid: string;
  teamroles_association?: { name?: string | null }[];
}

export class DataverseCallerDirectory implements CallerDirectory {
  private readonly cache = new Map<string, { user: DirectoryUser | undefined; at: number }>();
  private readonly pending = new Map<string, Promise<DirectoryUser | undefined>>();

  constructor(
    private readonly api: DataverseGateway,
    private readonly ttlMs = CALLER_DIRECTORY_TTL_MS,
    private readonly now: () => number = Date.now,
  ) {}

  async find(objectId: string): Promise<DirectoryUser | undefined> {
    if (!GUID.test(objectId)) return undefined;
    const key = objectId.toLowerCase();
    const hit = this.cache.get(key);
    if (hit && this.now() - hit.at < this.ttlMs) return hit.user;
    // Concurrent first calls of one user share one lookup.
    let running = this.pending.get(key);
    if (!running) {
      running = this.lookup(key).then(
        (user) => {
          this.cache.set(key, { user, at: this.now() });
          this.pending.delete(key);
          return user;
        },
        (e: unknown) => {
          this.pending.delete(key);
          throw e;
        },
      );
      this.pending.set(key, running);
    }
    return running;
  }

  private async lookup(objectId: string): Promise<DirectoryUser | undefined> {
    const users = await this.api.retrieveMultiple<UserRow>({
      collection: 'systemusers',
      select: ['systemuserid', 'fullname', 'internalemailaddress', 'isdisabled'],
      filter: `azureactivedirectoryobjectid eq ${guidKey(objectId)}`,
      expand: [
        { property: 'systemuserroles_association', select: ['name'] },
        { property: 'teammembership_association', select: ['teamid'] },
      ],
    });
    const row = users.value[0];
    if (!row) return undefined;
    const roleNames = new Set((row.systemuserroles_association ?? []).map((r) => r.name ?? '').filter(Boolean));
    const teamIds = (row.teammembership_association ?? []).map((t) => t.teamid).filter((id) => GUID.test(id));
    if (teamIds.length) {
      const teams = await this.api.retrieveMultiple<TeamRow>({
        collection: 'teams',
        select: ['teamid'],
        filter: `Microsoft.Dynamics.CRM.In(PropertyName='teamid',PropertyValues=[${teamIds.map((id) => `"${guidKey(id)}"`).join(',')}])`,
        expand: [{ property: 'teamroles_association', select: ['name'] }],
      });
      for (const t of teams.value) for (const r of t.teamroles_association ?? []) if (r.name) roleNames.add(r.name);
    }
    return {
      systemUserId: row.systemuserid,
      objectId,
      fullName: row.fullname ?? '',
      ...(row.internalemailaddress ? { email: row.internalemailaddress } : {}),
      isDisabled: row.isdisabled === true,
      roleNames: [...roleNames],
    };
  }
}
