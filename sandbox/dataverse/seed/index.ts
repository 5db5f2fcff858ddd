/**
 * The demo world the emulator starts with: Contoso's organization, its people (identities.ts) with
 * their settings and teams, the admin with System Administrator (people's other roles and the
 * connector's application user are an admin's steps after install: sandbox/admin-setup.ts), and
 * one sales story: the account Contoso Ltd, its contacts, the opportunity "4G Enterprise Rollout"
 * and the quote "Q-1001 Contoso rollout". What the imported solution brought (its roles, its
 * environment variable definitions, with no value yet: an admin fills them after import) becomes
 * rows here too, as the import makes them in Dataverse.
 *
 * Rows are in Web API shape: attribute logical name -> value; lookups as `{ entity, id }`; money
 * and numbers as numbers; date and time as ISO UTC (`Z`); date-only as `YYYY-MM-DD`. Many-to-many
 * links are rows of their intersect tables (systemuserroles, teamroles, teammembership) holding
 * the two ids.
 */
import { DEMO_TEAMS, DEMO_USERS, ROLE_NAMES, demoUser, type DemoUser } from '../../seed/identities';
import type { EntityRef, RoleDef, SeedData, SeedRow } from '../model/security-types';
import { textIn } from '../../../solution/model/labels';
import { uuidV5 } from '../metadata/ids';
import type { ImportedSolution } from '../solution-import';
import { SEED_IDS, intersectId } from './ids';
import { TIME_ZONES, timeZone } from './time-zones';

export { SEED_IDS } from './ids';
export { TIME_ZONES } from './time-zones';

/** When the organization was set up: the created/modified time of everything but the sales story. */
const SETUP_TIME = '2025-01-06T08:00:00Z';
/**
 * When rep created the opportunity: 23:30 UTC on 14 March, which is already 15 March in Paris
 * (rep's zone), so a date shown to rep differs from the UTC date.
 */
export const OPPORTUNITY_CREATED_ON = '2025-03-14T23:30:00Z';
const QUOTE_CREATED_ON = '2025-03-20T09:15:00Z';

const ORGANIZATION_NAME = 'Contoso';

const ref = (entity: string, id: string): EntityRef => ({ entity, id });
const user = (key: string): EntityRef => ref('systemuser', demoUser(key).systemUserId);
const bu = (): EntityRef => ref('businessunit', SEED_IDS.businessUnit);
const eur = (): EntityRef => ref('transactioncurrency', SEED_IDS.currencies.EUR);
const adminRef = (): EntityRef => user('admin');

/** Who made a row and when. */
function stamp(by: EntityRef, on: string): SeedRow {
  return { createdon: on, modifiedon: on, createdby: by, modifiedby: by };
}

/** The owner columns of a user-owned row owned by a user. */
function ownedBy(owner: EntityRef): SeedRow {
  return { ownerid: owner, owninguser: owner, owningbusinessunit: bu() };
}

/** Number formats a user with this locale sees (usersettings). */
const LOCALE_SETTINGS: Record<number, SeedRow> = {
  1033: { dateformatstring: 'M/d/yyyy', timeformatstring: 'h:mm tt', dateseparator: '/', timeseparator: ':', decimalsymbol: '.', numberseparator: ',' },
  1036: { dateformatstring: 'dd/MM/yyyy', timeformatstring: 'HH:mm', dateseparator: '/', timeseparator: ':', decimalsymbol: ',', numberseparator: '\u00a0' },
};

function fullName(u: { firstName: string; lastName: string }): string {
  return `${u.firstName} ${u.lastName}`;
}

function systemUserRow(u: DemoUser): SeedRow {
  return {
    systemuserid: u.systemUserId,
    firstname: u.firstName,
    lastname: u.lastName,
    fullname: fullName(u),
    internalemailaddress: u.upn,
    domainname: u.upn,
    azureactivedirectoryobjectid: u.objectId,
    applicationid: null,
    isdisabled: u.isDisabled,
    islicensed: true,
    accessmode: 0,
    businessunitid: bu(),
    transactioncurrencyid: eur(),
    organizationid: SEED_IDS.organization,
    ...stamp(adminRef(), SETUP_TIME),
  };
}

