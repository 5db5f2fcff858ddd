/**
 * The sales tables a mapping reads: account, contact, opportunity and its products, quote and its
 * lines, product, unit. Names, types, lengths and date behaviours are Dataverse's own; only the
 * columns a plausible mapping reads are described.
 */
import {
  choice,
  CREATE_ONLY,
  customer,
  dateTime,
  decimal,
  lookup,
  memo,
  money,
  primaryKey,
  READ_ONLY,
  text,
  wholeNumber,
  yesNo,
} from '../../../solution/model/columns';
import { systemColumns } from '../../../solution/model/system-columns';
import type { AttributeDef, OptionSetDef, TableDef } from '../../../solution/model/types';

function allSystem(attrs: AttributeDef[]): AttributeDef[] {
  return attrs.map((a) => ({ ...a, isSystem: true }));
}

function local(name: string, displayName: string, options: [number, string][]): OptionSetDef {
  return { name, displayName, isGlobal: false, options: options.map(([value, label]) => ({ value, label })) };
}

/** Address 1 columns of account and contact. */
function address1(): AttributeDef[] {
  return [
    text('address1_name', 'Address1_Name', 'Address 1: Name', 200),
    text('address1_line1', 'Address1_Line1', 'Address 1: Street 1', 250),
    text('address1_line2', 'Address1_Line2', 'Address 1: Street 2', 250),
    text('address1_line3', 'Address1_Line3', 'Address 1: Street 3', 250),
    text('address1_city', 'Address1_City', 'Address 1: City', 80),
    text('address1_stateorprovince', 'Address1_StateOrProvince', 'Address 1: State/Province', 50),
    text('address1_postalcode', 'Address1_PostalCode', 'Address 1: ZIP/Postal Code', 20),
    text('address1_country', 'Address1_Country', 'Address 1: Country/Region', 80),
    memo('address1_composite', 'Address1_Composite', 'Address 1', 1000, READ_ONLY),
  ];
}

/** transactioncurrencyid and the exchange rate Dataverse stores beside money columns. */
function currency(): AttributeDef[] {
  return [
    lookup('transactioncurrencyid', 'TransactionCurrencyId', 'Currency', ['transactioncurrency']),
    decimal('exchangerate', 'ExchangeRate', 'Exchange Rate', 10, { minValue: 0.0000000001, ...READ_ONLY }),
  ];
}

const donotLabels = { false: 'Allow', true: 'Do Not Allow' };

const industryCodeOptionSet = local('account_industrycode', 'Industry', [
  [1, 'Accounting'],
  [2, 'Agriculture and Non-petrol Natural Resource Extraction'],
  [3, 'Broadcasting Printing and Publishing'],
  [4, 'Brokers'],
  [5, 'Building Supply Retail'],
  [6, 'Business Services'],
  [7, 'Consulting'],
  [8, 'Consumer Services'],
  [9, 'Design, Direction and Creative Management'],
  [10, 'Distributors, Dispatchers and Processors'],
  [11, "Doctor's Offices and Clinics"],
  [12, 'Durable Manufacturing'],
  [13, 'Eating and Drinking Places'],
  [14, 'Entertainment Retail'],
  [15, 'Equipment Rental and Leasing'],
  [16, 'Financial'],
  [17, 'Food and Tobacco Processing'],
  [18, 'Inbound Capital Intensive Processing'],
  [19, 'Inbound Repair and Services'],
  [20, 'Insurance'],
  [21, 'Legal Services'],
  [22, 'Non-Durable Merchandise Retail'],
  [23, 'Outbound Consumer Service'],
  [24, 'Petrochemical Extraction and Distribution'],
  [25, 'Service Retail'],
  [26, 'SIG Affiliations'],
  [27, 'Social Services'],
  [28, 'Special Outbound Trade Contractors'],
  [29, 'Specialty Realty'],
  [30, 'Transportation'],
  [31, 'Utility Creation and Distribution'],
  [32, 'Vehicle Retail'],
  [33, 'Wholesale'],
]);

