/**
 * Which child rows an action on a parent row reaches, by each one-to-many relationship's
 * CascadeConfiguration (learn.microsoft.com, "Configure table relationship cascading behavior"):
 * Cascade = every referencing row, Active = the active ones (statecode 0), UserOwned = those owned
 * by the parent's owner, NoCascade (or absent) = none.
 */
import type { RelationshipDef } from '../../../solution/model/types';
import type { TableInfo } from '../schema/catalog';
import type { Row } from '../store/store';
import { refId } from '../security/caller';
import type { Scope } from './scope';

export type CascadeAction = 'cascadeAssign' | 'cascadeShare' | 'cascadeUnshare' | 'cascadeReparent';

export interface ChildRows {
  relationship: RelationshipDef;
  info: TableInfo;
  rows: Row[];
}

export function cascadeChildren(scope: Scope, info: TableInfo, parent: Row, action: CascadeAction): ChildRows[] {
  const table = info.def.logicalName;
  const parentId = refId(parent[info.def.primaryIdAttribute]);
  if (!parentId) return [];
  const out: ChildRows[] = [];
  for (const relationship of scope.catalog.schema.relationships) {
    const kind = relationship[action] ?? 'NoCascade';
    if (relationship.referencedEntity !== table || kind === 'NoCascade') continue;
    const childInfo = scope.catalog.tables.get(relationship.referencingEntity);
    if (!childInfo) continue;
    const rows = scope.store
      .all(relationship.referencingEntity)
      .filter((child) => refId(child[relationship.referencingAttribute]) === parentId)
      .filter((child) => kind !== 'Active' || child.statecode === 0)
      .filter((child) => kind !== 'UserOwned' || refId(child.ownerid) === refId(parent.ownerid));
    if (rows.length) out.push({ relationship, info: childInfo, rows });
  }
  return out;
}

/** The parent rows a row hangs from through relationships whose `action` cascades (to inherit their shares). */
export function cascadeParents(scope: Scope, info: TableInfo, child: Row, action: CascadeAction): { info: TableInfo; row: Row }[] {
  const out: { info: TableInfo; row: Row }[] = [];
  for (const relationship of scope.catalog.schema.relationships) {
    if (relationship.referencingEntity !== info.def.logicalName || (relationship[action] ?? 'NoCascade') === 'NoCascade') continue;
    const parentId = refId(child[relationship.referencingAttribute]);
    const parentInfo = scope.catalog.tables.get(relationship.referencedEntity);
    const parent = parentId && parentInfo ? scope.store.get(relationship.referencedEntity, parentId) : undefined;
    if (parent && parentInfo) out.push({ info: parentInfo, row: parent });
  }
  return out;
}
