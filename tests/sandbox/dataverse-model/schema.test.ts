/**
 * The merged schema the emulator serves hangs together: every lookup has the relationship the Web
 * API navigates by, every relationship names columns and tables that exist, and the navigation
 * properties mapping.md relies on are where real Dataverse has them.
 */
import { defaultWorld } from '../../../sandbox/dataverse/defaults';
import type { AttributeDef, RelationshipDef, TableDef } from '../../../solution/model/types';

const schema = defaultWorld().schema;
const tables = new Map(schema.tables.map((t) => [t.logicalName, t]));

function table(name: string): TableDef {
  const t = tables.get(name);
  if (!t) throw new Error(`missing table ${name}`);
  return t;
}

/** Single-valued navigation properties of a table: nav name -> target table. */
function singleNavs(name: string): Map<string, string> {
  return new Map(schema.relationships.filter((r) => r.referencingEntity === name).map((r) => [r.referencingEntityNavigationPropertyName, r.referencedEntity]));
}

/** Collection-valued navigation properties of a table: nav name -> related table. */
function collectionNavs(name: string): Map<string, string> {
  const navs = new Map(
    schema.relationships.filter((r) => r.referencedEntity === name).map((r) => [r.referencedEntityNavigationPropertyName, r.referencingEntity]),
  );
  for (const m of schema.manyToMany) {
    if (m.entity1LogicalName === name) navs.set(m.entity1NavigationPropertyName, m.entity2LogicalName);
    if (m.entity2LogicalName === name) navs.set(m.entity2NavigationPropertyName, m.entity1LogicalName);
  }
  return navs;
}

const isLookup = (a: AttributeDef) => a.type === 'Lookup' || a.type === 'Customer' || a.type === 'Owner';

/** Product lines are owned through their parent: Dataverse has no owner or business unit relationship for them. */
const OWNED_THROUGH_PARENT = new Set([
  'opportunityproduct.ownerid',
  'opportunityproduct.owningbusinessunit',
  'quotedetail.ownerid',
  'quotedetail.owningbusinessunit',
]);