const accountTable: TableDef = {
  logicalName: 'account',
  schemaName: 'Account',
  entitySetName: 'accounts',
  displayName: 'Account',
  displayCollectionName: 'Accounts',
  primaryIdAttribute: 'accountid',
  primaryNameAttribute: 'name',
  ownershipType: 'UserOwned',
  objectTypeCode: 1,
  isCustomEntity: false,
  changeTrackingEnabled: true,
  attributes: allSystem([
    primaryKey('accountid', 'AccountId', 'Account'),
    text('name', 'Name', 'Account Name', 160, { isPrimaryName: true, requiredLevel: 'ApplicationRequired' }),
    text('accountnumber', 'AccountNumber', 'Account Number', 20),
    text('telephone1', 'Telephone1', 'Main Phone', 50, { format: 'Phone' }),
    text('telephone2', 'Telephone2', 'Other Phone', 50, { format: 'Phone' }),
    text('fax', 'Fax', 'Fax', 50),
    text('emailaddress1', 'EMailAddress1', 'Email', 100, { format: 'Email' }),
    text('websiteurl', 'WebSiteURL', 'Website', 200, { format: 'Url' }),
    text('sic', 'SIC', 'SIC Code', 20),
    text('tickersymbol', 'TickerSymbol', 'Ticker Symbol', 10),
    ...address1(),
    memo('description', 'Description', 'Description', 2000),
    ...money('revenue', 'Revenue', 'Annual Revenue'),
    ...money('creditlimit', 'CreditLimit', 'Credit Limit'),
    wholeNumber('numberofemployees', 'NumberOfEmployees', 'Number of Employees', { minValue: 0, maxValue: 1000000000 }),
    choice('industrycode', 'IndustryCode', 'Industry', industryCodeOptionSet),
    choice(
      'customertypecode',
      'CustomerTypeCode',
      'Relationship Type',
      local('account_customertypecode', 'Relationship Type', [
        [1, 'Competitor'],
        [2, 'Consultant'],
        [3, 'Customer'],
        [4, 'Investor'],
        [5, 'Partner'],
        [6, 'Influencer'],
        [7, 'Press'],
        [8, 'Prospect'],
        [9, 'Reseller'],
        [10, 'Supplier'],
        [11, 'Vendor'],
        [12, 'Other'],
      ]),
    ),
    yesNo('creditonhold', 'CreditOnHold', 'Credit Hold'),
    yesNo('donotemail', 'DoNotEMail', 'Do not allow Emails', donotLabels),
    lookup('primarycontactid', 'PrimaryContactId', 'Primary Contact', ['contact']),
    lookup('parentaccountid', 'ParentAccountId', 'Parent Account', ['account']),
    ...currency(),
    ...systemColumns({ entity: 'account', displayName: 'Account', ownership: 'UserOwned' }),
  ]),
};

const contactTable: TableDef = {
  logicalName: 'contact',
  schemaName: 'Contact',
  entitySetName: 'contacts',
  displayName: 'Contact',
  displayCollectionName: 'Contacts',
  primaryIdAttribute: 'contactid',
  primaryNameAttribute: 'fullname',
  ownershipType: 'UserOwned',
  objectTypeCode: 2,
  isCustomEntity: false,
  changeTrackingEnabled: true,
  attributes: allSystem([
    primaryKey('contactid', 'ContactId', 'Contact'),
    text('fullname', 'FullName', 'Full Name', 160, { isPrimaryName: true, ...READ_ONLY }),
    text('firstname', 'FirstName', 'First Name', 50, { requiredLevel: 'Recommended' }),
    text('middlename', 'MiddleName', 'Middle Name', 50),
    text('lastname', 'LastName', 'Last Name', 50, { requiredLevel: 'ApplicationRequired' }),
    text('salutation', 'Salutation', 'Salutation', 100),
    text('jobtitle', 'JobTitle', 'Job Title', 100),
    text('department', 'Department', 'Department', 100),
    text('emailaddress1', 'EMailAddress1', 'Email', 100, { format: 'Email' }),
    text('emailaddress2', 'EMailAddress2', 'Email Address 2', 100, { format: 'Email' }),
    text('telephone1', 'Telephone1', 'Business Phone', 50, { format: 'Phone' }),
    text('telephone2', 'Telephone2', 'Home Phone', 50, { format: 'Phone' }),
    text('mobilephone', 'MobilePhone', 'Mobile Phone', 50, { format: 'Phone' }),
    ...address1(),
    memo('description', 'Description', 'Description', 2000),
    dateTime('birthdate', 'BirthDate', 'Birthday', 'DateOnly'),
    choice(
      'gendercode',
      'GenderCode',
      'Gender',
      local('contact_gendercode', 'Gender', [
        [1, 'Male'],
        [2, 'Female'],
      ]),
    ),
    choice(
      'preferredcontactmethodcode',
      'PreferredContactMethodCode',
      'Preferred Method of Contact',
      local('contact_preferredcontactmethodcode', 'Preferred Method of Contact', [
        [1, 'Any'],
        [2, 'Email'],
        [3, 'Phone'],
        [4, 'Fax'],
        [5, 'Mail'],
      ]),
      { defaultValue: 1 },
    ),
    yesNo('donotemail', 'DoNotEMail', 'Do not allow Emails', donotLabels),
    customer('parentcustomerid', 'ParentCustomerId', 'Company Name'),
    ...currency(),
    ...systemColumns({ entity: 'contact', displayName: 'Contact', ownership: 'UserOwned' }),
  ]),
};

