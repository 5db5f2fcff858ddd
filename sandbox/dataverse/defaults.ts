/**
 * The world the emulator serves when a test gives none: the organization (Dataverse's and Sales'
 * tables, the emulator's own roles, the demo people and sales story) with the connector's managed
 * solution imported into it from the built zip, as an admin imports it (solution-import/), and the
 * EntityDefinitions generator. Nothing of the connector comes from solution/model here.
 */
import { createHash } from 'node:crypto';
import type { SchemaDef } from '../../solution/model/types';
import { builtManagedSolutionZip } from '../built-solution-zip';
import type { RoleDef, SeedData } from './model/security-types';
import type { MetadataObject } from './operations/metadata';
import type { MetadataGenerator } from './engine';
import { mergeSchemas, organizationSchema } from './model';
import { organizationForms } from './model/forms';
import { systemRoles } from './model/roles';
import { seedData } from './seed';
import { entityDefinitions } from './metadata/entities';
import { attributeWithOptionSet, globalOptionSetDefinitions } from './metadata/option-sets';
import { importSolution, type ImportedSolution, type TargetOrganization } from './solution-import';

export interface World {
  schema: SchemaDef;
  seed: SeedData;
  roles: RoleDef[];
  metadata: MetadataGenerator;
  /** What the import of the connector's zip added. */
  solution: ImportedSolution;
}

/** The organization before the connector's solution is imported. */
export function targetOrganization(): TargetOrganization {
  return { schema: organizationSchema(), forms: organizationForms };
}

/** One import per zip and process (the import's result is only read, never changed). */
const imports = new Map<string, ImportedSolution>();

/** The connector's built managed zip, imported into a fresh organization. */
function importedConnectorSolution(): ImportedSolution {
  const zip = builtManagedSolutionZip();
  const key = createHash('sha256').update(zip.bytes).digest('hex');
  let imported = imports.get(key);
  if (!imported) {
    imported = importSolution(targetOrganization(), zip.bytes);
    imports.set(key, imported);
  }
  return imported;
}

/** The organization with `solution` imported: its schema, roles and seed rows. */
function installedWorld(solution: ImportedSolution): World {
  const org = targetOrganization();
  const roles = [...systemRoles, ...solution.roles];
  return {
    schema: mergeSchemas(org.schema, solution.schema),
    seed: seedData({ organization: systemRoles, solution }),
    roles,
    metadata: defaultMetadata(),
    solution,
  };
}

export function defaultWorld(): World {
  return installedWorld(importedConnectorSolution());
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
