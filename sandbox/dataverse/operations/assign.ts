/**
 * Assigning a row: an update of `ownerid` (PATCH with `ownerid@odata.bind`), which Dataverse runs
 * as its Assign message. The caller needs prvAssign on the table and AssignAccess on the row
 * ("Anyone with Assign access rights on a record can assign that record to another user"). The new
 * owner takes the child rows along relationships whose Assign cascades. For those the caller needs
 * prvAssign on the child table at some depth, not rights on each child row (as for a cascading
 * share: "only the lack of privileges for a particular object type prevents" it), so a child
 * another user wrote under the record moves too; a missing privilege fails the whole assign (403).
 * Children move to the new owner's business unit, as the owner does.
 */
import type { SeedValue } from '../model/security-types';
import type { TableInfo } from '../schema/catalog';
import { isEntityRef, type Row } from '../store/store';
import { refId } from '../security/caller';
import { toDataverseInstant } from './payload';
import { cascadeChildren } from './cascade';
import type { Scope } from './scope';

/** True when `values` hands the row to another owner. */
export function changesOwner(info: TableInfo, existing: Row, values: Row): boolean {
  return info.def.ownershipType === 'UserOwned' && 'ownerid' in values && isEntityRef(values.ownerid) && refId(values.ownerid) !== refId(existing.ownerid);
}

/** Checks the assign on the row and moves its cascading children to the new owner. */
export function assignWithCascade(scope: Scope, info: TableInfo, existing: Row, newOwner: SeedValue): void {
  scope.access.requireOnRow(info.def.logicalName, 'assign', existing);
  cascadeAssign(scope, info, existing, newOwner);
}

function cascadeAssign(scope: Scope, info: TableInfo, parent: Row, newOwner: SeedValue): void {
  if (!isEntityRef(newOwner)) return;
  for (const children of cascadeChildren(scope, info, parent, 'cascadeAssign')) {
    if (children.info.def.ownershipType !== 'UserOwned') continue;
    scope.access.requirePrivilege(children.info.def.logicalName, 'assign');
    for (const child of children.rows) {
      if (refId(child.ownerid) === refId(newOwner)) continue;
      cascadeAssign(scope, children.info, child, newOwner);
      scope.store.put(children.info.def.logicalName, String(child[children.info.def.primaryIdAttribute]), ownedBy(scope, children.info, child, newOwner));
    }
  }
}

function ownedBy(scope: Scope, info: TableInfo, row: Row, owner: { entity: string; id: string }): Row {
  const ownerRow = scope.store.get(owner.entity, owner.id);
  const unit = refId(ownerRow?.businessunitid);
  const next: Row = { ...row, ownerid: { entity: owner.entity, id: owner.id } };
  if (unit) next.owningbusinessunit = { entity: 'businessunit', id: unit };
  if (info.attributes.has('owninguser')) next.owninguser = owner.entity === 'systemuser' ? next.ownerid : null;
  if (info.attributes.has('owningteam')) next.owningteam = owner.entity === 'team' ? next.ownerid : null;
  if (info.attributes.has('modifiedon')) next.modifiedon = toDataverseInstant(new Date());
  if (info.attributes.has('modifiedby')) next.modifiedby = { entity: 'systemuser', id: scope.caller.systemUserId };
  return next;
}