const opportunityStates = {
  state: {
    name: 'opportunity_statecode',
    displayName: 'Status',
    isGlobal: false,
    options: [
      { value: 0, label: 'Open' },
      { value: 1, label: 'Won' },
      { value: 2, label: 'Lost' },
    ],
  },
  status: {
    name: 'opportunity_statuscode',
    displayName: 'Status Reason',
    isGlobal: false,
    options: [
      { value: 1, label: 'In Progress', state: 0 },
      { value: 2, label: 'On Hold', state: 0 },
      { value: 3, label: 'Won', state: 1 },
      { value: 4, label: 'Canceled', state: 2 },
      { value: 5, label: 'Out-Sold', state: 2 },
    ],
  },
} satisfies { state: OptionSetDef; status: OptionSetDef };

const opportunityTable: TableDef = {
  logicalName: 'opportunity',
  schemaName: 'Opportunity',
  entitySetName: 'opportunities',
  displayName: 'Opportunity',
  displayCollectionName: 'Opportunities',
  primaryIdAttribute: 'opportunityid',
  primaryNameAttribute: 'name',
  ownershipType: 'UserOwned',
  objectTypeCode: 3,
  isCustomEntity: false,
  changeTrackingEnabled: true,
  attributes: allSystem([
    primaryKey('opportunityid', 'OpportunityId', 'Opportunity'),
    text('name', 'Name', 'Topic', 300, { isPrimaryName: true, requiredLevel: 'ApplicationRequired' }),
    memo('description', 'Description', 'Description', 2000),
    customer('customerid', 'CustomerId', 'Potential Customer', { requiredLevel: 'Recommended' }),
    lookup('parentaccountid', 'ParentAccountId', 'Account', ['account']),
    lookup('parentcontactid', 'ParentContactId', 'Contact', ['contact']),
    ...money('estimatedvalue', 'EstimatedValue', 'Est. Revenue'),
    ...money('actualvalue', 'ActualValue', 'Actual Revenue'),
    ...money('budgetamount', 'BudgetAmount', 'Budget Amount'),
    ...money('totalamount', 'TotalAmount', 'Total Amount'),
    ...money('totallineitemamount', 'TotalLineItemAmount', 'Total Detail Amount'),
    dateTime('estimatedclosedate', 'EstimatedCloseDate', 'Est. Close Date', 'DateOnly'),
    dateTime('actualclosedate', 'ActualCloseDate', 'Actual Close Date', 'DateOnly'),
    dateTime('finaldecisiondate', 'FinalDecisionDate', 'Final Decision Date', 'DateOnly'),
    wholeNumber('closeprobability', 'CloseProbability', 'Probability', { minValue: 0, maxValue: 100 }),
    choice(
      'opportunityratingcode',
      'OpportunityRatingCode',
      'Rating',
      local('opportunity_opportunityratingcode', 'Rating', [
        [1, 'Hot'],
        [2, 'Warm'],
        [3, 'Cold'],
      ]),
      {
        defaultValue: 2,
      },
    ),
    choice('prioritycode', 'PriorityCode', 'Priority', local('opportunity_prioritycode', 'Priority', [[1, 'Default Value']]), { defaultValue: 1 }),
    choice(
      'salesstage',
      'SalesStage',
      'Sales Stage',
      local('opportunity_salesstage', 'Sales Stage', [
        [0, 'Qualify'],
        [1, 'Develop'],
        [2, 'Propose'],
        [3, 'Close'],
      ]),
    ),
    choice(
      'purchasetimeframe',
      'PurchaseTimeframe',
      'Purchase Timeframe',
      local('purchasetimeframe', 'Purchase Timeframe', [
        [0, 'Immediate'],
        [1, 'This Quarter'],
        [2, 'Next Quarter'],
        [3, 'This Year'],
        [4, 'Unknown'],
      ]),
    ),
    yesNo('isrevenuesystemcalculated', 'IsRevenueSystemCalculated', 'Revenue', { false: 'User Provided', true: 'System Calculated' }),
    yesNo('decisionmaker', 'DecisionMaker', 'Decision Maker?', { false: 'no', true: 'Mark Complete' }),
    memo('customerneed', 'CustomerNeed', 'Customer Need', 2000),
    memo('currentsituation', 'CurrentSituation', 'Current Situation', 2000),
    memo('proposedsolution', 'ProposedSolution', 'Proposed Solution', 2000),
    text('stepname', 'StepName', 'Pipeline Phase', 200),
    ...currency(),
    ...systemColumns({ entity: 'opportunity', displayName: 'Opportunity', ownership: 'UserOwned', states: opportunityStates }),
  ]),
};

