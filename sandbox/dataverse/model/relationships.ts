/**
 * The relationships between the system tables, as Dataverse names them (schema name, the
 * single-valued navigation property on the referencing table, the collection-valued one on the
 * referenced table). A Customer column has one relationship per target: `customerid_account` and
 * `customerid_contact` are two navigation properties over the one `customerid` column.
 */
import { systemRelationships } from '../../../solution/model/system-columns';
import type { ManyToManyDef, RelationshipDef } from '../../../solution/model/types';
import { SYSTEM_RELATIONSHIP_NAMES } from './names';

interface RelOptions {
  /** Referencing navigation property; default the lookup's logical name. */
  nav?: string;
  /** Collection navigation property on the referenced table; default the schema name. */
  collection?: string;
  cascadeDelete?: RelationshipDef['cascadeDelete'];
  parental?: boolean;
}

function rel(schemaName: string, referencedEntity: string, referencingEntity: string, referencingAttribute: string, opts: RelOptions = {}): RelationshipDef {
  const r: RelationshipDef = {
    schemaName,
    referencedEntity,
    referencedAttribute: `${referencedEntity}id`,
    referencingEntity,
    referencingAttribute,
    referencingEntityNavigationPropertyName: opts.nav ?? referencingAttribute,
    referencedEntityNavigationPropertyName: opts.collection ?? schemaName,
    cascadeDelete: opts.parental ? 'Cascade' : (opts.cascadeDelete ?? 'RemoveLink'),
    isSystem: true,
  };
  if (opts.parental) {
    r.cascadeAssign = 'Cascade';
    r.cascadeShare = 'Cascade';
    r.cascadeUnshare = 'Cascade';
    r.cascadeReparent = 'Cascade';
  }
  return r;
}

