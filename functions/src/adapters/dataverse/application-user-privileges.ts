/**
 * What the connector's application user may read, asked of Dataverse with documented functions:
 * `WhoAmI` (its systemuserid), `systemusers(id)/Microsoft.Dynamics.CRM.RetrieveUserPrivileges()`
 * (RolePrivilege: PrivilegeName, Depth), and each table's Read privilege name from
 * `EntityDefinitions` (EntityMetadata.Privileges, PrivilegeType Read). A table without privileges
 * of its own (a line follows its parent; intersect tables have none) is never unreadable here.
 */
import type { DataverseGateway } from './client';
import { z } from 'zod';
import type { ApplicationUserPrivileges, UnreadableTable } from '../../services/health/ports';
import { equalsString, guidKey } from './url-values';

const LOGICAL_NAME = /^[a-z_][a-z0-9_]*$/;

const whoAmI = z.object({ UserId: z.string() });
const userPrivileges = z.object({ RolePrivileges: z.array(z.object({ PrivilegeName: z.string().nullish(), Depth: z.string() })) });
const definitions = z.object({
  value: z.array(
    z.object({
      LogicalName: z.string(),
      Privileges: z.array(z.object({ Name: z.string(), PrivilegeType: z.string() })).nullish(),
    }),
  ),
});

export class DataverseApplicationUserPrivileges implements ApplicationUserPrivileges {
  constructor(private readonly api: DataverseGateway) {}

  async unreadable(tables: readonly string[]): Promise<UnreadableTable[]> {
    const names = [...new Set(tables)].filter((t) => LOGICAL_NAME.test(t)).sort();
    if (names.length === 0) return [];
    const me = whoAmI.parse(await this.api.callFunction('WhoAmI'));
    // The bound function as a path under the row: DynamicsWebApi's callFunction copies the request
    // deeply, which breaks the gateway's time-out signal (an AbortSignal is not a plain object).
    const held = userPrivileges.parse(
      await this.api.retrieve({ collection: 'systemusers', key: guidKey(me.UserId), navigationProperty: 'Microsoft.Dynamics.CRM.RetrieveUserPrivileges()' }),
    );
    const depthOf = new Map(held.RolePrivileges.map((p) => [p.PrivilegeName ?? '', p.Depth]));
    const metadata = definitions.parse(
      await this.api.retrieveMultiple({
        collection: 'EntityDefinitions',
        select: ['LogicalName', 'Privileges'],
        filter: names.map((n) => equalsString('LogicalName', n)).join(' or '),
      }),
    );
    const out: UnreadableTable[] = [];
    for (const d of metadata.value) {
      const read = d.Privileges?.find((p) => p.PrivilegeType === 'Read');
      if (!read) continue;
      const depth = depthOf.get(read.Name);
      if (depth === 'Global') continue;
      out.push({ table: d.LogicalName, privilege: read.Name, ...(depth ? { heldDepth: depth } : {}) });
    }
    return out.sort((a, b) => a.table.localeCompare(b.table));
  }
}
