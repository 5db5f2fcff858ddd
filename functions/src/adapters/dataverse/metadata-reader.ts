/**
 * Loads EntityDefinitions for the tables a mapping reaches, in one request per call, and keeps
 * them (metadata changes when a solution is imported, rarely: a time-to-live bounds staleness).
 */
import type { DataverseGateway } from './client';
import type { DataverseMetadata, EntityInfo } from '../../domain/mapping';
import type { MetadataReader } from '../../services/ports';
import { entityInfoFromDefinition, type EntityMetadataJson } from './entity-definitions';
import { equalsString } from './url-values';

const METADATA_TTL_MS = 15 * 60_000;

const LOGICAL_NAME = /^[a-z_][a-z0-9_]*$/;

export class DataverseMetadataReader implements MetadataReader {
  private readonly cache = new Map<string, { info: EntityInfo | null; at: number }>();

  constructor(
    private readonly api: DataverseGateway,
    private readonly now: () => number = Date.now,
  ) {}

  async load(logicalNames: readonly string[]): Promise<DataverseMetadata> {
    const fresh = (n: string) => {
      const hit = this.cache.get(n);
      return hit && this.now() - hit.at < METADATA_TTL_MS ? hit : undefined;
    };
    // Only logical names go into the filter: nothing from a mapping is pasted into OData unchecked.
    const missing = [...new Set(logicalNames)].filter((n) => LOGICAL_NAME.test(n) && !fresh(n));
    if (missing.length) {
      const answer = await this.api.retrieveMultiple<EntityMetadataJson>({
        collection: 'EntityDefinitions',
        select: ['LogicalName', 'EntitySetName', 'PrimaryIdAttribute', 'PrimaryNameAttribute', 'DisplayName'],
        filter: missing.map((n) => equalsString('LogicalName', n)).join(' or '),
        expand: [
          // No $select on Attributes: DateTimeBehavior, Targets and MaxLength live on derived types.
          { property: 'Attributes' },
          { property: 'ManyToOneRelationships', select: ['ReferencingEntityNavigationPropertyName', 'ReferencedEntity', 'ReferencingAttribute'] },
          { property: 'OneToManyRelationships', select: ['ReferencedEntityNavigationPropertyName', 'ReferencingEntity'] },
        ],
      });
      const at = this.now();
      for (const n of missing) this.cache.set(n, { info: null, at });
      for (const d of answer.value) this.cache.set(d.LogicalName, { info: entityInfoFromDefinition(d), at });
    }
    const entities: Record<string, EntityInfo> = {};
    let stamp = 0;
    for (const n of logicalNames) {
      const hit = this.cache.get(n);
      if (hit?.info) entities[n] = hit.info;
      if (hit) stamp = Math.max(stamp, hit.at);
    }
    return { entities, version: `dv:${stamp}` };
  }

  /** The entity set of a table (`quote` -> `quotes`), for the record reader. */
  async entitySetOf(logicalName: string): Promise<string> {
    const info = (await this.load([logicalName])).entities[logicalName];
    if (!info?.entitySetName) throw new Error(`Dataverse has no table "${logicalName}"`);
    return info.entitySetName;
  }
}
