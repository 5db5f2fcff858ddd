/**
 * Shared test material: the two mappings of mapping.md as written there, the template fields they
 * fill, Dataverse metadata shaped after the real tables, and a Web API answer for the demo quote
 * as Dataverse returns it with `Prefer: odata.include-annotations="*"`.
 */
import type { AttributeInfo, DataverseMetadata, EntityInfo } from '../../../functions/src/domain/mapping/metadata';
import type { TemplateField } from '../../../functions/src/domain/mapping/template';

export const FV = '@OData.Community.Display.V1.FormattedValue';

/** mapping.md, "Every mapping written for the product guide keeps working, unchanged". */
export const GUIDE_MAPPING = {
  trigger_entity: 'opportunity',
  fields: { dt0_date_de_signature: 'createdon' },
  fixedFieldMappings: {
    dt0_representant_legal: { entity: 'systemuser', id: '<guid>', attribute: 'fullname' },
  },
};

export const LEGAL_REP_ID = '00000000-0000-0000-0000-000000000001';

/** mapping.md, "The full format". */
export const FULL_MAPPING = {
  trigger_entity: 'quote',
  contractName: '{name} - {customerid_account.name}',
  fields: {
    dt0_titre: 'name',
    dt0_montant: 'totalamount',
    dt0_date_de_signature: 'createdon',
    dt0_statut: { attribute: 'statuscode', as: 'label' },
    dt0_langue: { attribute: 'dtx_language', values: { '1': 'fr', '2': 'en' } },
    dt0_commentaire: { attribute: 'description', default: '-' },
  },
  relatedEntities: {
    customerid_account: {
      entity: 'account',
      fields: { dt0_client_nom: 'name', dt0_client_siren: 'accountnumber' },
      relatedEntities: {
        primarycontactid: { entity: 'contact', fields: { dt0_client_contact: 'fullname' } },
      },
    },
  },
  collections: {
    dt0_lignes: {
      relationship: 'quote_details',
      entity: 'quotedetail',
      orderBy: 'lineitemnumber',
      top: 200,
      columns: { produit: 'productname', quantite: 'quantity', prix: 'priceperunit' },
    },
  },
  fixedFieldMappings: {
    dt0_representant_legal: { entity: 'systemuser', id: LEGAL_REP_ID, attribute: 'fullname' },
  },
  constants: { dt0_juridiction: 'Tribunal de commerce de Paris' },
  signatories: [
    { from: 'customerid_contact', firstName: 'firstname', lastName: 'lastname', email: 'emailaddress1', phone: 'telephone1', order: 1 },
    { from: 'ownerid_systemuser', firstName: 'firstname', lastName: 'lastname', email: 'internalemailaddress', order: 2 },
  ],
};

export const FULL_TEMPLATE: TemplateField[] = [
  { key: 'dt0_titre', label: 'Titre', type: 'text', required: true, maxLength: 200 },
  { key: 'dt0_montant', label: 'Montant', type: 'money', required: true },
  { key: 'dt0_date_de_signature', label: 'Date de signature', type: 'date', required: false },
  { key: 'dt0_statut', label: 'Statut', type: 'text', required: false },
  {
    key: 'dt0_langue',
    label: 'Langue',
    type: 'choice',
    required: false,
    options: [
      { value: 'fr', label: 'Français' },
      { value: 'en', label: 'English' },
    ],
  },
  { key: 'dt0_commentaire', label: 'Commentaire', type: 'multiline', required: false },
  { key: 'dt0_client_nom', label: 'Client', type: 'text', required: true },
  { key: 'dt0_client_siren', label: 'Client SIREN', type: 'text', required: true },
  { key: 'dt0_client_contact', label: 'Contact client', type: 'text', required: false },
  {
    key: 'dt0_lignes',
    label: 'Lignes',
    type: 'table',
    required: false,
    columns: [
      { key: 'produit', label: 'Produit', type: 'text', required: true },
      { key: 'quantite', label: 'Quantité', type: 'number', required: false },
      { key: 'prix', label: 'Prix', type: 'money', required: false },
    ],
  },
  { key: 'dt0_representant_legal', label: 'Représentant légal', type: 'text', required: false },
  { key: 'dt0_juridiction', label: 'Juridiction', type: 'text', required: false },
];

export const GUIDE_TEMPLATE: TemplateField[] = [
  { key: 'dt0_date_de_signature', label: 'Date de signature', type: 'date', required: true },
  { key: 'dt0_representant_legal', label: 'Représentant légal', type: 'text', required: false },
];

const a = (logicalName: string, attributeType: AttributeInfo['attributeType'], displayName: string, extra: Partial<AttributeInfo> = {}): AttributeInfo => ({
  logicalName,
  attributeType,
  displayName,
  ...extra,
});

