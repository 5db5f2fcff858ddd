/**
 * The connector's views (dataverse-model.md, Forms, views and the app), described once. The packer
 * writes each as a SavedQuery with its FetchXML and grid layout; its id is derived from `key`, so
 * forms and the app refer to a view by key.
 */
import { label, type Label } from './labels';
import { MAPPING_STATE_VALUE, SYNC_STATE_VALUE } from '../../api/vocabulary/choices';
import { CONTRACT_STATUS_VALUE } from '../../api/vocabulary/contract-status';

/**
 * SavedQuery.QueryType (Microsoft Learn, "SavedQuery table/entity reference", QueryType choices):
 * 0 public view, 1 advanced find, 2 associated (subgrids), 4 quick find, 64 lookup. A table that a
 * maker creates gets one default view of each (the reference export of cr97b_Project carries them).
 */
export const VIEW_QUERY_TYPE = { public: 0, advancedFind: 1, associated: 2, quickFind: 4, lookup: 64 } as const;

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
  name: Label;
  description?: Label;
  queryType: number;
  /** The table's default view of its query type. */
  isDefault?: boolean;
  /** Grid columns, left to right (logical names), with their width in pixels. */
  columns: Array<[attribute: string, width: number]>;
  /** All conditions must hold (filter type="and"). */
  conditions: ViewCondition[];
  /** Quick find: the columns the search box searches (filter isquickfindfields="1"). */
  quickFindColumns?: string[];
  /** A lookup view has no order in the reference export (the lookup dialog sorts by name). */
  order?: { attribute: string; descending: boolean };
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

/**
 * The default views Dataverse gives a new table and a real export carries (lookup, advanced find,
 * and where the spec names none, quick find and associated), in the shape of the reference export:
 * the lookup view filters active rows and has no order, advanced find filters nothing.
 */
function standardView(key: string, table: string, name: Label, queryType: number, columns: ViewDef['columns'], extra: Partial<ViewDef> = {}): ViewDef {
  const order = queryType === VIEW_QUERY_TYPE.lookup ? undefined : { attribute: 'dtclm_name', descending: false };
  const conditions = queryType === VIEW_QUERY_TYPE.advancedFind ? [] : [ACTIVE];
  return { key, table, name, queryType, isDefault: true, columns, conditions, order, ...extra };
}

const byName: ViewDef['columns'] = [
  ['dtclm_name', 300],
  ['createdon', 125],
];

const standardViews: ViewDef[] = [
  standardView('contract.lookup', 'dtclm_contract', label('Contract Lookup View', 'Vue de recherche Contrat'), VIEW_QUERY_TYPE.lookup, [
    ['dtclm_name', 200],
    ['dtclm_status', 140],
    ['createdon', 150],
  ]),
  standardView(
    'contract.advancedfind',
    'dtclm_contract',
    label('Contract Advanced Find View', 'Vue Recherche avancée Contrat'),
    VIEW_QUERY_TYPE.advancedFind,
    contractColumns,
  ),

  standardView('contractevent.active', 'dtclm_contractevent', label('Active contract events', 'Événements de contrat actifs'), VIEW_QUERY_TYPE.public, [
    ['dtclm_name', 250],
    ['dtclm_contractid', 200],
    ['dtclm_sequence', 90],
    ['dtclm_occurredon', 150],
  ]),
  standardView(
    'contractevent.quickfind',
    'dtclm_contractevent',
    label('Quick Find Active contract events', 'Recherche rapide Événements de contrat actifs'),
    VIEW_QUERY_TYPE.quickFind,
    byName,
    {
      quickFindColumns: ['dtclm_name', 'dtclm_eventid'],
    },
  ),
  standardView(
    'contractevent.lookup',
    'dtclm_contractevent',
    label('Contract event Lookup View', 'Vue de recherche Événement de contrat'),
    VIEW_QUERY_TYPE.lookup,
    byName,
  ),
  standardView(
    'contractevent.advancedfind',
    'dtclm_contractevent',
    label('Contract event Advanced Find View', 'Vue Recherche avancée Événement de contrat'),
    VIEW_QUERY_TYPE.advancedFind,
    byName,
  ),

  standardView(
    'template.quickfind',
    'dtclm_template',
    label('Quick Find Active templates', 'Recherche rapide Modèles actifs'),
    VIEW_QUERY_TYPE.quickFind,
    byName,
    {
      quickFindColumns: ['dtclm_name', 'dtclm_clmtemplateid'],
    },
  ),
  standardView(
    'template.lookup',
    'dtclm_template',
    label('Contract template Lookup View', 'Vue de recherche Modèle de contrat'),
    VIEW_QUERY_TYPE.lookup,
    byName,
  ),
  standardView(
    'template.advancedfind',
    'dtclm_template',
    label('Contract template Advanced Find View', 'Vue Recherche avancée Modèle de contrat'),
    VIEW_QUERY_TYPE.advancedFind,
    byName,
  ),
  standardView(
    'template.associated',
    'dtclm_template',
    label('Contract template Associated View', 'Vue associée Modèle de contrat'),
    VIEW_QUERY_TYPE.associated,
    byName,
  ),

  standardView(
    'userlink.quickfind',
    'dtclm_userlink',
    label('Quick Find Active CLM user links', 'Recherche rapide Liens utilisateurs CLM actifs'),
    VIEW_QUERY_TYPE.quickFind,
    byName,
    {
      quickFindColumns: ['dtclm_name', 'dtclm_scimid'],
    },
  ),
  standardView(
    'userlink.lookup',
    'dtclm_userlink',
    label('CLM user link Lookup View', 'Vue de recherche Lien utilisateur CLM'),
    VIEW_QUERY_TYPE.lookup,
    byName,
  ),
  standardView(
    'userlink.advancedfind',
    'dtclm_userlink',
    label('CLM user link Advanced Find View', 'Vue Recherche avancée Lien utilisateur CLM'),
    VIEW_QUERY_TYPE.advancedFind,
    byName,
  ),
  standardView(
    'userlink.associated',
    'dtclm_userlink',
    label('CLM user link Associated View', 'Vue associée Lien utilisateur CLM'),
    VIEW_QUERY_TYPE.associated,
    byName,
  ),

  standardView('contactlink.active', 'dtclm_contactlink', label('Active CLM contact links', 'Liens contacts CLM actifs'), VIEW_QUERY_TYPE.public, [
    ['dtclm_name', 250],
    ['dtclm_contactid', 200],
    ['dtclm_syncstate', 110],
    ['dtclm_lastsyncedon', 150],
  ]),
  standardView(
    'contactlink.quickfind',
    'dtclm_contactlink',
    label('Quick Find Active CLM contact links', 'Recherche rapide Liens contacts CLM actifs'),
    VIEW_QUERY_TYPE.quickFind,
    byName,
    {
      quickFindColumns: ['dtclm_name', 'dtclm_clmcontactid'],
    },
  ),
  standardView(
    'contactlink.lookup',
    'dtclm_contactlink',
    label('CLM contact link Lookup View', 'Vue de recherche Lien contact CLM'),
    VIEW_QUERY_TYPE.lookup,
    byName,
  ),
  standardView(
    'contactlink.advancedfind',
    'dtclm_contactlink',
    label('CLM contact link Advanced Find View', 'Vue Recherche avancée Lien contact CLM'),
    VIEW_QUERY_TYPE.advancedFind,
    byName,
  ),
  standardView(
    'contactlink.associated',
    'dtclm_contactlink',
    label('CLM contact link Associated View', 'Vue associée Lien contact CLM'),
    VIEW_QUERY_TYPE.associated,
    byName,
  ),
];