/** Columns of a product line, the same on an opportunity product and a quote product. */
function productLine(): AttributeDef[] {
  return [
    lookup('productid', 'ProductId', 'Existing Product', ['product']),
    text('productname', 'ProductName', 'Product Name', 500),
    text('productdescription', 'ProductDescription', 'Write-In Product', 500),
    yesNo('isproductoverridden', 'IsProductOverridden', 'Select Product', { false: 'Existing', true: 'Write-in' }, CREATE_ONLY),
    yesNo('ispriceoverridden', 'IsPriceOverridden', 'Pricing', { false: 'Use Default', true: 'Override Price' }),
    decimal('quantity', 'Quantity', 'Quantity', 5, { minValue: 0, maxValue: 1000000000 }),
    ...money('priceperunit', 'PricePerUnit', 'Price Per Unit'),
    ...money('baseamount', 'BaseAmount', 'Amount'),
    ...money('manualdiscountamount', 'ManualDiscountAmount', 'Manual Discount'),
    ...money('volumediscountamount', 'VolumeDiscountAmount', 'Volume Discount', READ_ONLY),
    ...money('tax', 'Tax', 'Tax'),
    ...money('extendedamount', 'ExtendedAmount', 'Extended Amount'),
    wholeNumber('lineitemnumber', 'LineItemNumber', 'Line Item Number', { minValue: 0, maxValue: 1000000000 }),
    wholeNumber('sequencenumber', 'SequenceNumber', 'Sequence Number', { minValue: 0 }),
    lookup('uomid', 'UoMId', 'Unit', ['uom']),
    memo('description', 'Description', 'Description', 2000),
    ...currency(),
  ];
}

/** A product line is owned through its parent: its owner columns are read-only. */
function ownedThroughParent(entity: string, displayName: string): AttributeDef[] {
  return systemColumns({ entity, displayName, ownership: 'UserOwned', states: false }).map((a) =>
    a.logicalName === 'ownerid' ? { ...a, isValidForCreate: false, isValidForUpdate: false, requiredLevel: 'None' as const } : a,
  );
}

