/**
 * The historical names Dataverse gives the system relationships of its own tables
 * (`lk_accountbase_createdby`, `owner_accounts`, `user_accounts`, ...), as the table reference
 * (learn.microsoft.com, "<table> table/entity reference", Relationships) lists them.
 */
import type { SystemRelationshipNames } from '../../../solution/model/system-columns';

/** created/modified by: `lk_<base>_createdby`, `lk_<plain>_createdonbehalfby`, ... */
function audit(base: string, plain: string): Pick<SystemRelationshipNames, 'createdby' | 'createdonbehalfby' | 'modifiedby' | 'modifiedonbehalfby'> {
  return {
    createdby: `lk_${base}_createdby`,
    createdonbehalfby: `lk_${plain}_createdonbehalfby`,
    modifiedby: `lk_${base}_modifiedby`,
    modifiedonbehalfby: `lk_${plain}_modifiedonbehalfby`,
  };
}

export const SYSTEM_RELATIONSHIP_NAMES: Record<string, SystemRelationshipNames> = {
  account: {
    ...audit('accountbase', 'accountbase'),
    owninguser: 'user_accounts',
    owningteam: 'team_accounts',
    owningbusinessunit: 'business_unit_accounts',
    ownerid: 'owner_accounts',
  },
  contact: {
    ...audit('contactbase', 'contact'),
    owninguser: 'contact_owning_user',
    owningteam: 'team_contacts',
    owningbusinessunit: 'business_unit_contacts',
    ownerid: 'owner_contacts',
  },
  opportunity: {
    ...audit('opportunitybase', 'opportunity'),
    owninguser: 'opportunity_owning_user',
    owningteam: 'team_opportunities',
    owningbusinessunit: 'business_unit_opportunities',
    ownerid: 'owner_opportunitys',
  },
  // Activities (Microsoft's task, opportunityclose, quoteclose and activitypointer table references).
  activitypointer: {
    ...audit('activitypointer', 'activitypointer'),
    owninguser: 'user_activity',
    owningteam: 'team_activity',
    owningbusinessunit: 'business_unit_activitypointer',
    ownerid: 'owner_activitypointers',
  },
  task: {
    ...audit('taskbase', 'task'),
    owninguser: 'user_task',
    owningteam: 'team_task',
    owningbusinessunit: 'business_unit_task_activities',
    ownerid: 'owner_tasks',
  },
  opportunityclose: {
    ...audit('opportunityclose', 'opportunityclose'),
    owninguser: 'user_opportunityclose',
    owningteam: 'team_opportunityclose',
    owningbusinessunit: 'business_unit_opportunity_close_activities',
    ownerid: 'owner_opportunitycloses',
  },
  quoteclose: {
    ...audit('quoteclose', 'quoteclose'),
    owninguser: 'user_quoteclose',
    owningteam: 'team_quoteclose',
    owningbusinessunit: 'business_unit_quote_close_activities',
    ownerid: 'owner_quotecloses',
  },
  opportunityproduct: {
    ...audit('opportunityproductbase', 'opportunityproduct'),
    owninguser: 'user_opportunityproduct',
    owningteam: 'team_opportunityproduct',
  },
  quote: {
    ...audit('quotebase', 'quote'),
    owninguser: 'system_user_quotes',
    owningteam: 'team_quotes',
    owningbusinessunit: 'business_unit_quotes',
    ownerid: 'owner_quotes',
  },
  quotedetail: {
    ...audit('quotedetailbase', 'quotedetail'),
    owninguser: 'user_quotedetail',
    owningteam: 'team_quotedetail',
  },
  product: { ...audit('product', 'product'), organizationid: 'organization_products' },
  uom: { ...audit('uom', 'uom'), organizationid: 'organization_uom' },
  systemuser: audit('systemuserbase', 'systemuser'),
  team: audit('teambase', 'team'),
  role: audit('rolebase', 'role'),
  businessunit: audit('businessunitbase', 'businessunit'),
  usersettings: audit('usersettingsbase', 'usersettings'),
  timezonedefinition: audit('timezonedefinition', 'timezonedefinition'),
  transactioncurrency: { ...audit('transactioncurrencybase', 'transactioncurrency'), organizationid: 'organization_transactioncurrencies' },
  environmentvariabledefinition: {
    ...audit('environmentvariabledefinition', 'environmentvariabledefinition'),
    owninguser: 'user_environmentvariabledefinition',
    owningteam: 'team_environmentvariabledefinition',
    owningbusinessunit: 'business_unit_environmentvariabledefinition',
    ownerid: 'owner_environmentvariabledefinition',
  },
  environmentvariablevalue: {
    ...audit('environmentvariablevalue', 'environmentvariablevalue'),
    owninguser: 'user_environmentvariablevalue',
    owningteam: 'team_environmentvariablevalue',
    owningbusinessunit: 'business_unit_environmentvariablevalue',
    ownerid: 'owner_environmentvariablevalue',
  },
};
