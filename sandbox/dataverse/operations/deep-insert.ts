/**
 * Create with related rows in one POST ("deep insert", as learn.microsoft.com "Create related table
 * rows in one operation" describes): a single-valued navigation property holding an object creates
 * that row first and links to it; a collection-valued one holding an array creates each row linked
 * to the new one. All of it or nothing.
 */
import { randomUUID } from 'node:crypto';
import { badRequest } from '../errors';
import type { TableInfo } from '../schema/catalog';
import type { Row } from '../store/store';
import { readPayload } from './payload';
import type { Scope } from './scope';
import { createRow } from './write';

export function createDeep(scope: Scope, info: TableInfo, body: unknown): Row {
  return scope.store.transaction(() => createOne(scope, info, body, {}));
}

function createOne(scope: Scope, info: TableInfo, body: unknown, preset: Row): Row {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw badRequest('The request body must be a JSON object.');
  const plain: Record<string, unknown> = {};
  const links: Row = {};
  const children: { navName: string; items: unknown[] }[] = [];
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
    const nav = !key.includes('@') && typeof value === 'object' && value !== null ? info.navigation.get(key) : undefined;
    if (!nav) {
      plain[key] = value;
      continue;
    }
    if (nav.kind === 'single') {
      if (Array.isArray(value)) throw badRequest(`'${key}' is a single-valued navigation property: give one object.`);
      const target = scope.catalog.table(nav.target);
      const related = createOne(scope, target, value, {});
      links[nav.attribute] = { entity: nav.target, id: String(related[target.def.primaryIdAttribute]) };
    } else {
      if (!Array.isArray(value)) throw badRequest(`'${key}' is a collection-valued navigation property: give an array.`);
      children.push({ navName: key, items: value });
    }
  }
  const row = createRow(scope, info, { ...readPayload(scope, info, plain, 'create'), ...links, ...preset });
  const id = String(row[info.def.primaryIdAttribute]);
  for (const { navName, items } of children) {
    const nav = info.navigation.get(navName);
    if (!nav || nav.kind === 'single') continue;
    const target = scope.catalog.table(nav.target);
    for (const item of items) {
      if (nav.kind === 'collection') {
        createOne(scope, target, item, { [nav.referencingAttribute]: { entity: info.def.logicalName, id } });
      } else {
        const related = createOne(scope, target, item, {});
        scope.store.put(nav.relationship.intersectEntityName, randomUUID(), {
          [nav.selfColumn]: id,
          [nav.otherColumn]: String(related[target.def.primaryIdAttribute]),
        });
      }
    }
  }
  return row;
}