describe('the emulator schema', () => {
  it('has the system tables and the connector tables', () => {
    const expected = [
      'businessunit',
      'organization',
      'systemuser',
      'role',
      'team',
      'usersettings',
      'timezonedefinition',
      'transactioncurrency',
      'account',
      'contact',
      'opportunity',
      'opportunityproduct',
      'product',
      'uom',
      'quote',
      'quotedetail',
      // the activities the connector makes (issue 27): a renewal task, the close activities of a win
      'activitypointer',
      'task',
      'opportunityclose',
      'quoteclose',
      'environmentvariabledefinition',
      'environmentvariablevalue',
      'webresource',
      'systemuserroles',
      'teamroles',
      'teammembership',
      'dtclm_contract',
      'dtclm_contractevent',
      'dtclm_template',
      'dtclm_userlink',
      'dtclm_contactlink',
    ];
    expect([...tables.keys()].sort()).toEqual(expected.sort());
  });

  it('uses the entity set names of the Web API', () => {
    const sets = Object.fromEntries(schema.tables.map((t) => [t.logicalName, t.entitySetName]));
    expect(sets).toMatchObject({
      account: 'accounts',
      contact: 'contacts',
      opportunity: 'opportunities',
      opportunityproduct: 'opportunityproducts',
      quote: 'quotes',
      quotedetail: 'quotedetails',
      systemuser: 'systemusers',
      team: 'teams',
      role: 'roles',
      businessunit: 'businessunits',
      usersettings: 'usersettingscollection',
      timezonedefinition: 'timezonedefinitions',
      transactioncurrency: 'transactioncurrencies',
      environmentvariabledefinition: 'environmentvariabledefinitions',
      environmentvariablevalue: 'environmentvariablevalues',
      webresource: 'webresourceset',
      product: 'products',
      uom: 'uoms',
    });
    const all = schema.tables.map((t) => t.entitySetName);
    expect(new Set(all).size).toBe(all.length);
  });

  it.each(schema.tables.map((t) => [t.logicalName, t] as const))('%s: primary id and name exist, attribute names are unique', (_, t) => {
    const names = t.attributes.map((a) => a.logicalName);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toContain(t.primaryIdAttribute);
    if (t.primaryNameAttribute !== '') expect(names).toContain(t.primaryNameAttribute);
    for (const a of t.attributes) {
      if (a.type === 'String' || a.type === 'Memo') expect(a.maxLength).toBeGreaterThan(0);
      if (a.type === 'DateTime') expect(a.dateTimeBehavior).toBeDefined();
      if (isLookup(a)) expect(a.targets?.length).toBeGreaterThan(0);
    }
  });

  it('gives every lookup a relationship per target, whose navigation properties exist on both tables', () => {
    for (const t of schema.tables) {
      for (const a of t.attributes.filter(isLookup)) {
        if (OWNED_THROUGH_PARENT.has(`${t.logicalName}.${a.logicalName}`)) continue;
        const rels = schema.relationships.filter((r) => r.referencingEntity === t.logicalName && r.referencingAttribute === a.logicalName);
        if (a.type === 'Owner') {
          // Dataverse's polymorphic `owner` (a user or a team): one relationship, navigation property ownerid.
          expect(rels.map((r) => [r.referencedEntity, r.referencingEntityNavigationPropertyName])).toEqual([['owner', 'ownerid']]);
          continue;
        }
        expect(rels.map((r) => r.referencedEntity).sort()).toEqual([...(a.targets ?? [])].sort());
        for (const r of rels) {
          expect(singleNavs(t.logicalName).get(r.referencingEntityNavigationPropertyName)).toBe(r.referencedEntity);
          expect(collectionNavs(r.referencedEntity).get(r.referencedEntityNavigationPropertyName)).toBe(t.logicalName);
        }
      }
    }
  });

  it('names in every relationship a referencing column that is a lookup (or the key) and a referenced table that exists', () => {
    for (const r of schema.relationships) {
      const referencing = table(r.referencingEntity);
      const col = referencing.attributes.find((a) => a.logicalName === r.referencingAttribute);
      expect({ rel: r.schemaName, type: col?.type }).toEqual({ rel: r.schemaName, type: expect.stringMatching(/^(Lookup|Customer|Owner|Uniqueidentifier)$/) });
      if (r.referencedEntity !== 'owner') {
        const referenced = table(r.referencedEntity);
        expect(referenced.attributes.map((a) => a.logicalName)).toContain(r.referencedAttribute);
      }
    }
  });

  it('has unique relationship schema names and unique navigation property names per table', () => {
    const names = [...schema.relationships.map((r) => r.schemaName), ...schema.manyToMany.map((m) => m.schemaName)];
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
    for (const t of schema.tables) {
      const navs = [
        ...schema.relationships.filter((r) => r.referencingEntity === t.logicalName).map((r) => r.referencingEntityNavigationPropertyName),
        ...schema.relationships.filter((r) => r.referencedEntity === t.logicalName).map((r) => r.referencedEntityNavigationPropertyName),
        ...schema.manyToMany.flatMap((m) => [
          ...(m.entity1LogicalName === t.logicalName ? [m.entity1NavigationPropertyName] : []),
          ...(m.entity2LogicalName === t.logicalName && m.entity1LogicalName !== t.logicalName ? [m.entity2NavigationPropertyName] : []),
        ]),
      ];
      // A self-referencing relationship has one single and one collection property; any other repeat is a clash.
      const selfRefs = new Set(
        schema.relationships
          .filter(
            (r) =>
              r.referencedEntity === t.logicalName &&
              r.referencingEntity === t.logicalName &&
              r.referencedEntityNavigationPropertyName === r.referencingEntityNavigationPropertyName,
          )
          .map((r) => r.schemaName),
      );
      const dupes = navs.filter((n, i) => navs.indexOf(n) !== i && !selfRefs.has(n));
      expect({ table: t.logicalName, dupes }).toEqual({ table: t.logicalName, dupes: [] });
    }
  });

  it('resolves every choice column to its options', () => {
    const global = new Set(schema.optionSets.map((o) => o.name));
    for (const t of schema.tables) {
      for (const a of t.attributes.filter((x) => x.type === 'Picklist' || x.type === 'State' || x.type === 'Status')) {
        if (typeof a.optionSet === 'string') expect(global).toContain(a.optionSet);
        else expect(a.optionSet?.options.length).toBeGreaterThan(0);
      }
    }
  });

  it('has intersect tables for the many-to-many relationships', () => {
    for (const m of schema.manyToMany) {
      const intersect = table(m.intersectEntityName);
      expect(intersect.isIntersect).toBe(true);
      expect(intersect.attributes.map((a) => a.logicalName)).toEqual(expect.arrayContaining([m.entity1IntersectAttribute, m.entity2IntersectAttribute]));
    }
  });
});

