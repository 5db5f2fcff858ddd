/**
 * EntityDefinitions as the emulator answers them: the property names and shapes of Dataverse's
 * metadata types, one sample attribute per type, stable MetadataIds.
 */
import { entityDefinitions } from '../../../sandbox/dataverse/metadata/entities';
import { uuidV5 } from '../../../sandbox/dataverse/metadata/ids';
import { attributeWithOptionSet, globalOptionSetDefinitions } from '../../../sandbox/dataverse/metadata/option-sets';
import { defaultWorld } from '../../../sandbox/dataverse/defaults';

const schema = defaultWorld().schema;
const defs = entityDefinitions(schema);

type Obj = Record<string, any>;
const entity = (name: string): Obj => defs.find((d) => d.LogicalName === name) as Obj;
const attribute = (table: string, name: string): Obj => entity(table).Attributes.find((a: Obj) => a.LogicalName === name);
const tableDef = (name: string) => schema.tables.find((t) => t.logicalName === name)!;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('EntityDefinitions', () => {
  it('describes every table of the schema once', () => {
    expect(defs.map((d) => d.LogicalName).sort()).toEqual(schema.tables.map((t) => t.logicalName).sort());
  });

  it('answers the entity properties of EntityMetadata', () => {
    const opp = entity('opportunity');
    expect(opp).toMatchObject({
      LogicalName: 'opportunity',
      SchemaName: 'Opportunity',
      EntitySetName: 'opportunities',
      PrimaryIdAttribute: 'opportunityid',
      PrimaryNameAttribute: 'name',
      OwnershipType: 'UserOwned',
      IsCustomEntity: false,
      ObjectTypeCode: 3,
      ChangeTrackingEnabled: true,
      DisplayName: { LocalizedLabels: [{ Label: 'Opportunity', LanguageCode: 1033 }], UserLocalizedLabel: { Label: 'Opportunity', LanguageCode: 1033 } },
    });
    expect(opp.MetadataId).toMatch(GUID);
    expect(entity('dtclm_template')).toMatchObject({ OwnershipType: 'OrganizationOwned', IsCustomEntity: true, EntitySetName: 'dtclm_templates' });
    expect(entity('systemuser').OwnershipType).toBe('BusinessOwned');
    expect(entity('usersettings').PrimaryNameAttribute).toBeNull();
  });

  it('gives the same MetadataIds on every run, distinct per thing', () => {
    const again = entityDefinitions(defaultWorld().schema);
    expect(again.map((d) => d.MetadataId)).toEqual(defs.map((d) => d.MetadataId));
    expect(attribute('account', 'name').MetadataId).toBe(
      (again.find((d) => d.LogicalName === 'account') as Obj).Attributes.find((a: Obj) => a.LogicalName === 'name').MetadataId,
    );
    const all = defs.flatMap((d) => [d.MetadataId, ...(d.Attributes as Obj[]).map((a) => a.MetadataId)]);
    expect(new Set(all).size).toBe(all.length);
  });

  it('makes name-based UUIDs (version 5)', () => {
    // RFC 4122 appendix example: the DNS namespace and "www.example.com".
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });
});

