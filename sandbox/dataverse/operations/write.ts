/**
 * Create, update and delete on the store, with what Dataverse does around them: privileges and
 * record access, the primary id, system columns (created/modified on and by, owner, owning
 * business unit, state and status, money `_base`), duplicate alternate keys, and delete cascades.
 */
import { randomUUID } from 'node:crypto';
import type { SeedValue } from '../model/security-types';
import { DataverseError, ErrorCodes, badRequest } from '../errors';
import type { TableInfo } from '../schema/catalog';
import { isEntityRef, normalizeId, type Row } from '../store/store';
import { refId } from '../security/caller';
import { toDataverseInstant } from './payload';
import type { Scope } from './scope';
import { assignWithCascade, changesOwner } from './assign';
import { inheritFromParents } from './inherit-shares';
import { cascadeParents } from './cascade';

const has = (info: TableInfo, attr: string): boolean => info.attributes.has(attr);

export function createRow(scope: Scope, info: TableInfo, values: Row): Row {
  const table = info.def.logicalName;
  scope.access.requirePrivilege(table, 'create');
  const primary = info.def.primaryIdAttribute;
  const id = normalizeId(typeof values[primary] === 'string' ? (values[primary] as string) : randomUUID());
  if (scope.store.get(table, id)) {
    throw new DataverseError(412, ErrorCodes.duplicateRecord, 'A record with matching key values already exists.');
  }
  const now = toDataverseInstant(new Date());
  const me: SeedValue = { entity: 'systemuser', id: scope.caller.systemUserId };
  const row: Row = {};
  for (const attr of info.def.attributes) row[attr.logicalName] = null;
  Object.assign(row, values, { [primary]: id });
  if (has(info, 'createdon')) row.createdon = now;
  if (has(info, 'modifiedon')) row.modifiedon = now;
  if (has(info, 'createdby')) row.createdby = me;
  if (has(info, 'modifiedby')) row.modifiedby = me;
  const onBehalf: SeedValue = scope.caller.impersonatorId ? { entity: 'systemuser', id: scope.caller.impersonatorId } : null;
  if (has(info, 'createdonbehalfby')) row.createdonbehalfby = onBehalf;
  if (has(info, 'modifiedonbehalfby')) row.modifiedonbehalfby = onBehalf;
  if (info.def.ownershipType === 'UserOwned') {
    if (!isEntityRef(row.ownerid)) row.ownerid = me;
    stampOwningUnit(scope, info, row);
  }
  if (has(info, 'statecode') && typeof row.statecode !== 'number') row.statecode = 0;
  alignStatus(scope, info, row);
  if (has(info, 'transactioncurrencyid') && !isEntityRef(row.transactioncurrencyid) && hasMoney(info)) {
    const currency = scope.store.all('transactioncurrency')[0];
    if (currency) row.transactioncurrencyid = { entity: 'transactioncurrency', id: String(currency.transactioncurrencyid) };
  }
  derive(scope, info, row);
  // Basic-depth create means "records I own": creating a row owned by someone else needs more.
  scope.access.requireOnRow(table, 'create', row);
  checkAppend(scope, info, row, values);
  assertUniqueKeys(scope, info, row, undefined);
  const stored = scope.store.put(table, id, row);
  if (cascadeParents(scope, info, stored, 'cascadeShare').length) inheritFromParents(scope, info, stored);
  return stored;
}

export function updateRow(scope: Scope, info: TableInfo, existing: Row, values: Row): Row {
  const table = info.def.logicalName;
  // An update that only changes the owner is an Assign: it needs prvAssign, not prvWrite.
  const assigning = changesOwner(info, existing, values);
  if (!assigning || Object.keys(values).some((k) => k !== 'ownerid')) scope.access.requireOnRow(table, 'write', existing);
  const row: Row = { ...existing, ...values };
  checkAppend(scope, info, row, values);
  if (has(info, 'modifiedon')) row.modifiedon = toDataverseInstant(new Date());
  if (has(info, 'modifiedby')) row.modifiedby = { entity: 'systemuser', id: scope.caller.systemUserId };
  if (has(info, 'modifiedonbehalfby')) row.modifiedonbehalfby = scope.caller.impersonatorId ? { entity: 'systemuser', id: scope.caller.impersonatorId } : null;
  if ('ownerid' in values && info.def.ownershipType === 'UserOwned') {
    if (!isEntityRef(row.ownerid)) throw badRequest('ownerid cannot be empty.', ErrorCodes.invalidArgument);
    stampOwningUnit(scope, info, row);
  }
  if ('statecode' in values && !('statuscode' in values)) row.statuscode = null;
  alignStatus(scope, info, row);
  derive(scope, info, row);
  const id = String(existing[info.def.primaryIdAttribute]);
  assertUniqueKeys(scope, info, row, id);
  return scope.store.transaction(() => {
    if (assigning) assignWithCascade(scope, info, existing, row.ownerid);
    const stored = scope.store.put(table, id, row);
    if (reparents(scope, info, values)) inheritFromParents(scope, info, stored);
    return stored;
  });
}

/** Whether the update sets a lookup through which the row inherits its parent's shares. */
function reparents(scope: Scope, info: TableInfo, values: Row): boolean {
  return scope.catalog.schema.relationships.some(
    (r) => r.referencingEntity === info.def.logicalName && r.referencingAttribute in values && (r.cascadeShare ?? 'NoCascade') !== 'NoCascade',
  );
}

export function deleteRow(scope: Scope, info: TableInfo, row: Row): void {
  const table = info.def.logicalName;
  scope.access.requireOnRow(table, 'delete', row);
  removeWithCascade(scope, info, String(row[info.def.primaryIdAttribute]));
}

