/**
 * solution.xml: who publishes the solution, its name and version, and its root components, in the
 * shape of the reference exports. Root component types: 1 table, 9 global choice, 20 security
 * role, 61 web resource, 380 environment variable definition. Opportunity and quote are held with
 * behavior 2 (no subcomponents, no metadata): the solution only carries their ribbon.
 */
import { braced } from './guid';
import type { SolutionInput } from './solution-input';
import { LANGUAGE_CODE } from './customizations/labels';
import { el, serialize, textEl, type XmlElement } from './xml';

export interface RootComponent {
  type: number;
  schemaName?: string;
  id?: string;
  behavior: 0 | 1 | 2;
}

export const ROOT_COMPONENT_TYPE = { entity: 1, optionSet: 9, role: 20, webResource: 61, environmentVariableDefinition: 380 } as const;

export function rootComponents(input: SolutionInput): RootComponent[] {
  const T = ROOT_COMPONENT_TYPE;
  return [
    ...input.schema.tables.map((t) => ({ type: T.entity, schemaName: t.logicalName, behavior: 0 as const })),
    ...input.ribbons.map((r) => ({ type: T.entity, schemaName: r.entity, behavior: 2 as const })),
    ...input.schema.optionSets.filter((s) => s.isGlobal).map((s) => ({ type: T.optionSet, schemaName: s.name, behavior: 0 as const })),
    ...input.roles.map((r) => ({ type: T.role, id: braced(r.roleId), behavior: 0 as const })),
    ...input.webResources.map((w) => ({ type: T.webResource, schemaName: w.name, behavior: 0 as const })),
    ...input.environmentVariables.map((v) => ({ type: T.environmentVariableDefinition, schemaName: v.schemaName, behavior: 0 as const })),
  ];
}

const nil = (name: string) => el(name, { 'xsi:nil': 'true' });

function address(n: number): XmlElement {
  return el('Address', {}, textEl('AddressNumber', n), textEl('AddressTypeCode', 1), textEl('ShippingMethodCode', 1));
}

export function solutionManifestDocument(input: SolutionInput): XmlElement {
  const localized = (text: string) => el('LocalizedNames', {}, el('LocalizedName', { description: text, languagecode: LANGUAGE_CODE }));
  const describe = (text?: string) =>
    text ? el('Descriptions', {}, el('Description', { description: text, languagecode: LANGUAGE_CODE })) : el('Descriptions');
  return el(
    'ImportExportXml',
    // 9.0 package: every Dynamics 365 / Dataverse version from 9.0 on imports it.
    {
      version: '9.0.0.2090',
      SolutionPackageVersion: '9.0',
      languagecode: LANGUAGE_CODE,
      generatedBy: 'CrmLive',
      'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
    },
    el(
      'SolutionManifest',
      {},
      textEl('UniqueName', input.solution.uniqueName),
      localized(input.solution.displayName),
      describe(input.solution.description),
      textEl('Version', input.version),
      textEl('Managed', input.managed ? 1 : 0),
      el(
        'Publisher',
        {},
        textEl('UniqueName', input.publisher.uniqueName),
        localized(input.publisher.displayName),
        el('Descriptions'),
        nil('EMailAddress'),
        nil('SupportingWebsiteUrl'),
        textEl('CustomizationPrefix', input.publisher.customizationPrefix),
        textEl('CustomizationOptionValuePrefix', input.publisher.customizationOptionValuePrefix),
        el('Addresses', {}, address(1), address(2)),
      ),
      el(
        'RootComponents',
        {},
        rootComponents(input).map((c) => el('RootComponent', { type: c.type, schemaName: c.schemaName, id: c.id, behavior: c.behavior })),
      ),
      el('MissingDependencies'),
    ),
  );
}

export function solutionManifestXml(input: SolutionInput): string {
  return serialize(solutionManifestDocument(input), { declaration: false });
}
