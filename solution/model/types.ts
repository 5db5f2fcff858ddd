/**
 * How a Dataverse table is described once in this repository.
 *
 * The same description feeds the solution packer (customizations.xml), the Dataverse emulator
 * (storage, OData shape, EntityDefinitions metadata) and tests. Names follow Dataverse's own
 * metadata (AttributeTypeName, OwnershipType, DateTimeBehavior) so that a reader can compare with
 * what `GET EntityDefinitions(LogicalName='x')/Attributes` returns from a real environment.
 */

import type { LabelText } from './labels';

/** AttributeType of Dataverse attribute metadata (AttributeTypeName is this + "Type"). */
export type AttributeType =
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
  | 'Owner'
  | 'Customer'
  | 'Uniqueidentifier'
  | 'EntityName'
  | 'File'
  | 'Virtual';

type RequiredLevel = 'None' | 'Recommended' | 'ApplicationRequired' | 'SystemRequired';

/** DateTimeBehavior of a DateTime attribute: UserLocal columns are stored in UTC and shown in the user's zone. */
export type DateTimeBehavior = 'UserLocal' | 'DateOnly' | 'TimeZoneIndependent';

/**
 * The label type `L` of the descriptions below: `Label` (English and French) for the connector's
 * components, which the packer writes in both languages; `LabelText` for Dataverse's own tables as
 * the emulator describes them, and for what a solution import reads.
 */
interface OptionDef<L extends LabelText = LabelText> {
  value: number;
  label: L;
  /** For statuscode options: the statecode they belong to. */
  state?: number;
}

export interface OptionSetDef<L extends LabelText = LabelText> {
  /** Logical name of a global choice (e.g. dtclm_contractstatus), or the attribute's local one. */
  name: string;
  displayName: L;
  isGlobal: boolean;
  options: Array<OptionDef<L>>;
}

export interface AttributeDef<L extends LabelText = LabelText> {
  logicalName: string;
  /** Defaults to logicalName where Dataverse uses the same spelling; custom columns use PascalCase after the prefix. */
  schemaName: string;
  type: AttributeType;
  displayName: L;
  description?: L;
  requiredLevel?: RequiredLevel;
  /** String and Memo: the maximum number of characters. */
  maxLength?: number;
  /** String: 'Text' | 'Email' | 'Url' | 'Phone' | 'TextArea'. */
  format?: 'Text' | 'Email' | 'Url' | 'Phone' | 'TextArea';
  /** Decimal, Double, Money. */
  precision?: number;
  minValue?: number;
  maxValue?: number;
  /** DateTime. */
  dateTimeBehavior?: DateTimeBehavior;
  /** DateTime: 'DateOnly' shows no time, 'DateAndTime' does. */
  dateTimeFormat?: 'DateOnly' | 'DateAndTime';
  /** Picklist, State, Status: a global option set name, or an inline local option set. */
  optionSet?: string | OptionSetDef<L>;
  /** Boolean: labels of false and true. */
  booleanLabels?: { false: L; true: L };
  /** Lookup, Customer, Owner: the tables the lookup can point to. */
  targets?: string[];
  /** File: the maximum size in kilobytes. */
  maxSizeInKB?: number;
  isPrimaryId?: boolean;
  isPrimaryName?: boolean;
  /** False for columns Dataverse computes (createdon, fullname, ...): create/update must not set them. */
  isValidForCreate?: boolean;
  isValidForUpdate?: boolean;
  /** True for system columns that a solution does not declare again (createdon, ownerid, ...). */
  isSystem?: boolean;
  /**
   * Logical name of the column this one only describes (AttributeMetadata.AttributeOf), e.g. the
   * file name `dtclm_signeddocument_name` of a file column. Such columns are read-only.
   */
  attributeOf?: string;
  /** Money: true for the `_base` column, the value converted to the organization's base currency. */
  isBaseCurrency?: boolean;
  /** Picklist, State, Status: DefaultFormValue; Boolean: DefaultValue. */
  defaultValue?: number | boolean;
}

export interface AlternateKeyDef<L extends LabelText = LabelText> {
  /** Logical name of the key, e.g. dtclm_key_clmcontractid. */
  logicalName: string;
  schemaName: string;
  displayName: L;
  attributes: string[];
}