function entity(
  logicalName: string,
  entitySetName: string,
  displayName: string,
  attrs: AttributeInfo[],
  singleValued: EntityInfo['singleValued'] = {},
  collectionValued: EntityInfo['collectionValued'] = {},
): EntityInfo {
  return {
    logicalName,
    entitySetName,
    displayName,
    primaryIdAttribute: `${logicalName}id`,
    primaryNameAttribute: logicalName === 'contact' || logicalName === 'systemuser' ? 'fullname' : 'name',
    attributes: Object.fromEntries([a(`${logicalName}id`, 'Uniqueidentifier', displayName), ...attrs].map((x) => [x.logicalName, x])),
    singleValued,
    collectionValued,
  };
}

const ownerNav = {
  owninguser: { target: 'systemuser', lookupAttribute: 'owninguser' },
  owningteam: { target: 'team', lookupAttribute: 'owningteam' },
  transactioncurrencyid: { target: 'transactioncurrency', lookupAttribute: 'transactioncurrencyid' },
};
const ownerAttrs = [
  a('ownerid', 'Owner', 'Owner', { targets: ['systemuser', 'team'] }),
  a('owninguser', 'Lookup', 'Owning User', { targets: ['systemuser'] }),
  a('owningteam', 'Lookup', 'Owning Team', { targets: ['team'] }),
  a('transactioncurrencyid', 'Lookup', 'Currency', { targets: ['transactioncurrency'] }),
  a('createdon', 'DateTime', 'Created On', { dateTimeBehavior: 'UserLocal' }),
  a('statecode', 'State', 'Status'),
  a('statuscode', 'Status', 'Status Reason'),
];

export const METADATA: DataverseMetadata = {
  version: 'fixture-1',
  entities: {
    quote: entity(
      'quote',
      'quotes',
      'Quote',
      [
        ...ownerAttrs,
        a('name', 'String', 'Name', { maxLength: 300 }),
        a('quotenumber', 'String', 'Quote ID', { maxLength: 100 }),
        a('totalamount', 'Money', 'Total Amount'),
        a('description', 'Memo', 'Description', { maxLength: 2000 }),
        a('dtx_language', 'Picklist', 'Language'),
        a('effectivefrom', 'DateTime', 'Effective From', { dateTimeBehavior: 'DateOnly' }),
        a('dtx_signedon', 'DateTime', 'Signed On (as entered)', { dateTimeBehavior: 'TimeZoneIndependent' }),
        a('dtx_isframework', 'Boolean', 'Framework agreement'),
        a('revisionnumber', 'Integer', 'Revision ID'),
        a('customerid', 'Customer', 'Customer', { targets: ['account', 'contact'] }),
        a('opportunityid', 'Lookup', 'Opportunity', { targets: ['opportunity'] }),
      ],
      {
        ...ownerNav,
        customerid_account: { target: 'account', lookupAttribute: 'customerid' },
        customerid_contact: { target: 'contact', lookupAttribute: 'customerid' },
        opportunityid: { target: 'opportunity', lookupAttribute: 'opportunityid' },
      },
      { quote_details: { entity: 'quotedetail' } },
    ),
    opportunity: entity(
      'opportunity',
      'opportunities',
      'Opportunity',
      [
        ...ownerAttrs,
        a('name', 'String', 'Topic', { maxLength: 300 }),
        a('estimatedvalue', 'Money', 'Est. Revenue'),
        a('estimatedclosedate', 'DateTime', 'Est. Close Date', { dateTimeBehavior: 'DateOnly' }),
        a('customerid', 'Customer', 'Potential Customer', { targets: ['account', 'contact'] }),
        a('parentaccountid', 'Lookup', 'Account', { targets: ['account'] }),
      ],
      {
        ...ownerNav,
        customerid_account: { target: 'account', lookupAttribute: 'customerid' },
        customerid_contact: { target: 'contact', lookupAttribute: 'customerid' },
        parentaccountid: { target: 'account', lookupAttribute: 'parentaccountid' },
      },
      { product_opportunities: { entity: 'opportunityproduct' } },
    ),
    account: entity(
      'account',
      'accounts',
      'Account',
      [
        ...ownerAttrs,
        a('name', 'String', 'Account Name', { maxLength: 160 }),
        a('accountnumber', 'String', 'Account Number', { maxLength: 20 }),
        a('primarycontactid', 'Lookup', 'Primary Contact', { targets: ['contact'] }),
        a('parentaccountid', 'Lookup', 'Parent Account', { targets: ['account'] }),
        a('revenue', 'Money', 'Annual Revenue'),
        a('numberofemployees', 'Integer', 'Number of Employees'),
      ],
      {
        ...ownerNav,
        primarycontactid: { target: 'contact', lookupAttribute: 'primarycontactid' },
        parentaccountid: { target: 'account', lookupAttribute: 'parentaccountid' },
      },
    ),
    contact: entity(
      'contact',
      'contacts',
      'Contact',
      [
        ...ownerAttrs,
        a('fullname', 'String', 'Full Name', { maxLength: 160 }),
        a('firstname', 'String', 'First Name', { maxLength: 50 }),
        a('lastname', 'String', 'Last Name', { maxLength: 50 }),
        a('emailaddress1', 'String', 'Email', { maxLength: 100 }),
        a('telephone1', 'String', 'Business Phone', { maxLength: 50 }),
        a('parentcustomerid', 'Customer', 'Company Name', { targets: ['account', 'contact'] }),
      ],
      { ...ownerNav, parentcustomerid_account: { target: 'account', lookupAttribute: 'parentcustomerid' } },
    ),
    systemuser: entity('systemuser', 'systemusers', 'User', [
      a('fullname', 'String', 'Full Name', { maxLength: 200 }),
      a('firstname', 'String', 'First Name', { maxLength: 64 }),
      a('lastname', 'String', 'Last Name', { maxLength: 64 }),
      a('internalemailaddress', 'String', 'Primary Email', { maxLength: 100 }),
      a('title', 'String', 'Title', { maxLength: 128 }),
    ]),
    quotedetail: entity(
      'quotedetail',
      'quotedetails',
      'Quote Line',
      [
        ...ownerAttrs,
        a('productname', 'String', 'Write-In Product', { maxLength: 500 }),
        a('productid', 'Lookup', 'Existing Product', { targets: ['product'] }),
        a('quantity', 'Decimal', 'Quantity'),
        a('priceperunit', 'Money', 'Price Per Unit'),
        a('lineitemnumber', 'Integer', 'Line Item Number'),
        a('quoteid', 'Lookup', 'Quote', { targets: ['quote'] }),
      ],
      { ...ownerNav, quoteid: { target: 'quote', lookupAttribute: 'quoteid' } },
    ),
    transactioncurrency: entity('transactioncurrency', 'transactioncurrencies', 'Currency', [
      a('isocurrencycode', 'String', 'Currency Code', { maxLength: 5 }),
      a('currencyname', 'String', 'Currency Name', { maxLength: 100 }),
    ]),
  },
};

