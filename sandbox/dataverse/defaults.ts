/**
 * The world the emulator serves when a test gives none: the model helper's full schema (connector
 * tables + system tables), seed data and roles, and its EntityDefinitions generator.
 */
import type { SchemaDef } from '../../solution/model/types';
import type { RoleDef, SeedData } from './model/security-types';
import type { MetadataObject } from './operations/metadata';

export interface World {
  schema: SchemaDef;
  seed: SeedData;
  roles: RoleDef[];
  entityDefinitions?: (schema: SchemaDef) => MetadataObject[];
}

/* eslint-disable @typescript-eslint/no-require-imports -- resolved at run time so that the engine builds before the model lands */
export function defaultWorld(): World {
  const model = require('./model') as { fullSchema(): SchemaDef; systemRoles: RoleDef[] };
  const seed = require('./seed') as { seedData(): SeedData };
  return { schema: model.fullSchema(), seed: seed.seedData(), roles: model.systemRoles, entityDefinitions: defaultEntityDefinitions() };
}

export function defaultEntityDefinitions(): ((schema: SchemaDef) => MetadataObject[]) | undefined {
  try {
    const metadata = require('./metadata') as { entityDefinitions(schema: SchemaDef): unknown };
    return (schema) => metadata.entityDefinitions(schema) as MetadataObject[];
  } catch {
    return undefined;
  }
}