function removeWithCascade(scope: Scope, info: TableInfo, id: string): void {
  const table = info.def.logicalName;
  for (const rel of scope.catalog.schema.relationships) {
    if (rel.referencedEntity !== table) continue;
    const childInfo = scope.catalog.tables.get(rel.referencingEntity);
    if (!childInfo) continue;
    const children = scope.store.all(rel.referencingEntity).filter((c) => refId(c[rel.referencingAttribute]) === normalizeId(id));
    if (!children.length) continue;
    if (rel.cascadeDelete === 'Restrict') {
      throw new DataverseError(400, '0x80040227', `The record cannot be deleted because it is associated with another record (${rel.schemaName}).`);
    }
    for (const child of children) {
      const childId = String(child[childInfo.def.primaryIdAttribute]);
      if (rel.cascadeDelete === 'Cascade') removeWithCascade(scope, childInfo, childId);
      else scope.store.put(rel.referencingEntity, childId, { ...child, [rel.referencingAttribute]: null });
    }
  }
  // N:N links of the row go with it.
  for (const nav of info.navigation.values()) {
    if (nav.kind !== 'manyToMany') continue;
    const intersect = nav.relationship.intersectEntityName;
    for (const [linkId, link] of [...scope.store.tableRows(intersect)]) {
      if (refId(link[nav.selfColumn]) === normalizeId(id)) scope.store.remove(intersect, linkId);
    }
  }
  scope.store.remove(table, id);
}

/**
 * Setting a lookup associates two rows: Dataverse asks for Append on this row and AppendTo on the
 * row it points to (ownerid is an assignment, checked as create/write instead).
 */
function checkAppend(scope: Scope, info: TableInfo, row: Row, values: Row): void {
  for (const [name, value] of Object.entries(values)) {
    const attr = info.attributes.get(name);
    if (!attr || (attr.type !== 'Lookup' && attr.type !== 'Customer') || !isEntityRef(value)) continue;
    scope.access.requireOnRow(info.def.logicalName, 'append', row);
    const target = scope.store.get(value.entity, value.id);
    if (target) scope.access.requireOnRow(value.entity, 'appendTo', target);
  }
}

function stampOwningUnit(scope: Scope, info: TableInfo, row: Row): void {
  const owner = row.ownerid;
  if (!isEntityRef(owner)) return;
  const ownerRow = scope.store.get(owner.entity, owner.id);
  const unit = refId(ownerRow?.businessunitid) ?? scope.caller.businessUnitId;
  if (unit && has(info, 'owningbusinessunit')) row.owningbusinessunit = { entity: 'businessunit', id: unit };
  else if (unit) row.owningbusinessunit = { entity: 'businessunit', id: unit };
  if (has(info, 'owninguser')) row.owninguser = owner.entity === 'systemuser' ? owner : null;
  if (has(info, 'owningteam')) row.owningteam = owner.entity === 'team' ? owner : null;
}

/** A statuscode must belong to the statecode; an empty one takes the state's first (default) status. */
function alignStatus(scope: Scope, info: TableInfo, row: Row): void {
  const status = info.attributes.get('statuscode');
  if (!status || typeof row.statecode !== 'number') return;
  const options = scope.catalog.options(status)?.options ?? [];
  const current = options.find((o) => o.value === row.statuscode);
  if (current && current.state !== undefined && current.state !== row.statecode) {
    throw new DataverseError(
      400,
      ErrorCodes.invalidArgument,
      `${row.statuscode} is not a valid status code for state code ${info.def.logicalName}State.${row.statecode}.`,
    );
  }
  if (row.statuscode === null || row.statuscode === undefined) {
    const first = options.find((o) => o.state === row.statecode) ?? (row.statecode === 0 ? options[0] : undefined);
    row.statuscode = first ? first.value : null;
  }
}

const hasMoney = (info: TableInfo): boolean => info.def.attributes.some((a) => a.type === 'Money' && !a.logicalName.endsWith('_base'));

/** Columns Dataverse computes from others: `x_base` (money in base currency), contact/user full names. */
function derive(scope: Scope, info: TableInfo, row: Row): void {
  const currencyId = refId(row.transactioncurrencyid);
  const currency = currencyId ? scope.store.get('transactioncurrency', currencyId) : undefined;
  const rate =
    typeof row.exchangerate === 'number' && row.exchangerate > 0
      ? row.exchangerate
      : typeof currency?.exchangerate === 'number' && currency.exchangerate > 0
        ? currency.exchangerate
        : 1;
  for (const attr of info.def.attributes) {
    if (attr.type !== 'Money' || attr.logicalName.endsWith('_base')) continue;
    const base = `${attr.logicalName}_base`;
    if (!has(info, base)) continue;
    const v = row[attr.logicalName];
    row[base] = typeof v === 'number' ? Math.round((v / rate) * 10_000) / 10_000 : null;
  }
  const fullname = info.attributes.get('fullname');
  if (fullname && fullname.isValidForCreate === false && (has(info, 'firstname') || has(info, 'lastname'))) {
    row.fullname = [row.firstname, row.lastname].filter((p) => typeof p === 'string' && p).join(' ') || null;
  }
}

function assertUniqueKeys(scope: Scope, info: TableInfo, row: Row, selfId: string | undefined): void {
  const owner = scope.store.alternateKeyOwner(info.def.logicalName, row);
  if (owner && owner.id !== (selfId ? normalizeId(selfId) : undefined)) {
    throw new DataverseError(
      412,
      ErrorCodes.duplicateRecord,
      `A record that has the attribute values ${JSON.stringify(owner.keyName)} already exists. The entity key ${owner.keyName} requires that this set of attributes contains unique values.`,
    );
  }
}
