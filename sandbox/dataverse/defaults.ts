/**
 * The world the emulator serves when a test gives none: the model helper's full schema (system
 * tables + the connector's), its seed data, every role (system and connector), and its
 * EntityDefinitions generator.
 */
import type { SchemaDef } from '../../solution/model/types';
import type { RoleDef, SeedData } from './model/security-types';
import type { MetadataObject } from './operations/metadata';
import type { MetadataGenerator } from './engine';
import { fullSchema } from './model';
import { allRoles, seedData } from './seed';
import { entityDefinitions } from './metadata/entities';
import { attributeWithOptionSet, globalOptionSetDefinitions } from './metadata/option-sets';

export interface World {
  schema: SchemaDef;
  seed: SeedData;
  roles: RoleDef[];
  metadata: MetadataGenerator;
}

export function defaultWorld(): World {
  return { schema: fullSchema(), seed: seedData(), roles: allRoles(), metadata: defaultMetadata() };
}

/** The model helper's metadata generator, for any schema (tests pass their own). */
export function defaultMetadata(): MetadataGenerator {
  return {
    entityDefinitions: (schema) => entityDefinitions(schema) as MetadataObject[],
    attributeWithOptionSet: (schema, entity, attribute) => {
      const table = schema.tables.find((t) => t.logicalName === entity);
      const attr = table?.attributes.find((a) => a.logicalName === attribute);
      return table && attr ? (attributeWithOptionSet(schema, table, attr) as MetadataObject) : undefined;
    },
    globalOptionSetDefinitions: (schema) => globalOptionSetDefinitions(schema) as MetadataObject[],
  };
}
