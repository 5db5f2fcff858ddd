/**
 * Web API property names -> stored attributes. Lookups are addressed as `_x_value` only (their
 * logical name is a navigation property, not a property); a path may go through single-valued
 * navigation properties in $filter.
 */
import type { AttributeDef } from '../../../solution/model/types';
import type { SeedValue } from '../model/security-types';
import { unknownProperty, badRequest } from '../errors';
import { isLookupType, type Catalog, type TableInfo } from '../schema/catalog';
import { isEntityRef, type Row, type Store } from '../store/store';

export function attributeForProperty(info: TableInfo, property: string): AttributeDef | undefined {
  const lookup = /^_(.+)_value$/.exec(property);
  if (lookup) {
    const attr = info.attributes.get(lookup[1]);
    return attr && isLookupType(attr) ? attr : undefined;
  }
  // A lookup is only a property as `_x_value`; its logical name is the navigation property's.
  const attr = info.attributes.get(property);
  return attr && !isLookupType(attr) ? attr : undefined;
}

export function requireAttribute(info: TableInfo, property: string): AttributeDef {
  const attr = attributeForProperty(info, property);
  if (!attr) throw unknownProperty(property, info.def.logicalName);
  return attr;
}

/** The value a filter or sort sees: lookups as their id, others as stored. */
export function comparableValue(value: SeedValue | undefined): SeedValue | undefined {
  return isEntityRef(value) ? value.id.toLowerCase() : value;
}

/** Follows a property path from a row; undefined when a navigation step leads nowhere. */
export function resolvePath(catalog: Catalog, store: Store, info: TableInfo, row: Row, path: string[]): { attr: AttributeDef; value: SeedValue | undefined } {
  let currentInfo = info;
  let current: Row | undefined = row;
  for (const step of path.slice(0, -1)) {
    const nav = currentInfo.navigation.get(step);
    if (!nav || nav.kind !== 'single') throw badRequest(`'${step}' is not a single-valued navigation property of ${currentInfo.def.logicalName}.`);
    const ref: SeedValue | undefined = current?.[nav.attribute];
    currentInfo = catalog.table(nav.target);
    current = isEntityRef(ref) && ref.entity === nav.target ? store.get(nav.target, ref.id) : undefined;
  }
  const attr = requireAttribute(currentInfo, path[path.length - 1]);
  return { attr, value: current ? current[attr.logicalName] : undefined };
}