const opportunityProductTable: TableDef = {
  logicalName: 'opportunityproduct',
  schemaName: 'OpportunityProduct',
  entitySetName: 'opportunityproducts',
  displayName: 'Opportunity Product',
  displayCollectionName: 'Opportunity Products',
  primaryIdAttribute: 'opportunityproductid',
  primaryNameAttribute: 'opportunityproductname',
  ownershipType: 'UserOwned',
  objectTypeCode: 1083,
  isCustomEntity: false,
  attributes: allSystem([
    primaryKey('opportunityproductid', 'OpportunityProductId', 'Opportunity Product'),
    text('opportunityproductname', 'OpportunityProductName', 'Name', 500, { isPrimaryName: true }),
    lookup('opportunityid', 'OpportunityId', 'Opportunity', ['opportunity'], { requiredLevel: 'SystemRequired' }),
    ...productLine(),
    ...ownedThroughParent('opportunityproduct', 'Opportunity Product'),
  ]),
};

const quoteStates = {
  state: {
    name: 'quote_statecode',
    displayName: 'Status',
    isGlobal: false,
    options: [
      { value: 0, label: 'Draft' },
      { value: 1, label: 'Active' },
      { value: 2, label: 'Won' },
      { value: 3, label: 'Closed' },
    ],
  },
  status: {
    name: 'quote_statuscode',
    displayName: 'Status Reason',
    isGlobal: false,
    options: [
      { value: 1, label: 'In Progress', state: 0 },
      { value: 2, label: 'In Progress', state: 1 },
      { value: 3, label: 'Open', state: 1 },
      { value: 4, label: 'Won', state: 2 },
      { value: 5, label: 'Lost', state: 3 },
      { value: 6, label: 'Canceled', state: 3 },
      { value: 7, label: 'Revised', state: 3 },
    ],
  },
} satisfies { state: OptionSetDef; status: OptionSetDef };

function postalAddress(prefix: 'billto' | 'shipto', label: string, schema: string): AttributeDef[] {
  return [
    text(`${prefix}_name`, `${schema}_Name`, `${label} Name`, 200),
    text(`${prefix}_contactname`, `${schema}_ContactName`, `${label} Contact Name`, 150),
    text(`${prefix}_line1`, `${schema}_Line1`, `${label} Street 1`, 250),
    text(`${prefix}_line2`, `${schema}_Line2`, `${label} Street 2`, 250),
    text(`${prefix}_city`, `${schema}_City`, `${label} City`, 80),
    text(`${prefix}_postalcode`, `${schema}_PostalCode`, `${label} ZIP/Postal Code`, 20),
    text(`${prefix}_stateorprovince`, `${schema}_StateOrProvince`, `${label} State/Province`, 50),
    text(`${prefix}_country`, `${schema}_Country`, `${label} Country/Region`, 80),
    text(`${prefix}_telephone`, `${schema}_Telephone`, `${label} Phone`, 50),
    memo(`${prefix}_composite`, `${schema}_Composite`, `${label} Address`, 1000, READ_ONLY),
  ];
}

