/**
 * The connector's views (dataverse-model.md, Forms, views and the app), described once. The packer
 * writes each as a SavedQuery with its FetchXML and grid layout; its id is derived from `key`, so
 * forms and the app refer to a view by key.
 */
import { CONTRACT_STATUS_VALUES, MAPPING_STATE_VALUES, SYNC_STATE_VALUES } from './option-sets';

/** SavedQuery.QueryType: 0 public view, 2 associated (subgrids), 4 quick find. */
const VIEW_QUERY_TYPE = { public: 0, associated: 2, quickFind: 4 } as const;

export interface ViewCondition {
  attribute: string;
  /** FetchXML operators used here: eq, ne, in, eq-userid, not-null, like (quick find). */
  operator: 'eq' | 'ne' | 'in' | 'eq-userid' | 'not-null' | 'like';
  /** One value (eq, ne, like), several (in), none (eq-userid, not-null). */
  values?: Array<string | number>;
}

export interface ViewDef {
  /** Stable key: the view's id is derived from it. Never rename a shipped key. */
  key: string;
  table: string;
  name: string;
  description?: string;
  queryType: number;
  /** The table's default view of its query type. */
  isDefault?: boolean;
  /** Grid columns, left to right (logical names), with their width in pixels. */
  columns: Array<[attribute: string, width: number]>;
  /** All conditions must hold (filter type="and"). */
  conditions: ViewCondition[];
  /** Quick find: the columns the search box searches (filter isquickfindfields="1"). */
  quickFindColumns?: string[];
  order: { attribute: string; descending: boolean };
}

const ACTIVE: ViewCondition = { attribute: 'statecode', operator: 'eq', values: [0] };

const contractColumns: ViewDef['columns'] = [
  ['dtclm_name', 300],
  ['dtclm_status', 140],
  ['dtclm_templateid', 200],
  ['dtclm_opportunityid', 200],
  ['dtclm_quoteid', 200],
  ['dtclm_statuschangedon', 150],
  ['ownerid', 150],
];

