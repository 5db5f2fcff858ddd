/**
 * EntityMetadata, as the Web API answers `EntityDefinitions`: computed from a schema description
 * under the property names of Dataverse's metadata types, with its attributes, relationships and
 * keys. Pure: the same schema gives the same JSON, ids included.
 */
import type { SchemaDef, TableDef } from '../../../solution/model/types';
import { attributesMetadata } from './attributes';
import { metadataId } from './ids';
import { keyMetadata } from './keys';
import { label, managed, type JsonObject } from './labels';
import { manyToManyMetadata, oneToManyMetadata } from './relationships';
import { privilegesMetadata } from './privileges';

function ownershipType(t: TableDef): string {
  return t.metadataOwnershipType ?? t.ownershipType;
}

function collectionSchemaName(t: TableDef): string {
  if (t.entitySetName.startsWith(t.logicalName)) return t.schemaName + t.entitySetName.slice(t.logicalName.length);
  return t.entitySetName.charAt(0).toUpperCase() + t.entitySetName.slice(1);
}

/** Entity metadata without its collections (what `GET EntityDefinitions` lists per entity). */
function entityMetadataHeader(table: TableDef): JsonObject {
  const t = table.logicalName;
  return {
    MetadataId: metadataId('entity', t),
    HasChanged: null,
    LogicalName: t,
    SchemaName: table.schemaName,
    EntitySetName: table.entitySetName,
    LogicalCollectionName: table.entitySetName,
    CollectionSchemaName: collectionSchemaName(table),
    ObjectTypeCode: table.objectTypeCode ?? null,
    PrimaryIdAttribute: table.primaryIdAttribute,
    PrimaryNameAttribute: table.primaryNameAttribute === '' ? null : table.primaryNameAttribute,
    PrimaryImageAttribute: null,
    OwnershipType: ownershipType(table),
    IsCustomEntity: table.isCustomEntity,
    IsManaged: !table.isCustomEntity,
    IsActivity: false,
    IsActivityParty: false,
    IsIntersect: table.isIntersect === true,
    IsChildEntity: false,
    IsLogicalEntity: false,
    IsPrivate: false,
    IsValidForAdvancedFind: table.isIntersect !== true,
    IsBusinessProcessEnabled: false,
    ChangeTrackingEnabled: table.changeTrackingEnabled === true,
    IsCustomizable: managed(true, 'iscustomizable'),
    IsAuditEnabled: managed(false, 'canmodifyauditsettings'),
    HasNotes: false,
    HasActivities: false,
    IntroducedVersion: table.isCustomEntity ? '1.0.0.0' : '5.0.0.0',
    DisplayName: label(table.displayName, `entity.${t}.displayname`),
    DisplayCollectionName: label(table.displayCollectionName, `entity.${t}.displaycollectionname`),
    Description: label(table.description, `entity.${t}.description`),
    Privileges: privilegesMetadata(table),
  };
}

/** One entity's full metadata, with Attributes, relationships and Keys. */
function entityMetadata(schema: SchemaDef, table: TableDef): JsonObject {
  const t = table.logicalName;
  return {
    ...entityMetadataHeader(table),
    Attributes: attributesMetadata(table),
    ManyToOneRelationships: schema.relationships.filter((r) => r.referencingEntity === t).map((r) => oneToManyMetadata(r, schema)),
    OneToManyRelationships: schema.relationships.filter((r) => r.referencedEntity === t).map((r) => oneToManyMetadata(r, schema)),
    ManyToManyRelationships: schema.manyToMany
      .filter((r) => r.entity1LogicalName === t || r.entity2LogicalName === t)
      .map((r) => manyToManyMetadata(r, schema)),
    Keys: (table.alternateKeys ?? []).map((k) => keyMetadata(table, k)),
  };
}

/** `EntityDefinitions`: every table's metadata, expanded. */
export function entityDefinitions(schema: SchemaDef): JsonObject[] {
  return schema.tables.map((t) => entityMetadata(schema, t));
}