describe('what mappings navigate (mapping.md)', () => {
  it.each([
    ['quote', 'customerid_account', 'account'],
    ['quote', 'customerid_contact', 'contact'],
    ['quote', 'opportunityid', 'opportunity'],
    ['quote', 'ownerid', 'owner'],
    ['quote', 'transactioncurrencyid', 'transactioncurrency'],
    ['opportunity', 'customerid_account', 'account'],
    ['opportunity', 'customerid_contact', 'contact'],
    ['opportunity', 'parentaccountid', 'account'],
    ['opportunity', 'parentcontactid', 'contact'],
    ['opportunity', 'owninguser', 'systemuser'],
    ['opportunity', 'transactioncurrencyid', 'transactioncurrency'],
    ['account', 'primarycontactid', 'contact'],
    ['account', 'parentaccountid', 'account'],
    ['contact', 'parentcustomerid_account', 'account'],
    ['quotedetail', 'quoteid', 'quote'],
    ['opportunityproduct', 'opportunityid', 'opportunity'],
    ['usersettings', 'systemuserid_systemuser', 'systemuser'],
    ['environmentvariablevalue', 'EnvironmentVariableDefinitionId', 'environmentvariabledefinition'],
    ['dtclm_contract', 'dtclm_opportunityid', 'opportunity'],
    ['dtclm_contract', 'dtclm_quoteid', 'quote'],
    ['dtclm_contract', 'dtclm_templateid', 'dtclm_template'],
    ['dtclm_contractevent', 'dtclm_contractid', 'dtclm_contract'],
    ['dtclm_userlink', 'dtclm_systemuserid', 'systemuser'],
  ])('%s has the single-valued navigation property %s to %s', (from, nav, to) => {
    expect(singleNavs(from).get(nav)).toBe(to);
  });

  it.each([
    ['quote', 'quote_details', 'quotedetail'],
    ['opportunity', 'product_opportunities', 'opportunityproduct'],
    ['opportunity', 'opportunity_quotes', 'quote'],
    ['systemuser', 'user_settings', 'usersettings'],
    ['systemuser', 'systemuserroles_association', 'role'],
    ['systemuser', 'teammembership_association', 'team'],
    ['team', 'teamroles_association', 'role'],
    ['team', 'teammembership_association', 'systemuser'],
    ['environmentvariabledefinition', 'environmentvariabledefinition_environmentvariablevalue', 'environmentvariablevalue'],
    ['opportunity', 'dtclm_opportunity_dtclm_contract', 'dtclm_contract'],
    ['dtclm_contract', 'dtclm_dtclm_contract_dtclm_contractevent', 'dtclm_contractevent'],
  ])('%s has the collection-valued navigation property %s of %s', (from, nav, to) => {
    expect(collectionNavs(from).get(nav)).toBe(to);
  });

  it('reads opportunity.estimatedclosedate as a date only, and createdon in the user zone', () => {
    const opp = table('opportunity');
    expect(opp.attributes.find((a) => a.logicalName === 'estimatedclosedate')).toMatchObject({
      type: 'DateTime',
      dateTimeBehavior: 'DateOnly',
      dateTimeFormat: 'DateOnly',
    });
    expect(opp.attributes.find((a) => a.logicalName === 'createdon')).toMatchObject({ type: 'DateTime', dateTimeBehavior: 'UserLocal' });
  });

  it('gives every money column its _base twin', () => {
    for (const t of schema.tables) {
      const names = new Set(t.attributes.map((a) => a.logicalName));
      for (const a of t.attributes.filter((x) => x.type === 'Money' && !x.isBaseCurrency)) {
        expect(names).toContain(`${a.logicalName}_base`);
        expect(names).toContain('transactioncurrencyid');
      }
    }
  });

  it('makes the Customer columns polymorphic over account and contact', () => {
    for (const [t, col] of [
      ['opportunity', 'customerid'],
      ['quote', 'customerid'],
      ['contact', 'parentcustomerid'],
    ] as const) {
      expect(table(t).attributes.find((a) => a.logicalName === col)).toMatchObject({ type: 'Customer', targets: ['account', 'contact'] });
    }
  });

  it('keeps system relationships marked as such', () => {
    const rel = (name: string): RelationshipDef | undefined => schema.relationships.find((r) => r.schemaName === name);
    expect(rel('opportunity_owning_user')).toMatchObject({ referencingEntity: 'opportunity', referencingAttribute: 'owninguser', isSystem: true });
    expect(rel('user_dtclm_contract')).toMatchObject({ referencingEntity: 'dtclm_contract', referencedEntity: 'systemuser', isSystem: true });
    expect(rel('organization_dtclm_template')).toMatchObject({ referencingEntity: 'dtclm_template', referencedEntity: 'organization' });
  });
});
