/**
 * customizations.xml: the connector's tables, choices, relationships, roles, web resources and the
 * buttons it adds to opportunity and quote. Top-level elements in the order a Dynamics export
 * writes them (shared/reference/solutions/*), which is also the order the 9.0 schema requires.
 */
import type { SolutionInput } from '../solution-input';
import { el, serialize, type XmlElement } from '../xml';
import { customTableEntity, ribbonOnlyEntity } from './entities';
import { LANGUAGE_CODE } from './labels';
import { optionSets } from './option-sets';
import { entityRelationships } from './relationships';
import { rolesXml } from './roles';
import { webResourcesXml } from './web-resources';

export function customizationsDocument(input: SolutionInput): XmlElement {
  const { schema } = input;
  return el(
    'ImportExportXml',
    { 'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance' },
    el('Entities', {}, schema.tables.map(customTableEntity), input.ribbons.map(ribbonOnlyEntity)),
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
    el('EntityDataProviders'),
    el('Languages', {}, el('Language', {}, String(LANGUAGE_CODE))),
  );
}

/** The file's text: no XML declaration, like the exports. */
export function customizationsXml(input: SolutionInput): string {
  return serialize(customizationsDocument(input), { declaration: false });
}
