/**
 * Which tables' metadata a mapping needs. Tables named in the mapping are known at once; tables
 * reached through a bare path (`parentaccountid.primarycontactid.fullname`) only once the table
 * before is loaded, so a loader calls this until it returns nothing new.
 */
import type { DataverseMetadata } from './metadata';
import { canonicalNavigation, normalizeSource, signatoryNavigation, splitPath } from './paths';
import { placeholdersOf } from './contract-name';
import type { Mapping, RelatedBlock, ValueSource } from './schema';

export function entitiesToLoad(mapping: Mapping, metadata: DataverseMetadata = { entities: {} }): string[] {
  const want = new Set<string>([mapping.trigger_entity, 'transactioncurrency']);
  const follow = (entity: string | undefined, navigation: readonly string[]) => {
    let current = entity;
    for (const nav of navigation) {
      if (!current) return;
      want.add(current);
      current = metadata.entities[current]?.singleValued[canonicalNavigation(nav)]?.target;
    }
    if (current) want.add(current);
  };
  const source = (entity: string, s: ValueSource) => follow(entity, normalizeSource(s).navigation);
  for (const s of Object.values(mapping.fields ?? {})) source(mapping.trigger_entity, s);
  const walk = (blocks: Record<string, RelatedBlock> | undefined) => {
    for (const block of Object.values(blocks ?? {})) {
      want.add(block.entity);
      for (const s of Object.values(block.fields ?? {})) source(block.entity, s);
      walk(block.relatedEntities);
    }
  };
  walk(mapping.relatedEntities);
  for (const c of Object.values(mapping.collections ?? {})) want.add(c.entity);
  for (const f of Object.values(mapping.fixedFieldMappings ?? {})) want.add(f.entity);
  for (const s of mapping.signatories ?? []) follow(mapping.trigger_entity, signatoryNavigation(s.from));
  if (mapping.contractName) for (const p of placeholdersOf(mapping.contractName)) follow(mapping.trigger_entity, splitPath(p).navigation);
  return [...want].filter((e) => !metadata.entities[e]).sort();
}