function userSettingsRow(systemUserId: string, timeZoneCode: number, localeId: number): SeedRow {
  return {
    systemuserid: systemUserId,
    businessunitid: bu(),
    timezonecode: timeZoneCode,
    timezonebias: timeZone(timeZoneCode).bias,
    localeid: localeId,
    uilanguageid: localeId,
    helplanguageid: localeId,
    ...(LOCALE_SETTINGS[localeId] ?? LOCALE_SETTINGS[1033]),
    currencysymbol: '€',
    currencydecimalprecision: 2,
    paginglimit: 50,
    transactioncurrencyid: eur(),
    ...stamp(adminRef(), SETUP_TIME),
  };
}

function roleRow(role: RoleDef, managed: boolean): SeedRow {
  return {
    roleid: role.roleId,
    name: role.name,
    businessunitid: bu(),
    organizationid: ref('organization', SEED_IDS.organization),
    ismanaged: managed,
    ...stamp(adminRef(), SETUP_TIME),
  };
}

/** The organization's roles and the imported solution's, as the seed assigns them by name. */
export interface WorldRoles {
  /** The emulator's own roles (model/roles.ts). */
  organization: RoleDef[];
  solution: ImportedSolution;
}

const everyRole = (r: WorldRoles): RoleDef[] => [...r.organization, ...r.solution.roles];

function roleIdIn(roles: RoleDef[], name: string): string {
  const role = roles.find((r) => r.name === name);
  if (!role) throw new Error(`No role named "${name}" in the organization or the imported solution`);
  return role.roleId;
}

/** The three product lines of the 4G rollout: what is sold, how many, at what unit price. */
const ROLLOUT_LINES = [
  {
    product: 'Industrial 4G Router X200',
    number: 'RTR-X200',
    description: '4G/LTE router for branch sites, dual SIM',
    quantity: 50,
    listPrice: 800,
    quotePrice: 780,
  },
  {
    product: 'Managed SIM plan (12 months)',
    number: 'SIM-M12',
    description: '12-month managed data plan, 20 GB per SIM',
    quantity: 200,
    listPrice: 300,
    quotePrice: 290,
  },
  {
    product: 'On-site deployment',
    number: 'SRV-DEPLOY',
    description: 'On-site deployment and staff training',
    quantity: 1,
    listPrice: 20000,
    quotePrice: 18000,
  },
] as const;

/** The VAT rate applied on the quote. */
const QUOTE_TAX_RATE = 0.2;

const round2 = (n: number): number => Math.round(n * 100) / 100;

/** Money columns and their `_base` twins: the organization's base currency is EUR, rate 1. */
function eurMoney(values: Record<string, number>): SeedRow {
  const row: SeedRow = { transactioncurrencyid: eur(), exchangerate: 1 };
  for (const [name, value] of Object.entries(values)) {
    row[name] = value;
    row[`${name}_base`] = value;
  }
  return row;
}

