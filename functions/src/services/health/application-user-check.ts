/**
 * The health check of the application user (dataverse-model.md, "The application user's role"):
 * the connector reads records as the calling user, and Dataverse then applies the intersection of
 * the application user's privileges and the caller's (Microsoft, "Impersonate another user"). A
 * table that an active mapping reads and the application user cannot read is a table no salesperson
 * can get into a contract, whatever their own roles: name each, with the role to change.
 */
import type { HealthCheck } from '../../../../api/admin';
import { CONNECTOR_APPLICATION_ROLE_NAME as CONNECTOR_ROLE_NAME } from '../../../../api/vocabulary/roles';
import type { MetadataReader } from '../ports';
import { metadataFor } from '../mapping/preview-mapping';
import { entitiesToLoad, parseMapping } from '../../domain/mapping';
import type { ActiveMapping, ApplicationUserPrivileges } from './ports';

export interface ApplicationUserCheckDeps {
  activeMappings(): Promise<ActiveMapping[]>;
  metadata: MetadataReader;
  applicationUser: ApplicationUserPrivileges;
}

/** Every table a mapping reads: the trigger, each table its paths, blocks and collections reach. */
async function tablesRead(mappingJson: string, metadata: MetadataReader): Promise<string[]> {
  const parsed = parseMapping(mappingJson);
  if (!parsed.ok) return [];
  const loaded = await metadataFor(parsed.mapping, metadata);
  // With everything loaded, nothing is left to load: ask for the full list against an empty set.
  return entitiesToLoad(parsed.mapping, { entities: {} }).concat(Object.keys(loaded.entities));
}

export async function applicationUserCheck(deps: ApplicationUserCheckDeps): Promise<Omit<HealthCheck, 'name'>> {
  const mappings = await deps.activeMappings();
  const readers = new Map<string, string[]>();
  for (const m of mappings) {
    for (const table of new Set(await tablesRead(m.mappingJson, deps.metadata))) readers.set(table, [...(readers.get(table) ?? []), m.name]);
  }
  const unreadable = await deps.applicationUser.unreadable([...readers.keys()]);
  if (unreadable.length === 0) {
    return {
      ok: true,
      detail: `The application user reads every table the ${mappings.length} active mapping(s) read.`,
      hint: '',
    };
  }
  const list = unreadable
    .map(
      (u) =>
        `${u.table} (${u.heldDepth ? `${u.privilege} at ${u.heldDepth} depth only` : `no ${u.privilege}`}; read by ${readers.get(u.table)?.join(', ') ?? '?'})`,
    )
    .join('; ');
  return {
    ok: false,
    detail: `The application user cannot read ${unreadable.length} table(s) that active mappings read, so contracts from those templates miss them for every user: ${list}.`,
    hint: `${unreadable.map((u) => `Add Read of ${u.table} (Organization) to the ${CONNECTOR_ROLE_NAME} role`).join('; ')}: in the role editor, or in a role of your own assigned to the application user directly.`,
  };
}