export interface TableDef<L extends LabelText = LabelText> {
  logicalName: string;
  schemaName: string;
  /** Name of the entity set in the Web API URL (e.g. opportunities, dtclm_contracts). */
  entitySetName: string;
  displayName: L;
  displayCollectionName: L;
  description?: L;
  primaryIdAttribute: string;
  primaryNameAttribute: string;
  ownershipType: 'UserOwned' | 'OrganizationOwned' | 'None';
  isCustomEntity: boolean;
  changeTrackingEnabled?: boolean;
  /**
   * OwnershipType as EntityDefinitions reports it when it is neither of the above: system tables
   * that belong to a business unit (systemuser, team, role, businessunit, usersettings) report
   * 'BusinessOwned'; their ownershipType here is 'None' (no owner columns, no owner-based security).
   */
  metadataOwnershipType?: 'BusinessOwned';
  /** EntityMetadata.ObjectTypeCode of system tables (account 1, contact 2, opportunity 3, ...). */
  objectTypeCode?: number;
  /** True for the intersect table of a many-to-many relationship (systemuserroles, teammembership, ...). */
  isIntersect?: boolean;
  attributes: Array<AttributeDef<L>>;
  alternateKeys?: Array<AlternateKeyDef<L>>;
}

/**
 * A one-to-many relationship, as Dataverse describes it: the referencing (many) side holds the
 * lookup attribute; the Web API exposes a single-valued navigation property on the referencing
 * table and a collection-valued one on the referenced table.
 */
export interface RelationshipDef {
  schemaName: string;
  referencedEntity: string;
  referencedAttribute: string;
  referencingEntity: string;
  referencingAttribute: string;
  /** Single-valued navigation property on the referencing table (e.g. customerid_account, parentaccountid). */
  referencingEntityNavigationPropertyName: string;
  /** Collection-valued navigation property on the referenced table (e.g. quote_details). */
  referencedEntityNavigationPropertyName: string;
  /** Cascade for delete: 'Cascade' (parental), 'RemoveLink' or 'Restrict'. */
  cascadeDelete: 'Cascade' | 'RemoveLink' | 'Restrict';
  /** The other cascades (CascadeConfiguration); absent = 'NoCascade' ('Cascade' for all in a parental relationship). */
  cascadeAssign?: CascadeType;
  cascadeShare?: CascadeType;
  cascadeUnshare?: CascadeType;
  cascadeReparent?: CascadeType;
  /** True for the relationships Dataverse makes itself for a table (owner, createdby, business unit, ...). */
  isSystem?: boolean;
}

/** CascadeType of Dataverse's CascadeConfiguration. */
type CascadeType = 'NoCascade' | 'Cascade' | 'Active' | 'UserOwned' | 'RemoveLink' | 'Restrict';

/** A many-to-many relationship (e.g. systemuserroles_association). */
export interface ManyToManyDef {
  schemaName: string;
  entity1LogicalName: string;
  entity2LogicalName: string;
  intersectEntityName: string;
  entity1NavigationPropertyName: string;
  entity2NavigationPropertyName: string;
  /** The intersect table's columns holding each side's id (default: each side's primary id). */
  entity1IntersectAttribute?: string;
  entity2IntersectAttribute?: string;
}

export interface SchemaDef<L extends LabelText = LabelText> {
  tables: Array<TableDef<L>>;
  optionSets: Array<OptionSetDef<L>>;
  relationships: RelationshipDef[];
  manyToMany: ManyToManyDef[];
}

/**
 * Dataverse's security model, as the solution's roles describe it and the emulator enforces it:
 * a role grants privileges on a table at a depth; a user holds roles directly and through teams; the deepest grant wins.
 * (Real Dataverse: prvReadOpportunity at Basic/Local/Deep/Global depth.)
 *
 * Basic = own records (and the user's teams'), Local = business unit, Deep = BU and children, Global = organization. */
export type PrivilegeDepth = 'Basic' | 'Local' | 'Deep' | 'Global';

/** Dataverse's record privileges: prvCreate, prvRead, prvWrite, prvDelete, prvAppend, prvAppendTo, prvAssign, prvShare. */
export type PrivilegeAction = 'create' | 'read' | 'write' | 'delete' | 'append' | 'appendTo' | 'assign' | 'share';

/** Every action, in the order Dataverse lists a table's privileges. */
export const PRIVILEGE_ACTIONS: readonly PrivilegeAction[] = ['create', 'read', 'write', 'delete', 'append', 'appendTo', 'assign', 'share'];

/** Every action at one depth: what a role that owns a table (or the system administrator) holds. */
export const allPrivileges = (depth: PrivilegeDepth): Partial<Record<PrivilegeAction, PrivilegeDepth>> =>
  Object.fromEntries(PRIVILEGE_ACTIONS.map((action) => [action, depth]));

export interface RoleDef {
  roleId: string;
  name: string;
  /** Table logical name -> what the role may do there, and how deep. '*' means every table. */
  privileges: Record<string, Partial<Record<PrivilegeAction, PrivilegeDepth>>>;
  /** Privileges that are not about one table, e.g. 'prvActOnBehalfOfAnotherUser'. */
  miscPrivileges?: string[];
}
