/**
 * `<EntityRelationships>`: the one-to-many relationships of the tables the solution creates, named
 * by schema names (tables and the referencing column). A relationship whose referencing column is
 * one of the columns Dataverse makes for a table (owner, created by, ...) is Dataverse's own: the
 * export writes NoCascade for it whatever its delete rule, and the import leaves it as Dataverse
 * makes it, Remove Link, or Restrict for the owner, owning business unit and organization.
 */
import type { RelationshipDef, TableDef } from '../../../solution/model/types';
import { IMPORT_ERROR, SolutionImportError } from './import-error';
import { all, textOf, type XNode } from './xml-tree';

type Cascade = NonNullable<RelationshipDef['cascadeAssign']>;

const RESTRICTED_SYSTEM_LOOKUPS = new Set(['ownerid', 'owningbusinessunit', 'organizationid']);

export interface TableLookup {
  /** A table by its schema name, in the solution or the organization; undefined if neither has it. */
  tableBySchemaName(schemaName: string): TableDef | undefined;
}

function cascadeOf(node: XNode, name: string): Cascade | undefined {
  const value = textOf(node, name);
  return !value || value === 'NoCascade' ? undefined : (value as Cascade);
}

function navigationProperty(node: XNode, roleType: '0' | '1'): string | undefined {
  const role = all(node, 'EntityRelationshipRoles/EntityRelationshipRole').find((r) => textOf(r, 'RelationshipRoleType') === roleType);
  return textOf(role, 'NavigationPropertyName');
}

function readRelationship(node: XNode, tables: TableLookup): RelationshipDef {
  const schemaName = node.attrs.Name ?? '';
  const component = `EntityRelationship ${schemaName}`;
  const referencingSchema = textOf(node, 'ReferencingEntityName') ?? '';
  const referencedSchema = textOf(node, 'ReferencedEntityName') ?? '';
  const referencing = tables.tableBySchemaName(referencingSchema);
  const referenced = tables.tableBySchemaName(referencedSchema);
  if (!referencing) throw missingTable(component, referencingSchema, schemaName);
  if (!referenced) throw missingTable(component, referencedSchema, schemaName);
  const attributeSchema = textOf(node, 'ReferencingAttributeName') ?? '';
  const attribute = referencing.attributes.find((a) => a.schemaName.toLowerCase() === attributeSchema.toLowerCase());
  if (!attribute) {
    throw new SolutionImportError(
      IMPORT_ERROR.invalidPackage,
      component,
      `Relationship ${schemaName} names the column ${referencingSchema}.${attributeSchema}, which the table does not have.`,
    );
  }
  const isSystem = attribute.isSystem === true;
  const rel: RelationshipDef = {
    schemaName,
    referencedEntity: referenced.logicalName,
    referencedAttribute: referenced.primaryIdAttribute,
    referencingEntity: referencing.logicalName,
    referencingAttribute: attribute.logicalName,
    referencingEntityNavigationPropertyName: navigationProperty(node, '1') ?? attribute.logicalName,
    referencedEntityNavigationPropertyName: navigationProperty(node, '0') ?? schemaName,
    cascadeDelete: 'RemoveLink',
  };
  if (isSystem) {
    rel.cascadeDelete = RESTRICTED_SYSTEM_LOOKUPS.has(attribute.logicalName) ? 'Restrict' : 'RemoveLink';
    rel.isSystem = true;
    return rel;
  }
  rel.cascadeDelete = (textOf(node, 'CascadeDelete') as RelationshipDef['cascadeDelete']) ?? 'RemoveLink';
  for (const [prop, element] of [
    ['cascadeAssign', 'CascadeAssign'],
    ['cascadeShare', 'CascadeShare'],
    ['cascadeUnshare', 'CascadeUnshare'],
    ['cascadeReparent', 'CascadeReparent'],
  ] as const) {
    const c = cascadeOf(node, element);
    if (c) rel[prop] = c;
  }
  return rel;
}

/** A relationship to a table neither the solution nor the organization has: a missing dependency. */
function missingTable(component: string, schemaName: string, relationship: string): SolutionImportError {
  return new SolutionImportError(
    IMPORT_ERROR.missingDependencies,
    component,
    `Relationship ${relationship} needs the table ${schemaName}, which is neither in the solution nor in the organization.`,
  );
}

export function readRelationships(customizations: XNode, tables: TableLookup): RelationshipDef[] {
  return all(customizations, 'EntityRelationships/EntityRelationship')
    .filter((r) => textOf(r, 'EntityRelationshipType') !== 'ManyToMany')
    .map((r) => readRelationship(r, tables));
}
