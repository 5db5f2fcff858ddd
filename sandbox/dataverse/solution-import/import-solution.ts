/**
 * Imports a solution zip into an organization, as Dataverse's solution import does: reads every
 * component from the zip (solution.xml, customizations.xml, the environment variable definitions,
 * the web resources' files), checks the rules Microsoft documents, and refuses the whole zip with a
 * SolutionImportError naming the component when one fails. Nothing is half imported: the caller
 * adds the result to the organization only when this returns.
 *
 * Rules (each in its own file under rules/ or beside the component it is about):
 * - dependencies are present (rules/dependencies.ts): the tables the solution adds to, the forms it
 *   merges into, the components its MissingDependencies list, the tables its relationships name;
 * - one cascading relationship per related table (rules/one-cascading-parent.ts);
 * - role privileges that exist for each table's ownership, at depths it has (roles.ts, over
 *   privilege-catalog.ts).
 */
import type { RelationshipDef, SchemaDef, TableDef } from '../../../solution/model/types';
import { readAppModules } from './app-modules';
import { readEnvironmentVariables } from './environment-variables';
import type { ImportedSolution, TargetOrganization } from './imported-solution';
import { readManifest, type MissingDependency } from './manifest';
import { readGlobalOptionSets } from './option-sets';
import { openSolutionZip } from './package';
import { privilegeCatalog } from './privilege-catalog';
import { readRelationships } from './relationships';
import { readRoles } from './roles';
import { checkDependencies } from './rules/dependencies';
import { checkOneCascadingParent } from './rules/one-cascading-parent';
import { readEntities } from './tables';
import { readWebResources } from './web-resources';

/** The polymorphic owner (a user or a team) that `owner_<table>` relationships point at. */
const OWNER: TableDef = {
  logicalName: 'owner',
  schemaName: 'Owner',
  entitySetName: 'owners',
  displayName: 'Owner',
  displayCollectionName: 'Owners',
  primaryIdAttribute: 'ownerid',
  primaryNameAttribute: 'name',
  ownershipType: 'None',
  isCustomEntity: false,
  attributes: [],
};

/** Each lookup's tables: the referenced tables of its relationships (an export leaves LookupTypes empty). */
function fillLookupTargets(tables: TableDef[], relationships: RelationshipDef[]): void {
  for (const table of tables) {
    for (const a of table.attributes) {
      if (a.type !== 'Lookup' && a.type !== 'Customer') continue;
      a.targets = relationships
        .filter((r) => r.referencingEntity === table.logicalName && r.referencingAttribute === a.logicalName)
        .map((r) => r.referencedEntity);
    }
  }
}

export function importSolution(org: TargetOrganization, zipBytes: Buffer): ImportedSolution {
  const pkg = openSolutionZip(zipBytes);
  const manifest = readManifest(pkg.solution);
  const orgTables = org.schema.tables;
  const bySchema = (schemaName: string) => orgTables.find((t) => t.schemaName.toLowerCase() === schemaName.toLowerCase());

  const entities = readEntities(pkg.customizations, (schemaName) => bySchema(schemaName)?.logicalName ?? schemaName.toLowerCase());
  const tables = entities.flatMap((e) => (e.table ? [e.table] : []));
  const changed = entities.filter((e) => !e.table);

  // Dependencies first, as Dataverse checks them before it creates anything.
  const needed: MissingDependency[] = [
    ...changed.map((e) => ({ required: { type: 1, schemaName: e.schemaName.toLowerCase(), displayName: e.schemaName } })),
    ...changed.flatMap((e) => e.forms.map((f) => ({ required: { type: 60, id: f.id, displayName: f.name }, dependent: { type: 1, schemaName: f.table } }))),
  ];
  checkDependencies(manifest.uniqueName, org, manifest.missingDependencies, needed);

  const tableBySchemaName = (schemaName: string) =>
    tables.find((t) => t.schemaName.toLowerCase() === schemaName.toLowerCase()) ??
    bySchema(schemaName) ??
    (schemaName.toLowerCase() === 'owner' ? OWNER : undefined);
  const relationships = readRelationships(pkg.customizations, { tableBySchemaName });
  checkOneCascadingParent(org.schema.relationships, relationships);
  fillLookupTargets(tables, relationships);

  const roles = readRoles(pkg.customizations, privilegeCatalog([...orgTables, ...tables]));
  const schema: SchemaDef = { tables, optionSets: readGlobalOptionSets(pkg.customizations), relationships, manyToMany: [] };
  return {
    manifest,
    schema,
    roles,
    environmentVariables: readEnvironmentVariables(pkg.files),
    webResources: readWebResources(pkg.customizations, pkg.files),
    forms: entities.flatMap((e) => e.forms),
    views: entities.flatMap((e) => e.views),
    apps: readAppModules(pkg.customizations),
    changedTables: changed.map((e) => bySchema(e.schemaName)?.logicalName ?? e.schemaName.toLowerCase()),
  };
}