const quoteTable: TableDef = {
  logicalName: 'quote',
  schemaName: 'Quote',
  entitySetName: 'quotes',
  displayName: 'Quote',
  displayCollectionName: 'Quotes',
  primaryIdAttribute: 'quoteid',
  primaryNameAttribute: 'name',
  ownershipType: 'UserOwned',
  objectTypeCode: 1084,
  isCustomEntity: false,
  changeTrackingEnabled: true,
  attributes: allSystem([
    primaryKey('quoteid', 'QuoteId', 'Quote'),
    text('name', 'Name', 'Name', 300, { isPrimaryName: true, requiredLevel: 'ApplicationRequired' }),
    text('quotenumber', 'QuoteNumber', 'Quote ID', 100, { requiredLevel: 'SystemRequired', ...CREATE_ONLY }),
    wholeNumber('revisionnumber', 'RevisionNumber', 'Revision ID', { minValue: 0, ...READ_ONLY }),
    memo('description', 'Description', 'Description', 2000),
    customer('customerid', 'CustomerId', 'Potential Customer', { requiredLevel: 'SystemRequired' }),
    lookup('opportunityid', 'OpportunityId', 'Opportunity', ['opportunity']),
    ...money('totalamount', 'TotalAmount', 'Total Amount'),
    ...money('totalamountlessfreight', 'TotalAmountLessFreight', 'Total Pre-Freight Amount'),
    ...money('totallineitemamount', 'TotalLineItemAmount', 'Total Detail Amount'),
    ...money('totaldiscountamount', 'TotalDiscountAmount', 'Total Discount Amount'),
    ...money('totaltax', 'TotalTax', 'Total Tax'),
    ...money('discountamount', 'DiscountAmount', 'Quote Discount Amount'),
    ...money('freightamount', 'FreightAmount', 'Freight Amount'),
    decimal('discountpercentage', 'DiscountPercentage', 'Quote Discount (%)', 2, { minValue: 0, maxValue: 100 }),
    dateTime('effectivefrom', 'EffectiveFrom', 'Effective From', 'UserLocal', { dateTimeFormat: 'DateOnly' }),
    dateTime('effectiveto', 'EffectiveTo', 'Effective To', 'UserLocal', { dateTimeFormat: 'DateOnly' }),
    dateTime('expireson', 'ExpiresOn', 'Due By', 'UserLocal', { dateTimeFormat: 'DateOnly' }),
    dateTime('requestdeliveryby', 'RequestDeliveryBy', 'Requested Delivery Date', 'UserLocal', { dateTimeFormat: 'DateOnly' }),
    dateTime('closedon', 'ClosedOn', 'Closed On', 'UserLocal', { dateTimeFormat: 'DateOnly' }),
    choice(
      'paymenttermscode',
      'PaymentTermsCode',
      'Payment Terms',
      local('quote_paymenttermscode', 'Payment Terms', [
        [1, 'Net 30'],
        [2, '2% 10, Net 30'],
        [3, 'Net 45'],
        [4, 'Net 60'],
      ]),
    ),
    choice(
      'freighttermscode',
      'FreightTermsCode',
      'Freight Terms',
      local('quote_freighttermscode', 'Freight Terms', [
        [1, 'FOB'],
        [2, 'No Charge'],
      ]),
    ),
    choice(
      'shippingmethodcode',
      'ShippingMethodCode',
      'Shipping Method',
      local('quote_shippingmethodcode', 'Shipping Method', [
        [1, 'Airborne'],
        [2, 'DHL'],
        [3, 'FedEx'],
        [4, 'UPS'],
        [5, 'Postal Mail'],
        [6, 'Full Load'],
        [7, 'Will Call'],
      ]),
    ),
    yesNo('willcall', 'WillCall', 'Ship To', { false: 'Address', true: 'Will Call' }),
    ...postalAddress('billto', 'Bill To', 'BillTo'),
    ...postalAddress('shipto', 'Ship To', 'ShipTo'),
    ...currency(),
    ...systemColumns({ entity: 'quote', displayName: 'Quote', ownership: 'UserOwned', states: quoteStates }),
  ]),
};

const quoteDetailTable: TableDef = {
  logicalName: 'quotedetail',
  schemaName: 'QuoteDetail',
  entitySetName: 'quotedetails',
  displayName: 'Quote Product',
  displayCollectionName: 'Quote Products',
  primaryIdAttribute: 'quotedetailid',
  primaryNameAttribute: 'quotedetailname',
  ownershipType: 'UserOwned',
  objectTypeCode: 1085,
  isCustomEntity: false,
  attributes: allSystem([
    primaryKey('quotedetailid', 'QuoteDetailId', 'Quote Product'),
    text('quotedetailname', 'QuoteDetailName', 'Name', 500, { isPrimaryName: true }),
    lookup('quoteid', 'QuoteId', 'Quote', ['quote'], { requiredLevel: 'SystemRequired' }),
    ...productLine(),
    text('productnumber', 'ProductNumber', 'Product Number', 100, READ_ONLY),
    dateTime('requestdeliveryby', 'RequestDeliveryBy', 'Requested Delivery Date', 'UserLocal', { dateTimeFormat: 'DateOnly' }),
    lookup('salesrepid', 'SalesRepId', 'Salesperson', ['systemuser']),
    ...ownedThroughParent('quotedetail', 'Quote Product'),
  ]),
};

