/**
 * The `<Entity>` elements of customizations.xml. A table the solution creates comes with its
 * EntityInfo (columns, keys, flags), its forms and views; a table the organization already has is
 * named only, with what the solution adds to it (a differential form, a RibbonDiffXml). Dataverse
 * makes some columns itself when it creates a table, and an export never lists them: `versionnumber`,
 * and the file name column beside each file column (`<column>_name`).
 */
import type { AlternateKeyDef, AttributeDef, TableDef } from '../../../solution/model/types';
import { readAttribute } from './attributes';
import { label, mapLabel } from '../../../solution/model/labels';
import { all, first, labelAt, labelsAt, textOf, type XNode } from './xml-tree';

/** A form as the solution carries it: a table's own form, or a differential form merged into the organization's. */
export interface ImportedForm {
  id: string;
  table: string;
  type: string;
  name?: string;
  /** True for a form of a table the solution does not own: only what it adds (solutionaction="Added"). */
  isDifferential: boolean;
}

export interface ImportedView {
  id: string;
  table: string;
  name: string;
  queryType: number;
  isDefault: boolean;
}

export interface EntityElement {
  schemaName: string;
  /** Present for a table the solution creates. */
  table?: TableDef;
  forms: ImportedForm[];
  views: ImportedView[];
  hasRibbon: boolean;
}

/** A guid as Dataverse compares ids: no braces, lower case. */
export const normalizeId = (id: string): string => id.replace(/[{}]/g, '').toLowerCase();

function alternateKey(node: XNode): AlternateKeyDef {
  return {
    logicalName: textOf(node, 'LogicalName') ?? '',
    schemaName: textOf(node, 'Name') ?? '',
    displayName: labelsAt(node, 'displaynames/displayname') ?? '',
    attributes: all(node, 'EntityKeyAttributes/AttributeName').map((a) => a.text),
  };
}

/** The columns Dataverse adds to a new table and that an export leaves out. */
function platformColumns(attributes: AttributeDef[]): AttributeDef[] {
  const made: AttributeDef[] = [];
  for (const file of attributes.filter((a) => a.type === 'File')) {
    made.push({
      logicalName: `${file.logicalName}_name`,
      schemaName: `${file.schemaName}_Name`,
      type: 'String',
      // Named after its file column: "<name> name"; in French « <nom> (nom du fichier) ».
      displayName: mapLabel(file.displayName, (t, code) => (code === 1036 ? `${t} (nom du fichier)` : `${t} name`)),
      maxLength: 255,
      format: 'Text',
      attributeOf: file.logicalName,
      isSystem: true,
      isValidForCreate: false,
      isValidForUpdate: false,
    });
  }
  made.push({
    logicalName: 'versionnumber',
    schemaName: 'VersionNumber',
    type: 'BigInt',
    displayName: label('Version Number', 'Numéro de version'),
    isSystem: true,
    isValidForCreate: false,
    isValidForUpdate: false,
  });
  return made.filter((m) => !attributes.some((a) => a.logicalName === m.logicalName));
}

function customTable(schemaName: string, info: XNode): TableDef {
  const logicalName = schemaName.toLowerCase();
  const attributes = all(info, 'attributes/attribute').map((a) => readAttribute(a, logicalName));
  attributes.push(...platformColumns(attributes));
  const keys = all(info, 'EntityKeys/EntityKey').map(alternateKey);
  const description = labelsAt(info, 'Descriptions/Description');
  return {
    logicalName,
    schemaName,
    entitySetName: textOf(info, 'EntitySetName') ?? `${logicalName}s`,
    displayName: labelsAt(info, 'LocalizedNames/LocalizedName') ?? schemaName,
    displayCollectionName: labelsAt(info, 'LocalizedCollectionNames/LocalizedCollectionName') ?? schemaName,
    ...(description ? { description } : {}),
    primaryIdAttribute: attributes.find((a) => a.isPrimaryId)?.logicalName ?? `${logicalName}id`,
    primaryNameAttribute: attributes.find((a) => a.isPrimaryName)?.logicalName ?? '',
    ownershipType: textOf(info, 'OwnershipTypeMask') === 'OrgOwned' ? 'OrganizationOwned' : 'UserOwned',
    isCustomEntity: true,
    changeTrackingEnabled: textOf(info, 'ChangeTrackingEnabled') === '1',
    attributes,
    ...(keys.length ? { alternateKeys: keys } : {}),
  };
}

function forms(entity: XNode, table: string, isDifferential: boolean): ImportedForm[] {
  return all(entity, 'FormXml/forms').flatMap((group) =>
    all(group, 'systemform').map((f) => ({
      id: normalizeId(textOf(f, 'formid') ?? ''),
      table,
      type: group.attrs.type ?? 'main',
      name: labelAt(f, 'LocalizedNames/LocalizedName'),
      isDifferential,
    })),
  );
}

function views(entity: XNode, table: string): ImportedView[] {
  return all(entity, 'SavedQueries/savedqueries/savedquery').map((q) => ({
    id: normalizeId(textOf(q, 'savedqueryid') ?? ''),
    table,
    name: labelAt(q, 'LocalizedNames/LocalizedName') ?? '',
    queryType: Number(textOf(q, 'querytype') ?? 0),
    isDefault: textOf(q, 'isdefault') === '1',
  }));
}

/**
 * Every `<Entity>`; `logicalNameOf` turns the schema name of a table the solution does not create
 * into its logical name in the organization (Opportunity -> opportunity).
 */
export function readEntities(customizations: XNode, logicalNameOf: (schemaName: string) => string): EntityElement[] {
  return all(customizations, 'Entities/Entity').map((e) => {
    const schemaName = textOf(e, 'Name') ?? '';
    const info = first(e, 'EntityInfo/entity');
    const table = info ? customTable(schemaName, info) : undefined;
    const logicalName = table?.logicalName ?? logicalNameOf(schemaName);
    return {
      schemaName,
      table,
      forms: forms(e, logicalName, !table),
      views: views(e, logicalName),
      hasRibbon: first(e, 'RibbonDiffXml') !== undefined,
    };
  });
}
