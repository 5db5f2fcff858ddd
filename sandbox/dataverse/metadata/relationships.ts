/**
 * OneToManyRelationshipMetadata and ManyToManyRelationshipMetadata, with their CascadeConfiguration.
 */
import type { ManyToManyDef, RelationshipDef, SchemaDef } from '../../../solution/model/types';
import { metadataId } from './ids';
import { label, managed, type JsonObject } from './labels';

function cascade(r: RelationshipDef): JsonObject {
  const parental = r.cascadeDelete === 'Cascade';
  const dflt = parental ? 'Cascade' : 'NoCascade';
  return {
    Assign: r.cascadeAssign ?? dflt,
    Delete: r.cascadeDelete,
    Archive: parental ? 'Cascade' : 'NoCascade',
    Merge: parental ? 'Cascade' : 'NoCascade',
    Reparent: r.cascadeReparent ?? dflt,
    Share: r.cascadeShare ?? dflt,
    Unshare: r.cascadeUnshare ?? dflt,
    RollupView: 'NoCascade',
  };
}

/** OneToManyRelationshipMetadata (listed in both ManyToOneRelationships and OneToManyRelationships). */
export function oneToManyMetadata(r: RelationshipDef, schema?: SchemaDef): JsonObject {
  const custom = r.isSystem !== true;
  const referenced = schema?.tables.find((t) => t.logicalName === r.referencedEntity);
  return {
    MetadataId: metadataId('relationship', r.schemaName),
    HasChanged: null,
    SchemaName: r.schemaName,
    RelationshipType: 'OneToManyRelationship',
    IsCustomRelationship: custom && r.schemaName.startsWith('dtclm_'),
    IsCustomizable: managed(true, 'iscustomizable'),
    IsManaged: !(custom && r.schemaName.startsWith('dtclm_')),
    IsValidForAdvancedFind: true,
    IsHierarchical: false,
    IntroducedVersion: custom ? '1.0.0.0' : '5.0.0.0',
    SecurityTypes: r.cascadeDelete === 'Cascade' ? 'ParentChild' : r.isSystem ? 'None' : 'Append',
    RelationshipBehavior: 0,
    ReferencedAttribute: r.referencedAttribute || referenced?.primaryIdAttribute || `${r.referencedEntity}id`,
    ReferencedEntity: r.referencedEntity,
    ReferencingAttribute: r.referencingAttribute,
    ReferencingEntity: r.referencingEntity,
    ReferencedEntityNavigationPropertyName: r.referencedEntityNavigationPropertyName,
    ReferencingEntityNavigationPropertyName: r.referencingEntityNavigationPropertyName,
    CascadeConfiguration: cascade(r),
    AssociatedMenuConfiguration: {
      Behavior: 'UseCollectionName',
      Group: 'Details',
      Label: label('', `relationship.${r.schemaName}.menu`),
      Order: 10000,
      IsCustomizable: true,
      Icon: null,
      ViewId: '00000000-0000-0000-0000-000000000000',
      AvailableOffline: true,
      MenuId: null,
      QueryApi: null,
    },
  };
}

export function manyToManyMetadata(r: ManyToManyDef, schema?: SchemaDef): JsonObject {
  const idOf = (entity: string) => schema?.tables.find((t) => t.logicalName === entity)?.primaryIdAttribute ?? `${entity}id`;
  const menu = (side: string): JsonObject => ({
    Behavior: 'UseLabel',
    Group: 'Details',
    Label: label('', `relationship.${r.schemaName}.${side}.menu`),
    Order: null,
    IsCustomizable: true,
    Icon: null,
    ViewId: '00000000-0000-0000-0000-000000000000',
    AvailableOffline: true,
    MenuId: null,
    QueryApi: null,
  });
  return {
    MetadataId: metadataId('relationship', r.schemaName),
    HasChanged: null,
    SchemaName: r.schemaName,
    RelationshipType: 'ManyToManyRelationship',
    IsCustomRelationship: r.schemaName.startsWith('dtclm_'),
    IsCustomizable: managed(true, 'iscustomizable'),
    IsManaged: !r.schemaName.startsWith('dtclm_'),
    IsValidForAdvancedFind: true,
    IntroducedVersion: '5.0.0.0',
    SecurityTypes: 'None',
    Entity1LogicalName: r.entity1LogicalName,
    Entity2LogicalName: r.entity2LogicalName,
    IntersectEntityName: r.intersectEntityName,
    Entity1IntersectAttribute: r.entity1IntersectAttribute ?? idOf(r.entity1LogicalName),
    Entity2IntersectAttribute: r.entity2IntersectAttribute ?? idOf(r.entity2LogicalName),
    Entity1NavigationPropertyName: r.entity1NavigationPropertyName,
    Entity2NavigationPropertyName: r.entity2NavigationPropertyName,
    Entity1AssociatedMenuConfiguration: menu('1'),
    Entity2AssociatedMenuConfiguration: menu('2'),
  };
}