/** Lookups particular to each table (the system ones come from SYSTEM_RELATIONSHIP_NAMES). */
const lookupRelationships: RelationshipDef[] = [
  // organization
  rel('business_unit_parent_business_unit', 'businessunit', 'businessunit', 'parentbusinessunitid', { cascadeDelete: 'Restrict' }),
  rel('organization_business_units', 'organization', 'businessunit', 'organizationid', { cascadeDelete: 'Restrict' }),
  rel('TransactionCurrency_BusinessUnit', 'transactioncurrency', 'businessunit', 'transactioncurrencyid'),
  rel('basecurrency_organization', 'transactioncurrency', 'organization', 'basecurrencyid', { cascadeDelete: 'Restrict' }),
  rel('business_unit_system_users', 'businessunit', 'systemuser', 'businessunitid', { cascadeDelete: 'Restrict' }),
  rel('user_parent_user', 'systemuser', 'systemuser', 'parentsystemuserid'),
  rel('TransactionCurrency_SystemUser', 'transactioncurrency', 'systemuser', 'transactioncurrencyid'),
  rel('business_unit_teams', 'businessunit', 'team', 'businessunitid', { cascadeDelete: 'Restrict' }),
  rel('lk_teambase_administratorid', 'systemuser', 'team', 'administratorid', { cascadeDelete: 'Restrict' }),
  rel('organization_teams', 'organization', 'team', 'organizationid', { nav: 'organizationid_organization', cascadeDelete: 'Restrict' }),
  rel('TransactionCurrency_Team', 'transactioncurrency', 'team', 'transactioncurrencyid'),
  rel('business_unit_roles', 'businessunit', 'role', 'businessunitid', { parental: true }),
  rel('role_parent_role', 'role', 'role', 'parentroleid', { parental: true }),
  rel('role_parent_root_role', 'role', 'role', 'parentrootroleid', { parental: true }),
  rel('organization_roles', 'organization', 'role', 'organizationid', { nav: 'organizationid_organization', cascadeDelete: 'Restrict' }),
  rel('user_settings', 'systemuser', 'usersettings', 'systemuserid', { nav: 'systemuserid_systemuser', parental: true }),
  rel('business_unit_user_settings', 'businessunit', 'usersettings', 'businessunitid', { nav: 'businessunitid_businessunit', cascadeDelete: 'Restrict' }),
  rel('transactioncurrency_usersettings', 'transactioncurrency', 'usersettings', 'transactioncurrencyid'),
  rel(
    'environmentvariabledefinition_environmentvariablevalue',
    'environmentvariabledefinition',
    'environmentvariablevalue',
    'environmentvariabledefinitionid',
    {
      nav: 'EnvironmentVariableDefinitionId',
      parental: true,
    },
  ),
  // account and contact
  rel('account_primary_contact', 'contact', 'account', 'primarycontactid'),
  rel('account_parent_account', 'account', 'account', 'parentaccountid'),
  rel('transactioncurrency_account', 'transactioncurrency', 'account', 'transactioncurrencyid'),
  rel('contact_customer_accounts', 'account', 'contact', 'parentcustomerid', { nav: 'parentcustomerid_account', parental: true }),
  rel('contact_customer_contacts', 'contact', 'contact', 'parentcustomerid', { nav: 'parentcustomerid_contact', parental: true }),
  rel('transactioncurrency_contact', 'transactioncurrency', 'contact', 'transactioncurrencyid'),
  // opportunity
  rel('opportunity_customer_accounts', 'account', 'opportunity', 'customerid', { nav: 'customerid_account', parental: true }),
  rel('opportunity_customer_contacts', 'contact', 'opportunity', 'customerid', { nav: 'customerid_contact', parental: true }),
  rel('opportunity_parent_account', 'account', 'opportunity', 'parentaccountid'),
  rel('opportunity_parent_contact', 'contact', 'opportunity', 'parentcontactid'),
  rel('transactioncurrency_opportunity', 'transactioncurrency', 'opportunity', 'transactioncurrencyid'),
  rel('product_opportunities', 'opportunity', 'opportunityproduct', 'opportunityid', { parental: true }),
  rel('opportunity_products', 'product', 'opportunityproduct', 'productid', { cascadeDelete: 'Restrict' }),
  rel('unit_of_measurement_opportunity_products', 'uom', 'opportunityproduct', 'uomid', { cascadeDelete: 'Restrict' }),
  rel('transactioncurrency_opportunityproduct', 'transactioncurrency', 'opportunityproduct', 'transactioncurrencyid'),
  // activities: a task regarding an opportunity or a quote; the close activities of WinOpportunity / WinQuote
  rel('Opportunity_Tasks', 'opportunity', 'task', 'regardingobjectid', { nav: 'regardingobjectid_opportunity_task' }),
  rel('Quote_Tasks', 'quote', 'task', 'regardingobjectid', { nav: 'regardingobjectid_quote_task' }),
  rel('Opportunity_OpportunityClose', 'opportunity', 'opportunityclose', 'opportunityid', { parental: true }),
  rel('Quote_QuoteClose', 'quote', 'quoteclose', 'quoteid', { parental: true }),
  // quote
  rel('quote_customer_accounts', 'account', 'quote', 'customerid', { nav: 'customerid_account', parental: true }),
  rel('quote_customer_contacts', 'contact', 'quote', 'customerid', { nav: 'customerid_contact', parental: true }),
  rel('opportunity_quotes', 'opportunity', 'quote', 'opportunityid', { parental: true }),
  rel('transactioncurrency_quote', 'transactioncurrency', 'quote', 'transactioncurrencyid'),
  rel('quote_details', 'quote', 'quotedetail', 'quoteid', { parental: true }),
  rel('product_quote_details', 'product', 'quotedetail', 'productid', { cascadeDelete: 'Restrict' }),
  rel('unit_of_measurement_quote_details', 'uom', 'quotedetail', 'uomid', { cascadeDelete: 'Restrict' }),
  rel('system_user_quotedetail', 'systemuser', 'quotedetail', 'salesrepid'),
  rel('transactioncurrency_quotedetail', 'transactioncurrency', 'quotedetail', 'transactioncurrencyid'),
  // product
  rel('unit_of_measurement_products', 'uom', 'product', 'defaultuomid', { cascadeDelete: 'Restrict' }),
  rel('transactioncurrency_product', 'transactioncurrency', 'product', 'transactioncurrencyid'),
];

const systemTableRelationships: RelationshipDef[] = Object.entries(SYSTEM_RELATIONSHIP_NAMES).flatMap(([entity, names]) => systemRelationships(entity, names));

export const systemRelationshipsAll: RelationshipDef[] = [...lookupRelationships, ...systemTableRelationships];

export const systemManyToMany: ManyToManyDef[] = [
  {
    schemaName: 'systemuserroles_association',
    entity1LogicalName: 'systemuser',
    entity2LogicalName: 'role',
    intersectEntityName: 'systemuserroles',
    entity1NavigationPropertyName: 'systemuserroles_association',
    entity2NavigationPropertyName: 'systemuserroles_association',
    entity1IntersectAttribute: 'systemuserid',
    entity2IntersectAttribute: 'roleid',
  },
  {
    schemaName: 'teamroles_association',
    entity1LogicalName: 'team',
    entity2LogicalName: 'role',
    intersectEntityName: 'teamroles',
    entity1NavigationPropertyName: 'teamroles_association',
    entity2NavigationPropertyName: 'teamroles_association',
    entity1IntersectAttribute: 'teamid',
    entity2IntersectAttribute: 'roleid',
  },
  {
    schemaName: 'teammembership_association',
    entity1LogicalName: 'systemuser',
    entity2LogicalName: 'team',
    intersectEntityName: 'teammembership',
    entity1NavigationPropertyName: 'teammembership_association',
    entity2NavigationPropertyName: 'teammembership_association',
    entity1IntersectAttribute: 'systemuserid',
    entity2IntersectAttribute: 'teamid',
  },
];
