/**
 * Dataverse metadata for completion: one table's attributes and navigation properties, read once per
 * table with Microsoft's documented query shape ("Query table definitions using the Web API"):
 * `EntityDefinitions(LogicalName='x')?$select=...&$expand=Attributes($select=...),
 * ManyToOneRelationships($select=...),OneToManyRelationships($select=...)`, relative to the page
 * (same origin in Dynamics, the session authenticates). Kept for the page's life: metadata changes
 * with a solution import, not while a mapping is typed.
 */
import { z } from 'zod';
import { dataverseGet, dataverseUrl, quoted } from '../../../lib/dataverse';
import type { EntityRef } from './completion-context';

export interface EntitySummary {
  logicalName: string;
  attributes: { name: string; type: string; label: string }[];
  /** Single-valued navigation properties (N:1), to their table. */
  singleValued: { name: string; target: string }[];
  /** Collection-valued navigation properties (1:N), to the rows' table. */
  collections: { name: string; entity: string }[];
}

const labelSchema = z.object({ UserLocalizedLabel: z.object({ Label: z.string() }).nullish() }).nullish();
const definitionSchema = z.object({
  LogicalName: z.string(),
  Attributes: z.array(z.object({ LogicalName: z.string(), AttributeType: z.string().nullish(), AttributeOf: z.string().nullish(), DisplayName: labelSchema })),
  ManyToOneRelationships: z.array(z.object({ ReferencingEntityNavigationPropertyName: z.string().nullish(), ReferencedEntity: z.string() })),
  OneToManyRelationships: z.array(z.object({ ReferencedEntityNavigationPropertyName: z.string().nullish(), ReferencingEntity: z.string() })),
});

const LOGICAL_NAME = /^[a-z_][a-z0-9_]{0,127}$/;

/** The documented query of one table's definition, its logical name checked and quoted. */
function entityDefinitionUrl(logicalName: string): string {
  if (!LOGICAL_NAME.test(logicalName)) throw new Error(`"${logicalName}" is not a table's logical name`);
  return dataverseUrl(`EntityDefinitions(LogicalName=${encodeURIComponent(quoted(logicalName))})`, {
    $select: 'LogicalName',
    $expand:
      'Attributes($select=LogicalName,AttributeType,AttributeOf,DisplayName),' +
      'ManyToOneRelationships($select=ReferencingEntityNavigationPropertyName,ReferencedEntity),' +
      'OneToManyRelationships($select=ReferencedEntityNavigationPropertyName,ReferencingEntity)',
  });
}

function summary(json: unknown): EntitySummary | undefined {
  const parsed = definitionSchema.safeParse(json);
  if (!parsed.success) return undefined;
  const d = parsed.data;
  return {
    logicalName: d.LogicalName,
    // Columns that only describe another (AttributeOf: a lookup's name) cannot be mapped.
    attributes: d.Attributes.filter((a) => !a.AttributeOf)
      .map((a) => ({ name: a.LogicalName, type: a.AttributeType ?? '', label: a.DisplayName?.UserLocalizedLabel?.Label ?? '' }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    singleValued: d.ManyToOneRelationships.flatMap((r) =>
      r.ReferencingEntityNavigationPropertyName ? [{ name: r.ReferencingEntityNavigationPropertyName, target: r.ReferencedEntity }] : [],
    ),
    collections: d.OneToManyRelationships.flatMap((r) =>
      r.ReferencedEntityNavigationPropertyName ? [{ name: r.ReferencedEntityNavigationPropertyName, entity: r.ReferencingEntity }] : [],
    ),
  };
}

export interface EntityMetadata {
  /** A table's summary; undefined when Dataverse has no such table (or the name is not one). */
  entity(logicalName: string): Promise<EntitySummary | undefined>;
  /** The table an EntityRef of the mapping leads to. */
  resolve(ref: EntityRef): Promise<EntitySummary | undefined>;
}

export function entityMetadata(read: (url: string) => Promise<unknown> = async (url) => (await dataverseGet<unknown>(url)).body): EntityMetadata {
  const cache = new Map<string, Promise<EntitySummary | undefined>>();
  const entity = (logicalName: string): Promise<EntitySummary | undefined> => {
    if (!LOGICAL_NAME.test(logicalName)) return Promise.resolve(undefined);
    let hit = cache.get(logicalName);
    if (!hit) {
      hit = read(entityDefinitionUrl(logicalName)).then(summary, () => {
        // A failed read is not kept: the next keystroke asks again.
        cache.delete(logicalName);
        return undefined;
      });
      cache.set(logicalName, hit);
    }
    return hit;
  };
  const resolve = async (ref: EntityRef): Promise<EntitySummary | undefined> => {
    if (ref.kind === 'entity') return entity(ref.name);
    const from = await resolve(ref.from);
    if (!from) return undefined;
    const target = ref.many
      ? from.collections.find((c) => c.name === ref.navigation)?.entity
      : from.singleValued.find((s) => s.name === ref.navigation)?.target;
    return target ? entity(target) : undefined;
  };
  return { entity, resolve };
}
