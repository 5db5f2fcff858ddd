/** The rows a collection-valued navigation property of one row leads to (1:N through the lookup, N:N through the intersect table). */
import type { CollectionNav, ManyToManyNav } from '../schema/catalog';
import type { Row } from '../store/store';
import { refId } from '../security/caller';
import { rowsReferencing, type Scope } from './scope';

export function relatedRows(scope: Scope, nav: CollectionNav | ManyToManyNav, id: string): Row[] {
  if (nav.kind === 'collection') return rowsReferencing(scope, nav.target, nav.referencingAttribute, id);
  return rowsReferencing(scope, nav.relationship.intersectEntityName, nav.selfColumn, id)
    .map((link) => refId(link[nav.otherColumn]))
    .map((otherId) => (otherId ? scope.store.get(nav.target, otherId) : undefined))
    .filter((r): r is Row => r !== undefined);
}