describe('attribute metadata, one of each type', () => {
  it('String', () => {
    expect(attribute('dtclm_contract', 'dtclm_clmcontractid')).toMatchObject({
      '@odata.type': '#Microsoft.Dynamics.CRM.StringAttributeMetadata',
      LogicalName: 'dtclm_clmcontractid',
      SchemaName: 'dtclm_ClmContractId',
      AttributeType: 'String',
      AttributeTypeName: { Value: 'StringType' },
      AttributeOf: null,
      MaxLength: 64,
      Format: 'Text',
      FormatName: { Value: 'Text' },
      IsValidForCreate: true,
      IsValidForUpdate: true,
      IsCustomAttribute: true,
      RequiredLevel: { Value: 'None' },
      EntityLogicalName: 'dtclm_contract',
    });
    expect(attribute('dtclm_contract', 'dtclm_name')).toMatchObject({ IsPrimaryName: true, RequiredLevel: { Value: 'ApplicationRequired' } });
    expect(attribute('dtclm_contract', 'dtclm_clmurl')).toMatchObject({ Format: 'Url' });
  });

  it('Memo', () => {
    expect(attribute('dtclm_template', 'dtclm_mapping')).toMatchObject({
      '@odata.type': '#Microsoft.Dynamics.CRM.MemoAttributeMetadata',
      AttributeType: 'Memo',
      AttributeTypeName: { Value: 'MemoType' },
      MaxLength: 1048576,
      Format: 'TextArea',
    });
  });

  it('Integer and BigInt', () => {
    expect(attribute('dtclm_contract', 'dtclm_sequence')).toMatchObject({
      '@odata.type': '#Microsoft.Dynamics.CRM.IntegerAttributeMetadata',
      AttributeType: 'Integer',
      AttributeTypeName: { Value: 'IntegerType' },
      Format: 'None',
      MinValue: 0,
      MaxValue: 2147483647,
    });
    expect(attribute('dtclm_contract', 'versionnumber')).toMatchObject({
      '@odata.type': '#Microsoft.Dynamics.CRM.BigIntAttributeMetadata',
      AttributeTypeName: { Value: 'BigIntType' },
      IsValidForCreate: false,
      IsValidForUpdate: false,
    });
  });

  it('Decimal', () => {
    expect(attribute('quotedetail', 'quantity')).toMatchObject({
      '@odata.type': '#Microsoft.Dynamics.CRM.DecimalAttributeMetadata',
      AttributeType: 'Decimal',
      AttributeTypeName: { Value: 'DecimalType' },
      Precision: 5,
    });
  });

  it('Money and its base twin', () => {
    expect(attribute('opportunity', 'estimatedvalue')).toMatchObject({
      '@odata.type': '#Microsoft.Dynamics.CRM.MoneyAttributeMetadata',
      AttributeType: 'Money',
      AttributeTypeName: { Value: 'MoneyType' },
      IsBaseCurrency: false,
      CalculationOf: null,
      Precision: 2,
    });
    expect(attribute('opportunity', 'estimatedvalue_base')).toMatchObject({
      AttributeType: 'Money',
      IsBaseCurrency: true,
      CalculationOf: 'estimatedvalue',
      IsValidForCreate: false,
      IsValidForUpdate: false,
    });
  });

  it('Boolean', () => {
    expect(attribute('dtclm_contractevent', 'dtclm_applied')).toMatchObject({
      '@odata.type': '#Microsoft.Dynamics.CRM.BooleanAttributeMetadata',
      AttributeType: 'Boolean',
      AttributeTypeName: { Value: 'BooleanType' },
      DefaultValue: true,
    });
  });

  it('DateTime, user local and date only', () => {
    expect(attribute('opportunity', 'createdon')).toMatchObject({
      '@odata.type': '#Microsoft.Dynamics.CRM.DateTimeAttributeMetadata',
      AttributeType: 'DateTime',
      AttributeTypeName: { Value: 'DateTimeType' },
      Format: 'DateAndTime',
      DateTimeBehavior: { Value: 'UserLocal' },
      IsValidForCreate: false,
    });
    expect(attribute('opportunity', 'estimatedclosedate')).toMatchObject({ Format: 'DateOnly', DateTimeBehavior: { Value: 'DateOnly' } });
  });

  it('Picklist, State and Status, without OptionSet unless asked', () => {
    const status = attribute('dtclm_contract', 'dtclm_status');
    expect(status).toMatchObject({
      '@odata.type': '#Microsoft.Dynamics.CRM.PicklistAttributeMetadata',
      AttributeType: 'Picklist',
      AttributeTypeName: { Value: 'PicklistType' },
    });
    expect(status.OptionSet).toBeUndefined();
    expect(attribute('quote', 'statecode')).toMatchObject({
      '@odata.type': '#Microsoft.Dynamics.CRM.StateAttributeMetadata',
      AttributeTypeName: { Value: 'StateType' },
    });
    expect(attribute('quote', 'statuscode')).toMatchObject({
      '@odata.type': '#Microsoft.Dynamics.CRM.StatusAttributeMetadata',
      AttributeTypeName: { Value: 'StatusType' },
    });
  });

  it('Lookup, Customer and Owner, with their targets', () => {
    expect(attribute('dtclm_contract', 'dtclm_opportunityid')).toMatchObject({
      '@odata.type': '#Microsoft.Dynamics.CRM.LookupAttributeMetadata',
      AttributeType: 'Lookup',
      AttributeTypeName: { Value: 'LookupType' },
      Targets: ['opportunity'],
    });
    expect(attribute('quote', 'customerid')).toMatchObject({
      '@odata.type': '#Microsoft.Dynamics.CRM.LookupAttributeMetadata',
      AttributeType: 'Customer',
      AttributeTypeName: { Value: 'CustomerType' },
      Targets: ['account', 'contact'],
    });
    expect(attribute('quote', 'ownerid')).toMatchObject({ AttributeType: 'Owner', AttributeTypeName: { Value: 'OwnerType' }, Targets: ['systemuser', 'team'] });
  });

  it('Uniqueidentifier', () => {
    expect(attribute('systemuser', 'azureactivedirectoryobjectid')).toMatchObject({
      '@odata.type': '#Microsoft.Dynamics.CRM.UniqueIdentifierAttributeMetadata',
      AttributeType: 'Uniqueidentifier',
      AttributeTypeName: { Value: 'UniqueidentifierType' },
    });
    expect(attribute('account', 'accountid')).toMatchObject({ IsPrimaryId: true, IsValidForUpdate: false });
  });

  it('File, as Dataverse reports it (Virtual, FileType), with its name column', () => {
    expect(attribute('dtclm_contract', 'dtclm_signeddocument')).toMatchObject({
      '@odata.type': '#Microsoft.Dynamics.CRM.FileAttributeMetadata',
      AttributeType: 'Virtual',
      AttributeTypeName: { Value: 'FileType' },
      MaxSizeInKB: 131072,
    });
    expect(attribute('dtclm_contract', 'dtclm_signeddocument_name')).toMatchObject({ AttributeOf: 'dtclm_signeddocument', AttributeType: 'String' });
  });

  it('the columns that only describe another (AttributeOf)', () => {
    expect(attribute('quote', 'owneridtype')).toMatchObject({
      '@odata.type': '#Microsoft.Dynamics.CRM.EntityNameAttributeMetadata',
      AttributeType: 'EntityName',
      AttributeOf: 'ownerid',
    });
    expect(attribute('quote', 'customeridname')).toMatchObject({ AttributeType: 'String', AttributeOf: 'customerid', IsValidForCreate: false });
    expect(attribute('dtclm_contract', 'dtclm_statusname')).toMatchObject({
      AttributeType: 'Virtual',
      AttributeTypeName: { Value: 'VirtualType' },
      AttributeOf: 'dtclm_status',
    });
  });
});