const specViews: ViewDef[] = [
  {
    key: 'contract.active',
    table: 'dtclm_contract',
    name: label('Active contracts', 'Contrats actifs'),
    queryType: VIEW_QUERY_TYPE.public,
    isDefault: true,
    columns: contractColumns,
    conditions: [ACTIVE],
    order: { attribute: 'dtclm_statuschangedon', descending: true },
  },
  {
    key: 'contract.mine',
    table: 'dtclm_contract',
    name: label('My contracts', 'Mes contrats'),
    queryType: VIEW_QUERY_TYPE.public,
    columns: contractColumns,
    conditions: [ACTIVE, { attribute: 'ownerid', operator: 'eq-userid' }],
    order: { attribute: 'dtclm_statuschangedon', descending: true },
  },
  {
    key: 'contract.awaitingsignature',
    table: 'dtclm_contract',
    name: label('Contracts awaiting signature', 'Contrats en attente de signature'),
    description: label('Sent for signature, not yet signed, declined or expired.', 'Envoyés pour signature, pas encore signés, refusés ni expirés.'),
    queryType: VIEW_QUERY_TYPE.public,
    columns: contractColumns,
    conditions: [ACTIVE, { attribute: 'dtclm_status', operator: 'eq', values: [CONTRACT_STATUS_VALUE.sent_for_signature] }],
    order: { attribute: 'dtclm_statuschangedon', descending: false },
  },
  {
    key: 'contract.signed',
    table: 'dtclm_contract',
    name: label('Signed contracts', 'Contrats signés'),
    queryType: VIEW_QUERY_TYPE.public,
    columns: contractColumns,
    conditions: [{ attribute: 'dtclm_status', operator: 'eq', values: [CONTRACT_STATUS_VALUE.signed] }],
    order: { attribute: 'dtclm_statuschangedon', descending: true },
  },
  {
    key: 'contract.quickfind',
    table: 'dtclm_contract',
    name: label('Quick Find Active contracts', 'Recherche rapide Contrats actifs'),
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
    name: label('Contracts (CLM) of the record', 'Contrats (CLM) de l’enregistrement'),
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
    name: label('Contract history', 'Historique du contrat'),
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
    name: label('Active templates', 'Modèles actifs'),
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
    name: label('Templates with a broken mapping', 'Modèles au mappage non conforme'),
    description: label(
      'The CLM template changed and its mapping no longer fits: fix the mapping on the admin page.',
      'Le modèle CLM a changé et son mappage ne lui correspond plus\u00a0: corrigez le mappage dans la page d’administration.',
    ),
    queryType: VIEW_QUERY_TYPE.public,
    columns: [
      ['dtclm_name', 300],
      ['dtclm_mappingerrors', 400],
      ['dtclm_lastsyncedon', 150],
    ],
    conditions: [ACTIVE, { attribute: 'dtclm_mappingstate', operator: 'eq', values: [MAPPING_STATE_VALUE.broken] }],
    order: { attribute: 'dtclm_name', descending: false },
  },
  {
    key: 'userlink.provisioned',
    table: 'dtclm_userlink',
    name: label('Provisioned users', 'Utilisateurs provisionnés'),
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
    name: label('Users in error', 'Utilisateurs en erreur'),
    queryType: VIEW_QUERY_TYPE.public,
    columns: [
      ['dtclm_name', 250],
      ['dtclm_systemuserid', 200],
      ['dtclm_lasterror', 400],
      ['dtclm_lastsyncedon', 150],
    ],
    conditions: [ACTIVE, { attribute: 'dtclm_syncstate', operator: 'eq', values: [SYNC_STATE_VALUE.error] }],
    order: { attribute: 'dtclm_name', descending: false },
  },
];

export const connectorViews: ViewDef[] = [...specViews, ...standardViews];
