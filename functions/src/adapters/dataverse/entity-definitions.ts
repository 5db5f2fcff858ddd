/**
 * Turns the Web API's EntityDefinitions answers (Microsoft's EntityMetadata, AttributeMetadata and
 * relationship metadata) into the domain's view of metadata (domain/mapping/metadata.ts).
 */
import type { AttributeInfo, DataverseAttributeType, EntityInfo } from '../../domain/mapping';

interface Label {
  UserLocalizedLabel?: { Label?: string } | null;
}

interface AttributeMetadataJson {
  LogicalName: string;
  AttributeType: string;
  AttributeOf?: string | null;
  DisplayName?: Label | null;
  DateTimeBehavior?: { Value?: string } | null;
  Targets?: string[] | null;
  MaxLength?: number | null;
  IsValidForUpdate?: boolean | null;
}

export interface EntityMetadataJson {
  LogicalName: string;
  EntitySetName?: string;
  PrimaryIdAttribute?: string;
  PrimaryNameAttribute?: string | null;
  DisplayName?: Label | null;
  Attributes?: AttributeMetadataJson[];
  ManyToOneRelationships?: { ReferencingEntityNavigationPropertyName: string; ReferencedEntity: string; ReferencingAttribute?: string }[];
  OneToManyRelationships?: { ReferencedEntityNavigationPropertyName: string; ReferencingEntity: string }[];
}

const label = (l: Label | null | undefined): string | undefined => l?.UserLocalizedLabel?.Label || undefined;

function attribute(a: AttributeMetadataJson): AttributeInfo {
  const behavior = a.DateTimeBehavior?.Value;
  return {
    logicalName: a.LogicalName,
    attributeType: a.AttributeType as DataverseAttributeType,
    ...(a.AttributeType === 'DateTime' ? { dateTimeBehavior: behavior === 'DateOnly' || behavior === 'TimeZoneIndependent' ? behavior : 'UserLocal' } : {}),
    ...(a.Targets?.length ? { targets: a.Targets } : {}),
    ...(typeof a.MaxLength === 'number' ? { maxLength: a.MaxLength } : {}),
    ...(label(a.DisplayName) ? { displayName: label(a.DisplayName) } : {}),
    ...(typeof a.IsValidForUpdate === 'boolean' ? { validForUpdate: a.IsValidForUpdate } : {}),
  };
}

export function entityInfoFromDefinition(d: EntityMetadataJson): EntityInfo {
  return {
    logicalName: d.LogicalName,
    ...(d.EntitySetName ? { entitySetName: d.EntitySetName } : {}),
    ...(d.PrimaryIdAttribute ? { primaryIdAttribute: d.PrimaryIdAttribute } : {}),
    ...(d.PrimaryNameAttribute ? { primaryNameAttribute: d.PrimaryNameAttribute } : {}),
    ...(label(d.DisplayName) ? { displayName: label(d.DisplayName) } : {}),
    // Columns that only describe another (AttributeOf: a lookup's name, a file's name) are not mapped.
    attributes: Object.fromEntries((d.Attributes ?? []).filter((a) => !a.AttributeOf).map((a) => [a.LogicalName, attribute(a)])),
    singleValued: Object.fromEntries(
      (d.ManyToOneRelationships ?? [])
        .filter((r) => r.ReferencingEntityNavigationPropertyName)
        .map((r) => [
          r.ReferencingEntityNavigationPropertyName,
          { target: r.ReferencedEntity, ...(r.ReferencingAttribute ? { lookupAttribute: r.ReferencingAttribute } : {}) },
        ]),
    ),
    collectionValued: Object.fromEntries(
      (d.OneToManyRelationships ?? [])
        .filter((r) => r.ReferencedEntityNavigationPropertyName)
        .map((r) => [r.ReferencedEntityNavigationPropertyName, { entity: r.ReferencingEntity }]),
    ),
  };
}
