/**
 * The schema, indexed the ways the Web API looks it up: a table by entity set name or logical name,
 * an attribute by name, and the navigation properties each table exposes (single-valued on the
 * referencing side of a 1:N relationship, collection-valued on the referenced side, both sides of N:N).
 */
import type { AttributeDef, ManyToManyDef, OptionSetDef, RelationshipDef, SchemaDef, TableDef } from '../../../solution/model/types';

interface SingleNav {
  kind: 'single';
  name: string;
  /** The lookup attribute on this table. */
  attribute: string;
  target: string;
  relationship: RelationshipDef;
}
export interface CollectionNav {
  kind: 'collection';
  name: string;
  /** The table of the related rows, and the lookup attribute on it that points back here. */
  target: string;
  referencingAttribute: string;
  relationship: RelationshipDef;
}
export interface ManyToManyNav {
  kind: 'manyToMany';
  name: string;
  target: string;
  relationship: ManyToManyDef;
  /** Attribute names on the intersect rows for this side and the other side. */
  selfColumn: string;
  otherColumn: string;
}
export type NavigationProperty = SingleNav | CollectionNav | ManyToManyNav;

export interface TableInfo {
  def: TableDef;
  attributes: Map<string, AttributeDef>;
  navigation: Map<string, NavigationProperty>;
  /** Lookup attribute -> single-valued navigation properties by target table. */
  lookupNavs: Map<string, Map<string, SingleNav>>;
}

export class Catalog {
  readonly tables = new Map<string, TableInfo>();
  private readonly bySet = new Map<string, TableInfo>();
  readonly optionSets = new Map<string, OptionSetDef>();

  constructor(readonly schema: SchemaDef) {
    for (const os of schema.optionSets) this.optionSets.set(os.name, os);
    for (const def of schema.tables) {
      const info: TableInfo = {
        def,
        attributes: new Map(def.attributes.map((a) => [a.logicalName, a])),
        navigation: new Map(),
        lookupNavs: new Map(),
      };
      this.tables.set(def.logicalName, info);
      this.bySet.set(def.entitySetName, info);
    }
    for (const rel of schema.relationships) {
      const referencing = this.tables.get(rel.referencingEntity);
      const referenced = this.tables.get(rel.referencedEntity);
      if (referencing) {
        const nav: SingleNav = {
          kind: 'single',
          name: rel.referencingEntityNavigationPropertyName,
          attribute: rel.referencingAttribute,
          target: rel.referencedEntity,
          relationship: rel,
        };
        referencing.navigation.set(nav.name, nav);
        const byTarget = referencing.lookupNavs.get(nav.attribute) ?? new Map<string, SingleNav>();
        byTarget.set(nav.target, nav);
        referencing.lookupNavs.set(nav.attribute, byTarget);
      }
      if (referenced) {
        referenced.navigation.set(rel.referencedEntityNavigationPropertyName, {
          kind: 'collection',
          name: rel.referencedEntityNavigationPropertyName,
          target: rel.referencingEntity,
          referencingAttribute: rel.referencingAttribute,
          relationship: rel,
        });
      }
    }
    for (const mm of schema.manyToMany) {
      const one = this.tables.get(mm.entity1LogicalName);
      const two = this.tables.get(mm.entity2LogicalName);
      const col1 = mm.entity1IntersectAttribute ?? this.tables.get(mm.entity1LogicalName)?.def.primaryIdAttribute ?? `${mm.entity1LogicalName}id`;
      const col2 = mm.entity2IntersectAttribute ?? this.tables.get(mm.entity2LogicalName)?.def.primaryIdAttribute ?? `${mm.entity2LogicalName}id`;
      one?.navigation.set(mm.entity1NavigationPropertyName, {
        kind: 'manyToMany',
        name: mm.entity1NavigationPropertyName,
        target: mm.entity2LogicalName,
        relationship: mm,
        selfColumn: col1,
        otherColumn: col2,
      });
      two?.navigation.set(mm.entity2NavigationPropertyName, {
        kind: 'manyToMany',
        name: mm.entity2NavigationPropertyName,
        target: mm.entity1LogicalName,
        relationship: mm,
        selfColumn: col2,
        otherColumn: col1,
      });
    }
  }

  byEntitySet(name: string): TableInfo | undefined {
    return this.bySet.get(name);
  }

  table(logicalName: string): TableInfo {
    const t = this.tables.get(logicalName);
    if (!t) throw new Error(`Unknown table ${logicalName}`);
    return t;
  }

  /** The options of a Picklist/State/Status attribute, whether its option set is global or local. */
  options(attr: AttributeDef): OptionSetDef | undefined {
    if (!attr.optionSet) return undefined;
    return typeof attr.optionSet === 'string' ? this.optionSets.get(attr.optionSet) : attr.optionSet;
  }
}

export const isLookupType = (a: AttributeDef): boolean => a.type === 'Lookup' || a.type === 'Customer' || a.type === 'Owner';

/** The Web API property name of an attribute: lookups appear as `_x_value`. */
export const propertyName = (a: AttributeDef): string => (isLookupType(a) ? `_${a.logicalName}_value` : a.logicalName);