describe('option sets on request', () => {
  it('returns a global choice as OptionSet and GlobalOptionSet', () => {
    const t = tableDef('dtclm_contract');
    const m = attributeWithOptionSet(
      schema,
      t,
      t.attributes.find((a) => a.logicalName === 'dtclm_status')!,
    ) as Obj;
    expect(m.OptionSet).toMatchObject({ Name: 'dtclm_contractstatus', IsGlobal: true, OptionSetType: 'Picklist' });
    expect(m.OptionSet.Options[5]).toMatchObject({ Value: 718900005, Label: { UserLocalizedLabel: { Label: 'Signed' } } });
    expect(m.GlobalOptionSet).toEqual(m.OptionSet);
  });

  it('returns the statuses with their state, and the states with their default status', () => {
    const t = tableDef('quote');
    const status = attributeWithOptionSet(
      schema,
      t,
      t.attributes.find((a) => a.logicalName === 'statuscode')!,
    ) as Obj;
    expect(status.OptionSet.Options.find((o: Obj) => o.Value === 4)).toMatchObject({
      '@odata.type': '#Microsoft.Dynamics.CRM.StatusOptionMetadata',
      State: 2,
      Label: { UserLocalizedLabel: { Label: 'Won' } },
    });
    const state = attributeWithOptionSet(
      schema,
      t,
      t.attributes.find((a) => a.logicalName === 'statecode')!,
    ) as Obj;
    expect(state.OptionSet.Options.find((o: Obj) => o.Value === 1)).toMatchObject({
      '@odata.type': '#Microsoft.Dynamics.CRM.StateOptionMetadata',
      DefaultStatus: 2,
    });
    expect(state.GlobalOptionSet).toBeNull();
  });

  it('returns a two-options column as TrueOption and FalseOption', () => {
    const t = tableDef('quote');
    const m = attributeWithOptionSet(
      schema,
      t,
      t.attributes.find((a) => a.logicalName === 'willcall')!,
    ) as Obj;
    expect(m.OptionSet).toMatchObject({
      OptionSetType: 'Boolean',
      TrueOption: { Value: 1, Label: { UserLocalizedLabel: { Label: 'Will Call' } } },
      FalseOption: { Value: 0, Label: { UserLocalizedLabel: { Label: 'Address' } } },
    });
  });

  it('lists the global choices', () => {
    expect(globalOptionSetDefinitions(schema).map((o) => o.Name)).toEqual(['dtclm_contractstatus', 'dtclm_clmrole', 'dtclm_syncstate', 'dtclm_mappingstate']);
  });
});

