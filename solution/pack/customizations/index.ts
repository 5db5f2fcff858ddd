/**
 * customizations.xml: the connector's tables (with their forms and views), choices, relationships,
 * roles, web resources, the model-driven app and its site map, and what it adds to system tables
 * (buttons on opportunity, quote and contact; a Contracts (CLM) tab on the opportunity and quote forms). Top-level elements in the order a Dynamics export
 * writes them (shared/reference/solutions/*), which is also the order the 9.0 schema requires.
 */
import type { SolutionInput } from '../solution-input';
import { el, serialize, type XmlElement } from '../xml';
import { appModules, appModuleSiteMaps } from './app-module';
import { changedSystemTables, customTableEntity, systemTableEntity } from './entities';
import { SOLUTION_LANGUAGES } from '../../model/labels';
import { optionSets } from './option-sets';
import { entityRelationships } from './relationships';
import { rolesXml } from './roles';
import { webResourcesXml } from './web-resources';

function customizationsDocument(input: SolutionInput): XmlElement {
  const { schema } = input;
  return el(
    'ImportExportXml',
    { 'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance' },
    el(
      'Entities',
      {},
      schema.tables.map((t) => customTableEntity(t, input.forms, input.views)),
      changedSystemTables(input.ribbons, input.formCustomizations).map((entity) =>
        systemTableEntity(
          entity,
          input.ribbons.find((r) => r.entity === entity),
          input.formCustomizations,
        ),
      ),
    ),
    rolesXml(input.roles, schema.tables),
    el('Workflows'),
    el('FieldSecurityProfiles'),
    el('Templates'),
    el('EntityMaps'),
    entityRelationships(schema),
    el('OrganizationSettings'),
    optionSets(schema.optionSets),
    webResourcesXml(input.webResources),
    el('CustomControls'),
    input.app ? appModuleSiteMaps(input.app) : null,
    input.app ? appModules(input.app) : null,
    el('EntityDataProviders'),
    // Every language the labels are written in (Microsoft: an import drops a language the organization has not enabled).
    el(
      'Languages',
      {},
      SOLUTION_LANGUAGES.map((code) => el('Language', {}, String(code))),
    ),
  );
}

/** The file's text: no XML declaration, like the exports. */
export function customizationsXml(input: SolutionInput): string {
  return serialize(customizationsDocument(input), { declaration: false });
}