function salesStory(): SeedData {
  const rep = user('rep');
  const account = ref('account', SEED_IDS.account);
  const ada = ref('contact', SEED_IDS.contact);
  const opportunity = ref('opportunity', SEED_IDS.opportunity);
  const quote = ref('quote', SEED_IDS.quote);
  const uom = ref('uom', SEED_IDS.uom);

  const products: SeedRow[] = ROLLOUT_LINES.map((l, i) => ({
    productid: SEED_IDS.products[i],
    name: l.product,
    productnumber: l.number,
    description: l.description,
    ...eurMoney({ price: l.listPrice }),
    producttypecode: i === 2 ? 3 : 1,
    productstructure: 1,
    quantitydecimal: 0,
    defaultuomid: uom,
    organizationid: ref('organization', SEED_IDS.organization),
    statecode: 0,
    statuscode: 1,
    ...stamp(adminRef(), SETUP_TIME),
  }));

  const opportunityProducts: SeedRow[] = ROLLOUT_LINES.map((l, i) => {
    const amount = l.quantity * l.listPrice;
    return {
      opportunityproductid: SEED_IDS.opportunityProducts[i],
      opportunityproductname: l.product,
      opportunityid: opportunity,
      productid: ref('product', SEED_IDS.products[i]),
      productname: l.product,
      productdescription: l.description,
      isproductoverridden: false,
      ispriceoverridden: false,
      quantity: l.quantity,
      ...eurMoney({ priceperunit: l.listPrice, baseamount: amount, manualdiscountamount: 0, volumediscountamount: 0, tax: 0, extendedamount: amount }),
      lineitemnumber: i + 1,
      sequencenumber: i + 1,
      uomid: uom,
      ...ownedBy(rep),
      ...stamp(rep, OPPORTUNITY_CREATED_ON),
    };
  });
  const estimatedValue = opportunityProducts.reduce((sum, p) => sum + (p.extendedamount as number), 0);

  const quoteDetails: SeedRow[] = ROLLOUT_LINES.map((l, i) => {
    const amount = l.quantity * l.quotePrice;
    const tax = round2(amount * QUOTE_TAX_RATE);
    return {
      quotedetailid: SEED_IDS.quoteDetails[i],
      quotedetailname: l.product,
      quoteid: quote,
      productid: ref('product', SEED_IDS.products[i]),
      productname: l.product,
      productdescription: l.description,
      productnumber: l.number,
      isproductoverridden: false,
      ispriceoverridden: true,
      quantity: l.quantity,
      ...eurMoney({
        priceperunit: l.quotePrice,
        baseamount: amount,
        manualdiscountamount: 0,
        volumediscountamount: 0,
        tax,
        extendedamount: round2(amount + tax),
      }),
      lineitemnumber: i + 1,
      sequencenumber: i + 1,
      uomid: uom,
      salesrepid: rep,
      ...ownedBy(rep),
      ...stamp(rep, QUOTE_CREATED_ON),
    };
  });
  const lineTotal = quoteDetails.reduce((sum, d) => sum + (d.baseamount as number), 0);
  const taxTotal = round2(quoteDetails.reduce((sum, d) => sum + (d.tax as number), 0));

  return {
    uom: [
      {
        uomid: SEED_IDS.uom,
        name: 'Primary Unit',
        quantity: 1,
        isschedulebaseuom: true,
        organizationid: ref('organization', SEED_IDS.organization),
        ...stamp(adminRef(), SETUP_TIME),
      },
    ],
    product: products,
    account: [
      {
        accountid: SEED_IDS.account,
        name: 'Contoso Ltd',
        accountnumber: 'CT-2025-0042',
        telephone1: '+33 1 70 36 42 00',
        emailaddress1: 'contact@contoso.example',
        websiteurl: 'https://www.contoso.example',
        address1_line1: '12 Rue de la Paix',
        address1_city: 'Paris',
        address1_postalcode: '75002',
        address1_country: 'France',
        description: 'Industrial IoT customer, 40 branch sites in France.',
        ...eurMoney({ revenue: 250000000 }),
        numberofemployees: 1200,
        industrycode: 12,
        customertypecode: 3,
        creditonhold: false,
        donotemail: false,
        primarycontactid: ada,
        statecode: 0,
        statuscode: 1,
        ...ownedBy(rep),
        ...stamp(rep, SETUP_TIME),
      },
    ],
    contact: [
      {
        contactid: SEED_IDS.contact,
        firstname: 'Ada',
        lastname: 'Lovelace',
        fullname: 'Ada Lovelace',
        jobtitle: 'Chief Technology Officer',
        emailaddress1: 'ada.lovelace@contoso.example',
        telephone1: '+33 1 70 36 42 10',
        mobilephone: '+33 6 12 34 56 78',
        birthdate: '1815-12-10',
        preferredcontactmethodcode: 2,
        donotemail: false,
        parentcustomerid: account,
        transactioncurrencyid: eur(),
        statecode: 0,
        statuscode: 1,
        ...ownedBy(rep),
        ...stamp(rep, SETUP_TIME),
      },
      {
        contactid: SEED_IDS.secondContact,
        firstname: 'Charles',
        lastname: 'Babbage',
        fullname: 'Charles Babbage',
        jobtitle: 'Head of Procurement',
        emailaddress1: 'charles.babbage@contoso.example',
        telephone1: '+33 1 70 36 42 11',
        preferredcontactmethodcode: 1,
        donotemail: false,
        parentcustomerid: account,
        transactioncurrencyid: eur(),
        statecode: 0,
        statuscode: 1,
        ...ownedBy(rep),
        ...stamp(rep, SETUP_TIME),
      },
    ],
    opportunity: [
      {
        opportunityid: SEED_IDS.opportunity,
        name: '4G Enterprise Rollout',
        description: '4G connectivity for all 40 Contoso branch sites: routers, managed SIMs and deployment.',
        customerid: account,
        parentaccountid: account,
        parentcontactid: ada,
        ...eurMoney({ estimatedvalue: estimatedValue, totalamount: estimatedValue, totallineitemamount: estimatedValue, budgetamount: 150000 }),
        estimatedclosedate: '2025-06-30',
        closeprobability: 60,
        opportunityratingcode: 1,
        prioritycode: 1,
        salesstage: 2,
        purchasetimeframe: 1,
        isrevenuesystemcalculated: true,
        decisionmaker: true,
        customerneed: 'Reliable connectivity for branch sites without fixed lines.',
        stepname: '3-Propose',
        statecode: 0,
        statuscode: 1,
        ...ownedBy(rep),
        ...stamp(rep, OPPORTUNITY_CREATED_ON),
      },
    ],
    opportunityproduct: opportunityProducts,
    quote: [
      {
        quoteid: SEED_IDS.quote,
        name: 'Q-1001 Contoso rollout',
        quotenumber: 'QUO-01001-C7K2P4',
        revisionnumber: 0,
        description: 'Quote for the 4G Enterprise Rollout, 40 sites.',
        customerid: account,
        opportunityid: opportunity,
        ...eurMoney({
          totallineitemamount: lineTotal,
          discountamount: 0,
          totaldiscountamount: 0,
          totalamountlessfreight: lineTotal,
          freightamount: 0,
          totaltax: taxTotal,
          totalamount: round2(lineTotal + taxTotal),
        }),
        discountpercentage: 0,
        // User-local columns shown as a date: midnight in rep's zone (Paris), stored in UTC.
        effectivefrom: '2025-03-19T23:00:00Z',
        effectiveto: '2025-04-29T22:00:00Z',
        paymenttermscode: 1,
        willcall: false,
        billto_name: 'Contoso Ltd',
        billto_line1: '12 Rue de la Paix',
        billto_city: 'Paris',
        billto_postalcode: '75002',
        billto_country: 'France',
        statecode: 1,
        statuscode: 2,
        ...ownedBy(rep),
        ...stamp(rep, QUOTE_CREATED_ON),
      },
    ],
    quotedetail: quoteDetails,
  };
}

