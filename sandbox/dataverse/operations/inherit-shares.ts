/**
 * Shares handed down on create and reparent: a row created under a shared parent, or moved to
 * another parent, holds as inherited rights the shares of its parents along relationships whose
 * Share cascades, and no longer those of a parent it left.
 */
import type { TableInfo } from '../schema/catalog';
import type { Row } from '../store/store';
import { getShare, putShare, sharesOf, type PrincipalType } from '../security/shares';
import { cascadeParents } from './cascade';
import type { Scope } from './scope';

/**
 * A row created under, or moved to, a shared parent takes the parent's shares as inherited rights
 * ("If a record is created and the parent record has certain sharing properties, the new record
 * inherits those properties"); moving it away from a parent drops what it inherited from it.
 */
export function inheritFromParents(scope: Scope, info: TableInfo, row: Row): void {
  const id = String(row[info.def.primaryIdAttribute]);
  const fromParents = new Map<string, { type: PrincipalType; mask: number }>();
  for (const parent of cascadeParents(scope, info, row, 'cascadeShare')) {
    for (const share of sharesOf(scope.store, String(parent.row[parent.info.def.primaryIdAttribute]))) {
      const seen = fromParents.get(share.principalId);
      fromParents.set(share.principalId, { type: share.principalType, mask: (seen?.mask ?? 0) | share.explicit | share.inherited });
    }
  }
  const principals = new Set([...fromParents.keys(), ...sharesOf(scope.store, id).map((s) => s.principalId)]);
  for (const principalId of principals) {
    const current = getShare(scope.store, id, principalId);
    const inherited = fromParents.get(principalId);
    if ((current?.inherited ?? 0) === (inherited?.mask ?? 0)) continue;
    putShare(scope.store, {
      objectId: id,
      objectTable: info.def.logicalName,
      principalId,
      principalType: inherited?.type ?? current?.principalType ?? 'systemuser',
      explicit: current?.explicit ?? 0,
      inherited: inherited?.mask ?? 0,
    });
  }
}