export const QUOTE_ID = 'a1b2c3d4-0000-4000-8000-000000001001';
const CONTACT_ID = 'c0c0c0c0-0000-4000-8000-000000000001';
const OWNER_ID = '5e7e55e0-1a2b-4c3d-8e4f-000000000001';

/** A Web API answer to the full mapping's plan, as Dataverse shapes it. */
export function quoteAnswer(): Record<string, unknown> {
  return {
    '@odata.etag': 'W/"1001"',
    quoteid: QUOTE_ID,
    name: 'Q-1001 Contoso rollout',
    totalamount: 12500.5,
    [`totalamount${FV}`]: '€12,500.50',
    createdon: '2026-03-09T23:30:00Z',
    [`createdon${FV}`]: '3/10/2026 12:30 AM',
    statuscode: 1,
    [`statuscode${FV}`]: 'In Progress',
    dtx_language: 1,
    [`dtx_language${FV}`]: 'Français',
    description: null,
    transactioncurrencyid: { transactioncurrencyid: 'e0e0e0e0-0000-4000-8000-000000000978', isocurrencycode: 'EUR' },
    customerid_account: {
      accountid: 'acc00000-0000-4000-8000-000000000001',
      name: 'Contoso Ltd',
      accountnumber: 'FR-552100554',
      primarycontactid: { contactid: CONTACT_ID, fullname: 'Ada Lovelace' },
    },
    customerid_contact: {
      contactid: CONTACT_ID,
      firstname: 'Ada',
      lastname: 'Lovelace',
      emailaddress1: 'ada@contoso.example',
      telephone1: '+33 1 23 45 67 89',
    },
    owninguser: { systemuserid: OWNER_ID, firstname: 'Rémi', lastname: 'Durand', internalemailaddress: 'rep@contoso.example' },
    quote_details: [1, 2, 3].map((n) => ({
      quotedetailid: `d0d0d0d0-0000-4000-8000-00000000000${n}`,
      productname: ['Licences', 'Onboarding', 'Support'][n - 1],
      quantity: [50, 1, 12][n - 1],
      [`quantity${FV}`]: ['50.00', '1.00', '12.00'][n - 1],
      priceperunit: [200, 1500, 80.25][n - 1],
      [`priceperunit${FV}`]: ['€200.00', '€1,500.00', '€80.25'][n - 1],
    })),
  };
}

export const PARIS = { timeZone: 'Europe/Paris', locale: 'fr-FR', templateName: 'Contrat cadre' };
export const NEW_YORK = { timeZone: 'America/New_York', locale: 'en-US', templateName: 'Contrat cadre' };
