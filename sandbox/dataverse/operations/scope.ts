/**
 * Everything one Web API operation needs: the model, the data, the caller's access, the answer's
 * preferences, and per-request indexes (related rows by lookup) so expands stay linear.
 */
import type { Catalog } from '../schema/catalog';
import type { Store, Row } from '../store/store';
import type { Access } from '../security/access';
import type { Caller } from '../security/caller';
import type { FormatContext } from '../format/formatted-value';
import type { Preferences } from '../http/prefer';
import { refId } from '../security/caller';

export interface Scope {
  catalog: Catalog;
  store: Store;
  access: Access;
  caller: Caller;
  /** e.g. http://127.0.0.1:5555/api/data/v9.2/ */
  apiUrl: string;
  prefs: Preferences;
  wantsAnnotation: (term: string) => boolean;
  format: FormatContext;
  maxPageSize: number;
  /** Lazily built: `${table}|${attribute}` -> referenced id -> referencing rows. */
  relatedIndex: Map<string, Map<string, Row[]>>;
  /** In a $batch change set: Content-ID -> the entity path it created (`accounts(guid)`), for `$1` references. */
  contentIds?: Map<string, string>;
}

/** Rows of `table` whose lookup `attribute` points at `id`, through an index built once per request. */
export function rowsReferencing(scope: Scope, table: string, attribute: string, id: string): Row[] {
  const key = `${table}|${attribute}`;
  let index = scope.relatedIndex.get(key);
  if (!index) {
    index = new Map();
    for (const row of scope.store.all(table)) {
      const target = refId(row[attribute]);
      if (!target) continue;
      const list = index.get(target);
      if (list) list.push(row);
      else index.set(target, [row]);
    }
    scope.relatedIndex.set(key, index);
  }
  return index.get(id.toLowerCase()) ?? [];
}
