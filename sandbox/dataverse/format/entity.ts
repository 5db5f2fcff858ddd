/**
 * A stored row as the Web API returns it: `@odata.etag` first, then the selected columns (lookups as
 * `_x_value` with their annotations when asked for), then expanded navigation properties.
 */
import type { AttributeDef } from '../../../solution/model/types';
import type { QueryOptions } from '../odata/ast';
import { requireAttribute } from '../odata/properties';
import { isLookupType, propertyName, type TableInfo } from '../schema/catalog';
import { isEntityRef, type Row } from '../store/store';
import type { Scope } from '../operations/scope';
import { expandInto } from '../operations/expand';
import { formattedValue, lookupName } from './formatted-value';

const FORMATTED = 'OData.Community.Display.V1.FormattedValue';
const NAVIGATION = 'Microsoft.Dynamics.CRM.associatednavigationproperty';
const LOOKUP_LOGICAL_NAME = 'Microsoft.Dynamics.CRM.lookuplogicalname';

export const etagOf = (row: Row): string => `W/"${row.versionnumber}"`;

/** The attributes a $select names (validated), always with the primary id; every attribute without $select. */
export function selectedAttributes(info: TableInfo, select: string[] | undefined): AttributeDef[] {
  if (!select || select.includes('*')) return info.def.attributes.filter((a) => a.type !== 'Virtual');
  const chosen = new Map<string, AttributeDef>();
  for (const name of select) {
    const attr = requireAttribute(info, name);
    chosen.set(attr.logicalName, attr);
  }
  const primary = info.attributes.get(info.def.primaryIdAttribute);
  if (primary && !chosen.has(primary.logicalName)) chosen.set(primary.logicalName, primary);
  // "If you request a money value, the _transactioncurrencyid_value lookup property is returned."
  // (Retrieve a table row using the Web API)
  const currency = info.attributes.get('transactioncurrencyid');
  if (currency && [...chosen.values()].some((a) => a.type === 'Money')) chosen.set(currency.logicalName, currency);
  return [...chosen.values()];
}

export function formatRow(scope: Scope, info: TableInfo, row: Row, options: QueryOptions, depth = 0): Record<string, unknown> {
  const out: Record<string, unknown> = { '@odata.etag': etagOf(row) };
  for (const attr of selectedAttributes(info, options.select)) writeAttribute(scope, info, row, attr, out);
  if (options.expand) expandInto(scope, info, row, options.expand, out, depth, formatRow);
  return out;
}

function writeAttribute(scope: Scope, info: TableInfo, row: Row, attr: AttributeDef, out: Record<string, unknown>): void {
  const name = propertyName(attr);
  const value = row[attr.logicalName];
  if (isLookupType(attr)) {
    if (isEntityRef(value)) {
      if (scope.wantsAnnotation(FORMATTED)) {
        const label = lookupName(value.entity, value.id, scope.format);
        if (label !== undefined) out[`${name}@${FORMATTED}`] = label;
      }
      if (scope.wantsAnnotation(NAVIGATION)) {
        // The navigation property for this target; an Owner column's own name stands for its principal one.
        const nav = info.lookupNavs.get(attr.logicalName)?.get(value.entity)?.name ?? (attr.type === 'Owner' ? attr.logicalName : undefined);
        if (nav) out[`${name}@${NAVIGATION}`] = nav;
      }
      if (scope.wantsAnnotation(LOOKUP_LOGICAL_NAME)) out[`${name}@${LOOKUP_LOGICAL_NAME}`] = value.entity;
      out[name] = value.id.toLowerCase();
    } else out[name] = null;
    return;
  }
  if (scope.wantsAnnotation(FORMATTED)) {
    const label = formattedValue(attr, value, row, scope.format);
    if (label !== undefined) out[`${name}@${FORMATTED}`] = label;
  }
  out[name] = value ?? null;
  if (attr.type === 'File') {
    // Dataverse exposes the file's name next to its id as `<column>_name`.
    const file = typeof value === 'string' ? scope.store.getFile(value) : undefined;
    if (!info.attributes.has(`${attr.logicalName}_name`)) out[`${attr.logicalName}_name`] = file?.name ?? null;
  }
}