export const connectorViews: ViewDef[] = [
  {
    key: 'contract.active',
    table: 'dtclm_contract',
    name: 'Active contracts',
    queryType: VIEW_QUERY_TYPE.public,
    isDefault: true,
    columns: contractColumns,
    conditions: [ACTIVE],
    order: { attribute: 'dtclm_statuschangedon', descending: true },
  },
  {
    key: 'contract.mine',
    table: 'dtclm_contract',
    name: 'My contracts',
    queryType: VIEW_QUERY_TYPE.public,
    columns: contractColumns,
    conditions: [ACTIVE, { attribute: 'ownerid', operator: 'eq-userid' }],
    order: { attribute: 'dtclm_statuschangedon', descending: true },
  },
  {
    key: 'contract.awaitingsignature',
    table: 'dtclm_contract',
    name: 'Contracts awaiting signature',
    description: 'Sent for signature, not yet signed, declined or expired.',
    queryType: VIEW_QUERY_TYPE.public,
    columns: contractColumns,
    conditions: [ACTIVE, { attribute: 'dtclm_status', operator: 'eq', values: [CONTRACT_STATUS_VALUES.sent_for_signature] }],
    order: { attribute: 'dtclm_statuschangedon', descending: false },
  },
  {
    key: 'contract.signed',
    table: 'dtclm_contract',
    name: 'Signed contracts',
    queryType: VIEW_QUERY_TYPE.public,
    columns: contractColumns,
    conditions: [{ attribute: 'dtclm_status', operator: 'eq', values: [CONTRACT_STATUS_VALUES.signed] }],
    order: { attribute: 'dtclm_statuschangedon', descending: true },
  },
  {
    key: 'contract.quickfind',
    table: 'dtclm_contract',
    name: 'Quick Find Active contracts',
    queryType: VIEW_QUERY_TYPE.quickFind,
    isDefault: true,
    columns: contractColumns,
    conditions: [ACTIVE],
    // dataverse-model.md: the quick find view searches name and CLM id.
    quickFindColumns: ['dtclm_name', 'dtclm_clmcontractid'],
    order: { attribute: 'dtclm_name', descending: false },
  },
  {
    // The opportunity's and quote's Contracts (CLM) subgrids show this view.
    key: 'contract.associated',
    table: 'dtclm_contract',
    name: 'Contracts (CLM) of the record',
    queryType: VIEW_QUERY_TYPE.associated,
    isDefault: true,
    columns: [
      ['dtclm_name', 300],
      ['dtclm_status', 140],
      ['dtclm_templateid', 200],
      ['dtclm_statuschangedon', 150],
      ['ownerid', 150],
    ],
    conditions: [ACTIVE],
    order: { attribute: 'dtclm_statuschangedon', descending: true },
  },
  {
    // The contract form's events subgrid: the history in the order the CLM numbered it.
    key: 'contractevent.bysequence',
    table: 'dtclm_contractevent',
    name: 'Contract history',
    queryType: VIEW_QUERY_TYPE.associated,
    isDefault: true,
    columns: [
      ['dtclm_sequence', 90],
      ['dtclm_name', 250],
      ['dtclm_status', 140],
      ['dtclm_occurredon', 150],
      ['dtclm_applied', 80],
    ],
    conditions: [],
    order: { attribute: 'dtclm_sequence', descending: false },
  },
  {
    key: 'template.active',
    table: 'dtclm_template',
    name: 'Active templates',
    queryType: VIEW_QUERY_TYPE.public,
    isDefault: true,
    columns: [
      ['dtclm_name', 300],
      ['dtclm_triggerentity', 130],
      ['dtclm_mappingstate', 130],
      ['dtclm_clmversion', 90],
      ['dtclm_lastsyncedon', 150],
    ],
    conditions: [ACTIVE],
    order: { attribute: 'dtclm_name', descending: false },
  },
  {
    key: 'template.brokenmapping',
    table: 'dtclm_template',
    name: 'Templates with a broken mapping',
    description: 'The CLM template changed and its mapping no longer fits: fix the mapping on the admin page.',
    queryType: VIEW_QUERY_TYPE.public,
    columns: [
      ['dtclm_name', 300],
      ['dtclm_mappingerrors', 400],
      ['dtclm_lastsyncedon', 150],
    ],
    conditions: [ACTIVE, { attribute: 'dtclm_mappingstate', operator: 'eq', values: [MAPPING_STATE_VALUES.broken] }],
    order: { attribute: 'dtclm_name', descending: false },
  },
  {
    key: 'userlink.provisioned',
    table: 'dtclm_userlink',
    name: 'Provisioned users',
    queryType: VIEW_QUERY_TYPE.public,
    isDefault: true,
    columns: [
      ['dtclm_name', 250],
      ['dtclm_systemuserid', 200],
      ['dtclm_clmrole', 130],
      ['dtclm_active', 90],
      ['dtclm_syncstate', 110],
      ['dtclm_lastsyncedon', 150],
    ],
    conditions: [ACTIVE, { attribute: 'dtclm_scimid', operator: 'not-null' }],
    order: { attribute: 'dtclm_name', descending: false },
  },
  {
    key: 'userlink.error',
    table: 'dtclm_userlink',
    name: 'Users in error',
    queryType: VIEW_QUERY_TYPE.public,
    columns: [
      ['dtclm_name', 250],
      ['dtclm_systemuserid', 200],
      ['dtclm_lasterror', 400],
      ['dtclm_lastsyncedon', 150],
    ],
    conditions: [ACTIVE, { attribute: 'dtclm_syncstate', operator: 'eq', values: [SYNC_STATE_VALUES.error] }],
    order: { attribute: 'dtclm_name', descending: false },
  },
];
