/**
 * The one-to-many relationships of the connector's tables as `<EntityRelationships>`: the lookups
 * it adds and the system relationships Dataverse made for each table (owner, created by, ...),
 * which an export lists too. Names of tables and columns are schema names, as in an export.
 */
import type { Label } from '../../model/labels';
import type { AttributeDef as AnyAttributeDef, RelationshipDef, SchemaDef as AnySchemaDef } from '../../model/types';
import { tableSchemaName } from '../names';
import { el, textEl, type XmlElement } from '../xml';
import { descriptions, INTRODUCED_VERSION } from './labels';
import { SYSTEM_ATTRIBUTE_TRAITS } from './system-attribute-traits';

type AttributeDef = AnyAttributeDef<Label>;
type SchemaDef = AnySchemaDef<Label>;

function referencingAttribute(rel: RelationshipDef, schema: SchemaDef): AttributeDef {
  const table = schema.tables.find((t) => t.logicalName === rel.referencingEntity);
  const attr = table?.attributes.find((a) => a.logicalName === rel.referencingAttribute);
  if (!attr) throw new Error(`Relationship ${rel.schemaName}: no column ${rel.referencingEntity}.${rel.referencingAttribute}`);
  return attr;
}

function relationship(rel: RelationshipDef, schema: SchemaDef): XmlElement {
  const isLookup = !rel.isSystem;
  const attr = referencingAttribute(rel, schema);
  // An export describes a relationship with its lookup column's description.
  const description = attr.description ?? SYSTEM_ATTRIBUTE_TRAITS[attr.logicalName]?.description;
  const cascade = (c: RelationshipDef['cascadeAssign']) => c ?? 'NoCascade';
  // Dataverse's own relationships (owner, created by, ...) export with NoCascade whatever their
  // delete rule (see the reference export); import leaves them as Dataverse made them.
  const cascadeDelete = rel.isSystem ? 'NoCascade' : rel.cascadeDelete;
  return el(
    'EntityRelationship',
    { Name: rel.schemaName },
    textEl('EntityRelationshipType', 'OneToMany'),
    textEl('IsCustomizable', 1),
    textEl('IntroducedVersion', INTRODUCED_VERSION),
    textEl('IsHierarchical', 0),
    textEl('ReferencingEntityName', tableSchemaName(rel.referencingEntity, schema.tables)),
    textEl('ReferencedEntityName', tableSchemaName(rel.referencedEntity, schema.tables)),
    textEl('CascadeAssign', cascade(rel.cascadeAssign)),
    textEl('CascadeDelete', cascadeDelete),
    textEl('CascadeReparent', cascade(rel.cascadeReparent)),
    textEl('CascadeShare', cascade(rel.cascadeShare)),
    textEl('CascadeUnshare', cascade(rel.cascadeUnshare)),
    isLookup ? [textEl('CascadeRollupView', 'NoCascade'), textEl('IsValidForAdvancedFind', 1)] : null,
    textEl('ReferencingAttributeName', attr.schemaName),
    el('RelationshipDescription', {}, descriptions(description)),
    isLookup
      ? el(
          'EntityRelationshipRoles',
          {},
          // Referencing side (1): the single-valued navigation property; referenced side (0): the collection.
          el(
            'EntityRelationshipRole',
            {},
            textEl('NavPaneDisplayOption', 'UseCollectionName'),
            textEl('NavPaneArea', 'Details'),
            textEl('NavPaneOrder', 10000),
            textEl('NavigationPropertyName', rel.referencingEntityNavigationPropertyName),
            textEl('RelationshipRoleType', 1),
          ),
          el('EntityRelationshipRole', {}, textEl('NavigationPropertyName', rel.referencedEntityNavigationPropertyName), textEl('RelationshipRoleType', 0)),
        )
      : null,
  );
}

export function entityRelationships(schema: SchemaDef): XmlElement {
  const sorted = [...schema.relationships].sort((a, b) => (a.schemaName < b.schemaName ? -1 : a.schemaName > b.schemaName ? 1 : 0));
  return el(
    'EntityRelationships',
    {},
    sorted.map((r) => relationship(r, schema)),
  );
}
