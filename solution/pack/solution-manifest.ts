/**
 * solution.xml: who publishes the solution, its name and version, and its root components, in the
 * shape of the reference exports. Root component types: 1 table, 9 global choice, 20 security
 * role, 26 view, 60 form, 61 web resource, 62 site map, 80 model-driven app, 380 environment
 * variable definition. Opportunity, quote and contact are held with behavior 2 (no subcomponents,
 * no metadata): the solution only carries their buttons and the forms it merges a tab into.
 * Forms and views are listed too, although their table (behavior 0) already brings them: every
 * component the solution ships is a root component, so a reader of solution.xml sees them all.
 */
import { changedSystemTables } from './customizations/entities';
import { formId } from './customizations/forms';
import { viewId } from './customizations/views';
import { braced } from './guid';
import { missingDependenciesXml } from './missing-dependencies';
import type { SolutionInput } from './solution-input';
import type { Label } from '../model/labels';
import { LANGUAGE_CODE, localizedItems } from './customizations/labels';
import { el, serialize, textEl, type XmlElement } from './xml';

interface RootComponent {
  type: number;
  schemaName?: string;
  id?: string;
  behavior: 0 | 1 | 2;
}

const ROOT_COMPONENT_TYPE = {
  entity: 1,
  optionSet: 9,
  role: 20,
  savedQuery: 26,
  systemForm: 60,
  webResource: 61,
  siteMap: 62,
  appModule: 80,
  environmentVariableDefinition: 380,
} as const;

function rootComponents(input: SolutionInput): RootComponent[] {
  const T = ROOT_COMPONENT_TYPE;
  return [
    ...input.schema.tables.map((t) => ({ type: T.entity, schemaName: t.logicalName, behavior: 0 as const })),
    ...changedSystemTables(input.ribbons, input.formCustomizations).map((entity) => ({ type: T.entity, schemaName: entity, behavior: 2 as const })),
    ...input.schema.optionSets.filter((s) => s.isGlobal).map((s) => ({ type: T.optionSet, schemaName: s.name, behavior: 0 as const })),
    ...input.roles.map((r) => ({ type: T.role, id: braced(r.roleId), behavior: 0 as const })),
    ...input.views.map((v) => ({ type: T.savedQuery, id: viewId(v.key), behavior: 0 as const })),
    ...input.forms.map((f) => ({ type: T.systemForm, id: formId(f), behavior: 0 as const })),
    ...input.formCustomizations.map((c) => ({ type: T.systemForm, id: braced(c.formId), behavior: 0 as const })),
    ...input.webResources.map((w) => ({ type: T.webResource, schemaName: w.name, behavior: 0 as const })),
    ...(input.app
      ? [
          { type: T.siteMap, schemaName: input.app.uniqueName, behavior: 0 as const },
          { type: T.appModule, schemaName: input.app.uniqueName, behavior: 0 as const },
        ]
      : []),
    ...input.environmentVariables.map((v) => ({ type: T.environmentVariableDefinition, schemaName: v.schemaName, behavior: 0 as const })),
  ];
}

const nil = (name: string) => el(name, { 'xsi:nil': 'true' });

function address(n: number): XmlElement {
  return el('Address', {}, textEl('AddressNumber', n), textEl('AddressTypeCode', 1), textEl('ShippingMethodCode', 1));
}

function solutionManifestDocument(input: SolutionInput): XmlElement {
  const localized = (text: Label) => el('LocalizedNames', {}, localizedItems('LocalizedName', text));
  const describe = (text?: Label) => (text ? el('Descriptions', {}, localizedItems('Description', text)) : el('Descriptions'));
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
      missingDependenciesXml(input),
    ),
  );
}

export function solutionManifestXml(input: SolutionInput): string {
  return serialize(solutionManifestDocument(input), { declaration: false });
}
