/**
 * What the emulator holds: the system tables of a Dynamics 365 Sales organization (as far as the
 * connector reads them) and the connector's own solution, merged into one schema.
 */
import type { OptionSetDef, SchemaDef } from '../../../solution/model/types';
import { organizationTables } from './organization-tables';
import { systemManyToMany, systemRelationshipsAll } from './relationships';
import { salesTables } from './sales-tables';
import { activityTables } from './activity-tables';

export * from './security-types';

/**
 * The organization before anything is imported: Dataverse's own tables and those of Dynamics 365
 * Sales. Local choices live on their columns; only global ones are listed in a schema's optionSets.
 */
export function organizationSchema(): SchemaDef {
  return {
    tables: [...organizationTables, ...salesTables, ...activityTables],
    optionSets: [] as OptionSetDef[],
    relationships: systemRelationshipsAll,
    manyToMany: systemManyToMany,
  };
}

/** The organization's schema and what a solution import added, as one: what the emulator serves. */
export function mergeSchemas(...schemas: SchemaDef[]): SchemaDef {
  const merged: SchemaDef = { tables: [], optionSets: [], relationships: [], manyToMany: [] };
  for (const s of schemas) {
    for (const t of s.tables) {
      if (merged.tables.some((x) => x.logicalName === t.logicalName)) throw new Error(`Table ${t.logicalName} is described twice`);
      merged.tables.push(t);
    }
    merged.optionSets.push(...s.optionSets);
    merged.relationships.push(...s.relationships);
    merged.manyToMany.push(...s.manyToMany);
  }
  return merged;
}
