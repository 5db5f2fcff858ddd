/**
 * Record-level security as Dataverse applies it to user-owned tables: a privilege at Basic depth
 * reaches rows the caller (or one of their teams) owns, Local the caller's business unit, Deep that
 * unit and the units below it, Global every row. Organization-owned tables need the privilege at
 * any depth. A row the caller cannot read is, for them, a row that does not exist (404).
 * Sharing (security/shares.ts) reaches further, never deeper: a row shared with the caller or one of
 * their teams passes for the shared rights, but only where the caller holds the privilege at some
 * depth ("you cannot give a user any rights that he or she would not have for that type of table").
 */
import type { PrivilegeAction } from '../model/security-types';
import type { Catalog } from '../schema/catalog';
import type { Row, Store } from '../store/store';
import { DataverseError, ErrorCodes } from '../errors';
import { privilegeDepth, refId, type Caller } from './caller';
import { RIGHT_FOR_ACTION } from './access-rights';
import { sharedRights } from './shares';
import { parentAction, SECURED_BY_PARENT } from './privilege-owner';
import { privilegeName } from './privilege-names';

export class Access {
  /** Business unit -> itself and every unit below it, computed once per request. */
  private descendants: Set<string> | undefined;

  constructor(
    private readonly catalog: Catalog,
    private readonly store: Store,
    readonly caller: Caller,
  ) {}

  can(table: string, action: PrivilegeAction, row: Row): boolean {
    // A line is reached through its opportunity or quote (no privileges of its own).
    const parent = SECURED_BY_PARENT[table];
    const parentId = parent ? refId(row[parent.lookup]) : undefined;
    const parentRow = parent && parentId ? this.store.get(parent.table, parentId) : undefined;
    if (parent && parentRow) return this.can(parent.table, parentAction(action), parentRow);
    const depth = privilegeDepth(this.caller, table, action);
    if (!depth) return false;
    const info = this.catalog.tables.get(table);
    if (!info || info.def.ownershipType !== 'UserOwned' || depth === 'Global') return true;
    const owner = refId(row.ownerid);
    if (owner && (owner === this.caller.systemUserId || this.caller.teamIds.has(owner))) return true;
    if (this.reachesByDepth(depth, row)) return true;
    return (this.sharedWithCaller(info.def.primaryIdAttribute, row) & RIGHT_FOR_ACTION[action]) !== 0;
  }

  /** The rights the caller holds on a row through shares to them or their teams. */
  sharedWithCaller(primaryIdAttribute: string, row: Row): number {
    const id = row[primaryIdAttribute];
    if (typeof id !== 'string') return 0;
    return sharedRights(this.store, id, [this.caller.systemUserId, ...this.caller.teamIds]);
  }

  private reachesByDepth(depth: string, row: Row): boolean {
    if (depth === 'Basic') return false;
    const bu = refId(row.owningbusinessunit);
    if (!bu) return false;
    if (depth === 'Local') return bu === this.caller.businessUnitId;
    return this.businessUnitTree().has(bu);
  }

  canRead(table: string, row: Row): boolean {
    return this.can(table, 'read', row);
  }

  /** Throws Dataverse's privilege error when the caller holds no depth at all for the action. */
  requirePrivilege(table: string, action: PrivilegeAction): void {
    if (!privilegeDepth(this.caller, table, action)) throw this.missing(table, action);
  }

  /** Throws unless the caller's depth for the action reaches this row. */
  requireOnRow(table: string, action: PrivilegeAction, row: Row): void {
    if (!this.can(table, action, row)) throw this.missing(table, action);
  }

  missing(table: string, action: PrivilegeAction): DataverseError {
    // A line's privilege is its parent's (prvReadOpportunity for an opportunityproduct).
    const parent = SECURED_BY_PARENT[table];
    const secured = parent ? parent.table : table;
    const def = this.catalog.tables.get(secured)?.def ?? { logicalName: secured, schemaName: secured };
    const name = privilegeName(def, parent ? parentAction(action) : action);
    return new DataverseError(
      403,
      ErrorCodes.privilegeDenied,
      `Principal user (Id=${this.caller.systemUserId}, type=8, roleCount=${this.caller.roleIds.size}, privilegeDepth=None), is missing ${name} privilege on OTC for entity '${secured}'.`,
    );
  }

  private businessUnitTree(): Set<string> {
    if (this.descendants) return this.descendants;
    const root = this.caller.businessUnitId;
    const tree = new Set<string>(root ? [root] : []);
    const units = this.store.all('businessunit');
    let grew = true;
    while (grew) {
      grew = false;
      for (const u of units) {
        const id = refId(u.businessunitid);
        const parent = refId(u.parentbusinessunitid);
        if (id && parent && tree.has(parent) && !tree.has(id)) {
          tree.add(id);
          grew = true;
        }
      }
    }
    this.descendants = tree;
    return tree;
  }
}