describe('relationships and keys', () => {
  it('lists a lookup under ManyToOneRelationships of the referencing table and OneToManyRelationships of the referenced one', () => {
    const many = (entity('quotedetail').ManyToOneRelationships as Obj[]).find((r) => r.SchemaName === 'quote_details');
    expect(many).toMatchObject({
      RelationshipType: 'OneToManyRelationship',
      ReferencedEntity: 'quote',
      ReferencedAttribute: 'quoteid',
      ReferencingEntity: 'quotedetail',
      ReferencingAttribute: 'quoteid',
      ReferencedEntityNavigationPropertyName: 'quote_details',
      ReferencingEntityNavigationPropertyName: 'quoteid',
      CascadeConfiguration: { Delete: 'Cascade', Assign: 'Cascade' },
    });
    expect((entity('quote').OneToManyRelationships as Obj[]).map((r) => r.SchemaName)).toContain('quote_details');
    expect((entity('quote').ManyToOneRelationships as Obj[]).find((r) => r.SchemaName === 'quote_customer_accounts')).toMatchObject({
      ReferencingEntityNavigationPropertyName: 'customerid_account',
    });
  });

  it('lists many-to-many relationships on both sides', () => {
    for (const side of ['systemuser', 'role']) {
      expect((entity(side).ManyToManyRelationships as Obj[]).find((r) => r.SchemaName === 'systemuserroles_association')).toMatchObject({
        RelationshipType: 'ManyToManyRelationship',
        IntersectEntityName: 'systemuserroles',
        Entity1IntersectAttribute: 'systemuserid',
        Entity2IntersectAttribute: 'roleid',
        Entity1NavigationPropertyName: 'systemuserroles_association',
      });
    }
  });

  it('lists alternate keys as EntityKeyMetadata', () => {
    expect(entity('dtclm_contract').Keys).toEqual([
      expect.objectContaining({
        LogicalName: 'dtclm_key_clmcontractid',
        KeyAttributes: ['dtclm_clmcontractid'],
        EntityKeyIndexStatus: 'Active',
        EntityLogicalName: 'dtclm_contract',
      }),
      expect.objectContaining({ LogicalName: 'dtclm_key_requestkey', KeyAttributes: ['dtclm_requestkey'] }),
    ]);
    expect(entity('account').Keys).toEqual([]);
  });
});
