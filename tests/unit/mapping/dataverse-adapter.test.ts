/** The pure parts of the Dataverse adapter: EntityDefinitions -> metadata, Windows zones -> IANA, plan -> DynamicsWebApi expand. */
import { entityInfoFromDefinition, ianaFromWindows, localeFromLcid, toExpand } from '../../../functions/src/adapters/dataverse';
import { asWebApiJson } from '../../../functions/src/adapters/dataverse/record-reader';

describe('EntityDefinitions -> the domain view of metadata', () => {
  it("reads Microsoft's EntityMetadata, AttributeMetadata and relationship shapes", () => {
    const info = entityInfoFromDefinition({
      LogicalName: 'quote',
      EntitySetName: 'quotes',
      PrimaryIdAttribute: 'quoteid',
      PrimaryNameAttribute: 'name',
      DisplayName: { UserLocalizedLabel: { Label: 'Quote' } },
      Attributes: [
        {
          LogicalName: 'createdon',
          AttributeType: 'DateTime',
          DateTimeBehavior: { Value: 'UserLocal' },
          DisplayName: { UserLocalizedLabel: { Label: 'Created On' } },
        },
        { LogicalName: 'effectivefrom', AttributeType: 'DateTime', DateTimeBehavior: { Value: 'DateOnly' } },
        { LogicalName: 'customerid', AttributeType: 'Customer', Targets: ['account', 'contact'] },
        { LogicalName: 'customeridname', AttributeType: 'String', AttributeOf: 'customerid', MaxLength: 160 },
        { LogicalName: 'name', AttributeType: 'String', MaxLength: 300, DisplayName: { UserLocalizedLabel: null } },
      ],
      ManyToOneRelationships: [
        { ReferencingEntityNavigationPropertyName: 'customerid_account', ReferencedEntity: 'account', ReferencingAttribute: 'customerid' },
        { ReferencingEntityNavigationPropertyName: 'owninguser', ReferencedEntity: 'systemuser', ReferencingAttribute: 'owninguser' },
      ],
      OneToManyRelationships: [{ ReferencedEntityNavigationPropertyName: 'quote_details', ReferencingEntity: 'quotedetail' }],
    });
    expect(info).toEqual({
      logicalName: 'quote',
      entitySetName: 'quotes',
      primaryIdAttribute: 'quoteid',
      primaryNameAttribute: 'name',
      displayName: 'Quote',
      attributes: {
        createdon: { logicalName: 'createdon', attributeType: 'DateTime', dateTimeBehavior: 'UserLocal', displayName: 'Created On' },
        effectivefrom: { logicalName: 'effectivefrom', attributeType: 'DateTime', dateTimeBehavior: 'DateOnly' },
        customerid: { logicalName: 'customerid', attributeType: 'Customer', targets: ['account', 'contact'] },
        name: { logicalName: 'name', attributeType: 'String', maxLength: 300 },
      },
      singleValued: {
        customerid_account: { target: 'account', lookupAttribute: 'customerid' },
        owninguser: { target: 'systemuser', lookupAttribute: 'owninguser' },
      },
      collectionValued: { quote_details: { entity: 'quotedetail' } },
    });
  });

  it('treats a DateTime without behavior as UserLocal, as Dataverse does', () => {
    const info = entityInfoFromDefinition({ LogicalName: 'x', Attributes: [{ LogicalName: 'd', AttributeType: 'DateTime' }] });
    expect(info.attributes.d.dateTimeBehavior).toBe('UserLocal');
  });
});

describe('user time zones', () => {
  it('turns Windows standard names from timezonedefinitions into IANA zones (CLDR windowsZones)', () => {
    expect(ianaFromWindows('Romance Standard Time')).toBe('Europe/Paris'); // code 105
    expect(ianaFromWindows('Eastern Standard Time')).toBe('America/New_York'); // code 35
    expect(ianaFromWindows('Tokyo Standard Time')).toBe('Asia/Tokyo');
    expect(ianaFromWindows('Nowhere Standard Time')).toBe('UTC');
  });
  it('turns usersettings.localeid into a BCP 47 locale', () => {
    expect(localeFromLcid(1036)).toBe('fr-FR');
    expect(localeFromLcid(1033)).toBe('en-US');
    expect(localeFromLcid(99999)).toBe('en-US');
  });
});

describe('record reader helpers', () => {
  it("turns a plan's expand tree into DynamicsWebApi expands", () => {
    expect(
      toExpand({
        navigation: 'quote_details',
        select: ['productname'],
        expand: [],
        collection: { orderBy: 'lineitemnumber desc', top: 5, filter: 'quantity gt 0' },
      }),
    ).toEqual({ property: 'quote_details', select: ['productname'], orderBy: ['lineitemnumber desc'], top: 5, filter: 'quantity gt 0' });
  });
  it('gives dates back as the Web API wrote them', () => {
    expect(asWebApiJson({ a: new Date('2025-03-14T23:30:00Z'), b: [{ c: new Date('2025-03-14T23:30:00.250Z') }], d: 'x' })).toEqual({
      a: '2025-03-14T23:30:00Z',
      b: [{ c: '2025-03-14T23:30:00.250Z' }],
      d: 'x',
    });
  });
});
