/**
 * Every attribute a mapping reads, with where it is read from: the single list that both the read
 * plan (what to $select/$expand) and the conversion (where to look in the answer) agree on.
 */
import { type DataverseMetadata, type EntityInfo, findAttribute, isLookup } from './metadata';
import { canonicalNavigation, lookupValueProperty, normalizeSource, signatoryNavigation } from './paths';
import type { Mapping, RelatedBlock, ValueSource } from './schema';
import type { TemplateField } from './template';
import { fieldsByKey } from './template';
import { placeholdersOf } from './contract-name';

export interface ReadOptions {
  metadata?: DataverseMetadata;
  templateFields?: readonly TemplateField[];
}

/** One attribute read on one record of the trigger record's graph. */
interface AttributeRead {
  /** Navigation properties from the trigger record, Web API names (aliases applied). */
  navigation: string[];
  /** Table of each navigation step, when known (from the mapping's `entity` or from metadata). */
  entities: (string | undefined)[];
  /** The property as the Web API selects and returns it (`_customerid_value` for a lookup). */
  property: string;
  /** True when the value is money and so needs the record's currency. */
  money: boolean;
}

interface CollectionRead {
  relationship: string;
  entity: string;
  key: string;
  properties: string[];
  filter?: string;
  orderBy?: string;
  top?: number;
  money: boolean;
}

export interface MappingReads {
  triggerEntity: string;
  attributes: AttributeRead[];
  collections: CollectionRead[];
  fixed: { key: string; entity: string; id: string; property: string }[];
  /** Navigation names written as an alias (ownerid_systemuser) and the property read instead. */
  aliases: { written: string; read: string }[];
}

/** Money is sent with the ISO code of the record's own currency, read through this lookup. */
export const CURRENCY_NAVIGATION = 'transactioncurrencyid';
export const CURRENCY_CODE_ATTRIBUTE = 'isocurrencycode';

/** The primary name column when metadata does not say (true of opportunity and quote). */
export function primaryNameOf(entity: string, metadata?: DataverseMetadata): string {
  return metadata?.entities[entity]?.primaryNameAttribute ?? 'name';
}

/** The Web API spelling of an attribute: lookups are read as `_x_value`. */
export function propertyFor(attribute: string, entity: EntityInfo | undefined, as: string | undefined): string {
  if (as === 'id' || isLookup(findAttribute(entity, attribute))) return lookupValueProperty(attribute);
  return attribute;
}

/** Follows navigation names through metadata to know each step's table. */
export function entitiesAlong(
  start: string | undefined,
  navigation: readonly string[],
  metadata: DataverseMetadata | undefined,
  known: (string | undefined)[] = [],
): (string | undefined)[] {
  const out: (string | undefined)[] = [];
  let current = start;
  navigation.forEach((nav, i) => {
    const fromMeta = current ? metadata?.entities[current]?.singleValued[canonicalNavigation(nav)]?.target : undefined;
    current = known[i] ?? fromMeta;
    out.push(current);
  });
  return out;
}

export function collectReads(mapping: Mapping, options: ReadOptions = {}): MappingReads {
  const { metadata } = options;
  const templateByKey = fieldsByKey(options.templateFields ?? []);
  const triggerEntity = mapping.trigger_entity;
  const attributes: AttributeRead[] = [];
  const aliases = new Map<string, string>();
  const canonical = (nav: string) => {
    const read = canonicalNavigation(nav);
    if (read !== nav) aliases.set(nav, read);
    return read;
  };

  const addSource = (baseNav: string[], baseEntities: (string | undefined)[], source: ValueSource, clmKey?: string) => {
    const s = normalizeSource(source);
    const navigation = [...baseNav, ...s.navigation.map(canonical)];
    const startEntity = baseEntities.length ? baseEntities[baseEntities.length - 1] : triggerEntity;
    const entities = [...baseEntities, ...entitiesAlong(startEntity, s.navigation, metadata)];
    const ownerEntity = entities.length ? entities[entities.length - 1] : triggerEntity;
    const info = ownerEntity ? metadata?.entities[ownerEntity] : undefined;
    const attr = findAttribute(info, s.attribute);
    const clmType = clmKey ? templateByKey.get(clmKey)?.type : undefined;
    attributes.push({
      navigation,
      entities,
      property: propertyFor(s.attribute, info, s.as),
      money: attr?.attributeType === 'Money' || clmType === 'money' || s.format === 'money',
    });
  };

  for (const [key, source] of Object.entries(mapping.fields ?? {})) addSource([], [], source, key);

  const walk = (blocks: Record<string, RelatedBlock> | undefined, nav: string[], entities: (string | undefined)[]) => {
    for (const [name, block] of Object.entries(blocks ?? {})) {
      const n = [...nav, canonical(name)];
      const e = [...entities, block.entity];
      for (const [key, source] of Object.entries(block.fields ?? {})) addSource(n, e, source, key);
      // A block with no fields still names a record (e.g. only used by deeper blocks).
      walk(block.relatedEntities, n, e);
    }
  };
  walk(mapping.relatedEntities, [], []);

  // contractName placeholders read like fields; without a pattern, the record's primary name.
  if (mapping.contractName) {
    for (const p of placeholdersOf(mapping.contractName)) addSource([], [], p);
  } else {
    addSource([], [], primaryNameOf(triggerEntity, metadata));
  }

  for (const entry of mapping.signatories ?? []) {
    const nav = signatoryNavigation(entry.from);
    const prefix = nav.join('.');
    for (const attribute of [entry.firstName, entry.lastName, entry.email, entry.phone]) {
      if (attribute) addSource([], [], prefix ? `${prefix}.${attribute}` : attribute);
    }
  }

  const collections: CollectionRead[] = Object.entries(mapping.collections ?? {}).map(([key, c]) => {
    const info = metadata?.entities[c.entity];
    const columns = templateByKey.get(key)?.columns ?? [];
    const byColumn = fieldsByKey(columns);
    let money = false;
    const properties = Object.entries(c.columns).map(([columnKey, source]) => {
      const s = normalizeSource(source);
      const attr = findAttribute(info, s.attribute);
      if (attr?.attributeType === 'Money' || byColumn.get(columnKey)?.type === 'money' || s.format === 'money') money = true;
      return propertyFor(s.attribute, info, s.as);
    });
    // A lookup orders by its `_x_value` property, the name the Web API knows it by.
    const order = c.orderBy?.trim().split(/\s+/);
    const orderBy = order ? [propertyFor(order[0], info, undefined), ...order.slice(1)].join(' ') : undefined;
    return { relationship: c.relationship, entity: c.entity, key, properties, filter: c.filter, orderBy, top: c.top, money };
  });

  const fixed = Object.entries(mapping.fixedFieldMappings ?? {}).map(([key, f]) => ({
    key,
    entity: f.entity,
    id: f.id,
    property: propertyFor(f.attribute, metadata?.entities[f.entity], undefined),
  }));

  return { triggerEntity, attributes, collections, fixed, aliases: [...aliases].map(([written, read]) => ({ written, read })) };
}
