/**
 * The domain's view of Dataverse metadata: just what mapping needs (names, types, navigation).
 * Built by the Dataverse adapter from EntityDefinitions answers; tests build it by hand.
 */

/** AttributeMetadata.AttributeType as Dataverse reports it. */
export type DataverseAttributeType =
  | 'String'
  | 'Memo'
  | 'Integer'
  | 'BigInt'
  | 'Decimal'
  | 'Double'
  | 'Money'
  | 'Boolean'
  | 'DateTime'
  | 'Picklist'
  | 'State'
  | 'Status'
  | 'Lookup'
  | 'Customer'
  | 'Owner'
  | 'Uniqueidentifier'
  | 'EntityName'
  | 'Virtual'
  | 'File'
  | 'Image'
  | 'ManagedProperty'
  | 'CalendarRules'
  | 'PartyList';

type DateTimeBehavior = 'UserLocal' | 'DateOnly' | 'TimeZoneIndependent';

export interface AttributeInfo {
  logicalName: string;
  attributeType: DataverseAttributeType;
  /** DateTime only; Dataverse's default is UserLocal. */
  dateTimeBehavior?: DateTimeBehavior;
  /** Lookup, Customer, Owner: the tables it can point to. */
  targets?: string[];
  maxLength?: number;
  /** The label a user sees in Dynamics, for messages ("Account Number"). */
  displayName?: string;
  /** AttributeMetadata.IsValidForUpdate: false for columns nobody may write (`returns` checks it). */
  validForUpdate?: boolean;
}

interface NavigationInfo {
  /** Logical name of the table at the other end. */
  target: string;
  /** The lookup attribute behind a single-valued property, for its display name ("Customer"). */
  lookupAttribute?: string;
}

export interface EntityInfo {
  logicalName: string;
  entitySetName?: string;
  primaryIdAttribute?: string;
  primaryNameAttribute?: string;
  displayName?: string;
  attributes: Record<string, AttributeInfo>;
  /** Single-valued navigation properties (N:1), by name. */
  singleValued: Record<string, NavigationInfo>;
  /** Collection-valued navigation properties (1:N), by name -> the rows' table. */
  collectionValued: Record<string, { entity: string }>;
}

export interface DataverseMetadata {
  entities: Record<string, EntityInfo>;
  /** Changes whenever the metadata does; part of the read-plan cache key. */
  version?: string;
}

const LOOKUP_TYPES: ReadonlySet<DataverseAttributeType> = new Set(['Lookup', 'Customer', 'Owner']);
export const NUMBER_TYPES: ReadonlySet<DataverseAttributeType> = new Set(['Integer', 'BigInt', 'Decimal', 'Double', 'Money']);
export const CHOICE_TYPES: ReadonlySet<DataverseAttributeType> = new Set(['Picklist', 'State', 'Status']);
export const TEXT_TYPES: ReadonlySet<DataverseAttributeType> = new Set(['String', 'Memo']);

/** Finds an attribute by its logical name or by its Web API spelling (`_customerid_value`). */
export function findAttribute(entity: EntityInfo | undefined, name: string): AttributeInfo | undefined {
  if (!entity) return undefined;
  const direct = entity.attributes[name];
  if (direct) return direct;
  const m = /^_(.+)_value$/.exec(name);
  return m ? entity.attributes[m[1]] : undefined;
}

export function isLookup(attr: AttributeInfo | undefined): boolean {
  return !!attr && LOOKUP_TYPES.has(attr.attributeType);
}

/** Dataverse names a table's primary key `<logicalname>id` (activities excepted), used when metadata is absent. */
export function primaryIdOf(entityName: string, metadata?: DataverseMetadata): string {
  return metadata?.entities[entityName]?.primaryIdAttribute ?? `${entityName}id`;
}
