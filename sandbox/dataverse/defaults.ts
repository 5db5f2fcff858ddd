/**
 * The world the emulator serves when a test gives none: the model helper's full schema (system
 * tables + the connector's), its seed data, every role (system and connector), and its
 * EntityDefinitions generator.
 */
import type { SchemaDef } from '../../solution/model/types';
import type { RoleDef, SeedData } from './model/security-types';
import type { MetadataObject } from './operations/metadata';
import { fullSchema } from './model';
import { allRoles, seedData } from './seed';
import { entityDefinitions } from './metadata';

export interface World {
  schema: SchemaDef;
  seed: SeedData;
  roles: RoleDef[];
  entityDefinitions: (schema: SchemaDef) => MetadataObject[];
}

export function defaultWorld(): World {
  return { schema: fullSchema(), seed: seedData(), roles: allRoles(), entityDefinitions: defaultEntityDefinitions() };
}

export function defaultEntityDefinitions(): (schema: SchemaDef) => MetadataObject[] {
  return (schema) => entityDefinitions(schema) as MetadataObject[];
}