const productStates = {
  state: {
    name: 'product_statecode',
    displayName: 'Status',
    isGlobal: false,
    options: [
      { value: 0, label: 'Active' },
      { value: 1, label: 'Retired' },
      { value: 2, label: 'Draft' },
      { value: 3, label: 'Under Revision' },
    ],
  },
  status: {
    name: 'product_statuscode',
    displayName: 'Status Reason',
    isGlobal: false,
    options: [
      { value: 1, label: 'Active', state: 0 },
      { value: 2, label: 'Retired', state: 1 },
      { value: 0, label: 'Draft', state: 2 },
      { value: 3, label: 'Under Revision', state: 3 },
    ],
  },
} satisfies { state: OptionSetDef; status: OptionSetDef };

const productTable: TableDef = {
  logicalName: 'product',
  schemaName: 'Product',
  entitySetName: 'products',
  displayName: 'Product',
  displayCollectionName: 'Products',
  primaryIdAttribute: 'productid',
  primaryNameAttribute: 'name',
  ownershipType: 'OrganizationOwned',
  objectTypeCode: 1024,
  isCustomEntity: false,
  attributes: allSystem([
    primaryKey('productid', 'ProductId', 'Product'),
    text('name', 'Name', 'Name', 100, { isPrimaryName: true, requiredLevel: 'SystemRequired' }),
    text('productnumber', 'ProductNumber', 'Product ID', 100, { requiredLevel: 'SystemRequired' }),
    memo('description', 'Description', 'Description', 2000),
    ...money('price', 'Price', 'List Price'),
    ...money('standardcost', 'StandardCost', 'Standard Cost'),
    ...money('currentcost', 'CurrentCost', 'Current Cost'),
    choice(
      'producttypecode',
      'ProductTypeCode',
      'Product Type',
      local('product_producttypecode', 'Product Type', [
        [1, 'Sales Inventory'],
        [2, 'Miscellaneous Charges'],
        [3, 'Services'],
        [4, 'Flat Fees'],
      ]),
      { defaultValue: 1 },
    ),
    choice(
      'productstructure',
      'ProductStructure',
      'Product Structure',
      local('product_productstructure', 'Product Structure', [
        [1, 'Product'],
        [2, 'Product Family'],
        [3, 'Product Bundle'],
      ]),
      { defaultValue: 1, ...CREATE_ONLY },
    ),
    wholeNumber('quantitydecimal', 'QuantityDecimal', 'Decimals Supported', { minValue: 0, maxValue: 5, requiredLevel: 'SystemRequired' }),
    lookup('defaultuomid', 'DefaultUoMId', 'Default Unit', ['uom']),
    ...currency(),
    ...systemColumns({ entity: 'product', displayName: 'Product', ownership: 'OrganizationOwned', states: productStates }),
  ]),
};

const uomTable: TableDef = {
  logicalName: 'uom',
  schemaName: 'UoM',
  entitySetName: 'uoms',
  displayName: 'Unit',
  displayCollectionName: 'Units',
  primaryIdAttribute: 'uomid',
  primaryNameAttribute: 'name',
  ownershipType: 'OrganizationOwned',
  objectTypeCode: 1055,
  isCustomEntity: false,
  attributes: allSystem([
    primaryKey('uomid', 'UoMId', 'Unit'),
    text('name', 'Name', 'Name', 100, { isPrimaryName: true, requiredLevel: 'SystemRequired' }),
    decimal('quantity', 'Quantity', 'Quantity', 5, { minValue: 0, requiredLevel: 'SystemRequired' }),
    yesNo('isschedulebaseuom', 'IsScheduleBaseUoM', 'Is Schedule Base Unit', { false: 'No', true: 'Yes' }, READ_ONLY),
    ...systemColumns({ entity: 'uom', displayName: 'Unit', ownership: 'OrganizationOwned', states: false }),
  ]),
};

export const salesTables: TableDef[] = [
  accountTable,
  contactTable,
  opportunityTable,
  opportunityProductTable,
  quoteTable,
  quoteDetailTable,
  productTable,
  uomTable,
];