function organizationAndPeople(world: WorldRoles): SeedData {
  const admin = adminRef();
  const roles = everyRole(world);
  const roleId = (name: string) => roleIdIn(roles, name);
  const interactive = DEMO_USERS.map(systemUserRow);
  const allUserIds = DEMO_USERS.map((u) => u.systemUserId);

  const teams: SeedRow[] = [
    {
      teamid: SEED_IDS.defaultTeam,
      name: ORGANIZATION_NAME,
      businessunitid: bu(),
      administratorid: admin,
      teamtype: 0,
      isdefault: true,
      systemmanaged: true,
      organizationid: ref('organization', SEED_IDS.organization),
      ...stamp(admin, SETUP_TIME),
    },
    ...DEMO_TEAMS.map((t) => ({
      teamid: t.teamId,
      name: t.name,
      businessunitid: bu(),
      administratorid: admin,
      teamtype: 0,
      isdefault: false,
      systemmanaged: false,
      organizationid: ref('organization', SEED_IDS.organization),
      ...stamp(admin, SETUP_TIME),
    })),
  ];

  // Only the environment's first admin holds a role at the start (System Administrator, as
  // Dataverse gives the environment's creator). Everything else an admin does after install: the
  // application user, its role, people's roles (sandbox/admin-setup.ts, through the Web API).
  let n = 0;
  const userRoles: SeedRow[] = [
    { systemuserroleid: intersectId('systemuserroles', ++n), systemuserid: demoUser('admin').systemUserId, roleid: roleId(ROLE_NAMES.systemAdministrator) },
  ];

  n = 0;
  const memberships: SeedRow[] = allUserIds.map((id) => ({
    teammembershipid: intersectId('teammembership', ++n),
    systemuserid: id,
    teamid: SEED_IDS.defaultTeam,
  }));
  for (const u of DEMO_USERS) {
    for (const teamName of u.teams) {
      const team = DEMO_TEAMS.find((t) => t.name === teamName);
      if (!team) throw new Error(`${u.key} is in an unknown team "${teamName}"`);
      memberships.push({ teammembershipid: intersectId('teammembership', ++n), systemuserid: u.systemUserId, teamid: team.teamId });
    }
  }

  return {
    organization: [
      {
        organizationid: SEED_IDS.organization,
        name: ORGANIZATION_NAME,
        basecurrencyid: eur(),
        languagecode: 1033,
        localeid: 1033,
        currencysymbol: '€',
        pricingdecimalprecision: 2,
        createdon: SETUP_TIME,
        modifiedon: SETUP_TIME,
      },
    ],
    businessunit: [
      {
        businessunitid: SEED_IDS.businessUnit,
        name: ORGANIZATION_NAME,
        parentbusinessunitid: null,
        organizationid: ref('organization', SEED_IDS.organization),
        transactioncurrencyid: eur(),
        isdisabled: false,
        ...stamp(admin, SETUP_TIME),
      },
    ],
    transactioncurrency: [
      {
        transactioncurrencyid: SEED_IDS.currencies.EUR,
        currencyname: 'Euro',
        isocurrencycode: 'EUR',
        currencysymbol: '€',
        currencyprecision: 2,
        exchangerate: 1,
        statecode: 0,
        statuscode: 1,
        organizationid: ref('organization', SEED_IDS.organization),
        ...stamp(admin, SETUP_TIME),
      },
      {
        transactioncurrencyid: SEED_IDS.currencies.USD,
        currencyname: 'US Dollar',
        isocurrencycode: 'USD',
        currencysymbol: '$',
        currencyprecision: 2,
        exchangerate: 1.08,
        statecode: 0,
        statuscode: 1,
        organizationid: ref('organization', SEED_IDS.organization),
        ...stamp(admin, SETUP_TIME),
      },
    ],
    timezonedefinition: TIME_ZONES.map((z) => ({
      timezonedefinitionid: SEED_IDS.timeZoneDefinition(z.code),
      timezonecode: z.code,
      standardname: z.standardName,
      daylightname: z.daylightName,
      userinterfacename: z.userInterfaceName,
      bias: z.bias,
      retiredorder: 0,
    })),
    systemuser: interactive,
    usersettings: DEMO_USERS.map((u) => userSettingsRow(u.systemUserId, u.timeZoneCode, u.localeId)),
    team: teams,
    role: [...world.organization.map((r) => roleRow(r, false)), ...world.solution.roles.map((r) => roleRow(r, world.solution.manifest.managed))],
    systemuserroles: userRoles,
    teamroles: [],
    teammembership: memberships,
    // The import makes one definition row per definition file of the zip; its id is the
    // organization's own (here derived from the schema name, so that every start names the same).
    environmentvariabledefinition: world.solution.environmentVariables.map((v) => ({
      environmentvariabledefinitionid: uuidV5(`environmentvariabledefinition:${v.schemaName}`),
      schemaname: v.schemaName,
      // The row holds the base language's text (the column is one string; its translations live with the solution).
      displayname: textIn(v.displayName),
      description: textIn(v.description),
      type: v.type,
      defaultvalue: v.defaultValue ?? null,
      isrequired: v.isRequired,
      introducedversion: v.introducedVersion,
      ismanaged: world.solution.manifest.managed,
      statecode: 0,
      statuscode: 1,
      ...ownedBy(admin),
      ...stamp(admin, SETUP_TIME),
    })),
    // Values are empty until an admin (or the sandbox's start script) sets them.
    environmentvariablevalue: [],
    // The import makes a row of each web resource, its file base64-encoded in `content`.
    webresource: world.solution.webResources.map((w) => ({
      webresourceid: w.id,
      name: w.name,
      displayname: w.displayName,
      webresourcetype: w.type,
      content: w.content.toString('base64'),
      ismanaged: world.solution.manifest.managed,
      introducedversion: '1.0.0.0',
      createdon: SETUP_TIME,
      modifiedon: SETUP_TIME,
    })),
  };
}

/** A fresh copy of the demo world, after the solution's import (callers may change it freely). */
export function seedData(world: WorldRoles): SeedData {
  const empty = Object.fromEntries(world.solution.schema.tables.map((t) => [t.logicalName, [] as SeedRow[]]));
  return { ...empty, ...organizationAndPeople(world), ...salesStory() };
}
