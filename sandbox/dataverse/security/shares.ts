/**
 * Shared access as Dataverse keeps it: one principalobjectaccess row per record and principal (user
 * or team), with the rights shared on the record itself (`accessrightsmask`) and those it inherits
 * from a parent shared with cascading (`inheritedaccessrightsmask`). The rows live in the store, so
 * a failed change set puts them back like any other row. They are found by id
 * (`<record id>:<principal id>`), so a privilege check costs one lookup per principal of the caller.
 */
import type { Row, Store } from '../store/store';
import { normalizeId } from '../store/store';

const SHARE_TABLE = 'principalobjectaccess';

export type PrincipalType = 'systemuser' | 'team';

export interface Share {
  objectId: string;
  objectTable: string;
  principalId: string;
  principalType: PrincipalType;
  /** Rights shared on this record directly (GrantAccess / ModifyAccess on it). */
  explicit: number;
  /** Rights inherited from a parent record's share (cascade Share, or a child created under a shared parent). */
  inherited: number;
}

const shareId = (objectId: string, principalId: string): string => `${normalizeId(objectId)}:${normalizeId(principalId)}`;

function toShare(row: Row): Share {
  return {
    objectId: String(row.objectid),
    objectTable: String(row.objecttypecode),
    principalId: String(row.principalid),
    principalType: row.principaltypecode === 'team' ? 'team' : 'systemuser',
    explicit: Number(row.accessrightsmask ?? 0),
    inherited: Number(row.inheritedaccessrightsmask ?? 0),
  };
}

/** The rights the principals (a user and their teams) hold on one record through shares: the union of all. */
export function sharedRights(store: Store, objectId: string, principalIds: Iterable<string>): number {
  let mask = 0;
  for (const principal of principalIds) {
    const row = store.get(SHARE_TABLE, shareId(objectId, principal));
    if (row) mask |= Number(row.accessrightsmask ?? 0) | Number(row.inheritedaccessrightsmask ?? 0);
  }
  return mask;
}

export function getShare(store: Store, objectId: string, principalId: string): Share | undefined {
  const row = store.get(SHARE_TABLE, shareId(objectId, principalId));
  return row ? toShare(row) : undefined;
}

/** Every share of one record (a parent's, to hand down to a child). */
export function sharesOf(store: Store, objectId: string): Share[] {
  const id = normalizeId(objectId);
  return store
    .all(SHARE_TABLE)
    .filter((r) => r.objectid === id)
    .map(toShare);
}

/** Writes a share; a share left with no right at all is removed, as RevokeAccess leaves nothing behind. */
export function putShare(store: Store, share: Share): void {
  const id = shareId(share.objectId, share.principalId);
  if (!share.explicit && !share.inherited) {
    store.remove(SHARE_TABLE, id);
    return;
  }
  store.put(
    SHARE_TABLE,
    id,
    {
      principalobjectaccessid: id,
      objectid: normalizeId(share.objectId),
      objecttypecode: share.objectTable,
      principalid: normalizeId(share.principalId),
      principaltypecode: share.principalType,
      accessrightsmask: share.explicit,
      inheritedaccessrightsmask: share.inherited,
    },
    { track: false },
  );
}
