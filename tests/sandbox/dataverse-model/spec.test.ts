/**
 * The connector's schema holds what shared/spec/dataverse-model.md says, name for name. The
 * expectations below are copied from the spec's tables by hand, not derived from the model.
 */
import {
  CONNECTOR_ROLE_NAMES,
  PUBLISHER,
  SOLUTION,
  connectorRoles,
  connectorSchema,
  environmentVariables,
  solutionVersion,
  textIn,
} from '../../../solution/model';
import type { AttributeDef, OptionSetDef, TableDef } from '../../../solution/model/types';
import { ROLE_NAMES } from '../../../sandbox/seed/identities';

type Col =
  | ['text', number]
  | ['multiline', number]
  | ['choice', string]
  | ['whole number']
  | ['date and time']
  | ['date only']
  | ['lookup', string]
  | ['yes/no']
  | ['file', number];

interface SpecTable {
  displayName: string;
  entitySet: string;
  ownership: 'UserOwned' | 'OrganizationOwned';
  columns: Record<string, Col>;
  keys: Record<string, string[]>;
}

const SPEC: Record<string, SpecTable> = {
  dtclm_contract: {
    displayName: 'Contract (CLM)',
    entitySet: 'dtclm_contracts',
    ownership: 'UserOwned',
    columns: {
      dtclm_name: ['text', 200],
      dtclm_clmcontractid: ['text', 64],
      dtclm_requestkey: ['text', 128],
      dtclm_status: ['choice', 'dtclm_contractstatus'],
      dtclm_sequence: ['whole number'],
      dtclm_statuschangedon: ['date and time'],
      dtclm_opportunityid: ['lookup', 'opportunity'],
      dtclm_quoteid: ['lookup', 'quote'],
      dtclm_templateid: ['lookup', 'dtclm_template'],
      dtclm_clmurl: ['text', 500],
      dtclm_validationflow: ['text', 200],
      dtclm_reason: ['multiline', 2000],
      dtclm_lasterror: ['multiline', 4000],
      dtclm_signeddocument: ['file', 128 * 1024],
      dtclm_enddate: ['date only'],
      dtclm_renewaltaskon: ['date and time'],
    },
    keys: { dtclm_key_clmcontractid: ['dtclm_clmcontractid'], dtclm_key_requestkey: ['dtclm_requestkey'] },
  },
  dtclm_contractevent: {
    displayName: 'Contract event',
    entitySet: 'dtclm_contractevents',
    ownership: 'UserOwned',
    columns: {
      dtclm_name: ['text', 200],
      dtclm_eventid: ['text', 100],
      dtclm_contractid: ['lookup', 'dtclm_contract'],
      dtclm_status: ['choice', 'dtclm_contractstatus'],
      dtclm_sequence: ['whole number'],
      dtclm_occurredon: ['date and time'],
      dtclm_applied: ['yes/no'],
      dtclm_payload: ['multiline', 10000],
    },
    keys: { dtclm_key_eventid: ['dtclm_eventid'] },
  },
  dtclm_template: {
    displayName: 'Contract template',
    entitySet: 'dtclm_templates',
    ownership: 'OrganizationOwned',
    columns: {
      dtclm_name: ['text', 200],
      dtclm_clmtemplateid: ['text', 64],
      dtclm_clmversion: ['whole number'],
      dtclm_fields: ['multiline', 1048576],
      dtclm_mapping: ['multiline', 1048576],
      dtclm_triggerentity: ['text', 100],
      dtclm_lastsyncedon: ['date and time'],
      dtclm_mappingstate: ['choice', 'dtclm_mappingstate'],
      dtclm_mappingerrors: ['multiline', 4000],
    },
    keys: { dtclm_key_clmtemplateid: ['dtclm_clmtemplateid'] },
  },
  dtclm_userlink: {
    displayName: 'CLM user link',
    entitySet: 'dtclm_userlinks',
    ownership: 'OrganizationOwned',
    columns: {
      dtclm_name: ['text', 200],
      dtclm_systemuserid: ['lookup', 'systemuser'],
      dtclm_scimid: ['text', 100],
      dtclm_clmrole: ['choice', 'dtclm_clmrole'],
      dtclm_active: ['yes/no'],
      dtclm_lastsyncedon: ['date and time'],
      dtclm_syncstate: ['choice', 'dtclm_syncstate'],
      dtclm_lasterror: ['multiline', 4000],
    },
    keys: { dtclm_key_systemuser: ['dtclm_systemuserid'] },
  },
  dtclm_contactlink: {
    displayName: 'CLM contact link',
    entitySet: 'dtclm_contactlinks',
    ownership: 'OrganizationOwned',
    columns: {
      dtclm_name: ['text', 200],
      dtclm_contactid: ['lookup', 'contact'],
      dtclm_clmcontactid: ['text', 64],
      dtclm_clmversion: ['whole number'],
      dtclm_syncedhash: ['text', 100],
      dtclm_syncedvalues: ['multiline', 4000],
      dtclm_lastsyncedon: ['date and time'],
      dtclm_syncstate: ['choice', 'dtclm_syncstate'],
      dtclm_lasterror: ['multiline', 4000],
    },
    keys: { dtclm_key_contact: ['dtclm_contactid'], dtclm_key_clmcontactid: ['dtclm_clmcontactid'] },
  },
};

const CHOICES: Record<string, [number, string][]> = {
  dtclm_contractstatus: [
    [718900000, 'Draft'],
    [718900001, 'In validation'],
    [718900002, 'Validated'],
    [718900003, 'Rejected'],
    [718900004, 'Sent for signature'],
    [718900005, 'Signed'],
    [718900006, 'Declined'],
    [718900007, 'Expired'],
    [718900008, 'Cancelled'],
    [718900009, 'Failed'],
  ],
  dtclm_clmrole: [
    [718900000, 'Administrator'],
    [718900001, 'Editor'],
    [718900002, 'Contributor'],
    [718900003, 'Validator'],
    [718900004, 'Reader'],
  ],
  dtclm_syncstate: [
    [718900000, 'In sync'],
    [718900001, 'Pending'],
    [718900002, 'Error'],
    [718900003, 'Conflict'],
  ],
  dtclm_mappingstate: [
    [718900000, 'Fits'],
    [718900001, 'Broken'],
    [718900002, 'No mapping'],
  ],
};

/** dataverse-model.md, Environment variables; plus scim-profile.md and contact-sync.md. */
const ENV_VARS: [string, string, number][] = [
  ['dtclm_account_rootfolder', 'Dilitrust_account_rootfolder', 100000000],
  ['dtclm_token_rt', 'Dilitrust_token_rt', 100000000],
  ['dtclm_token_at', 'Dilitrust_token_at', 100000000],
  ['dtclm_clm_url', 'Dilitrust_CLM URL', 100000000],
  ['dtclm_api_url', 'Dilitrust_API URL', 100000000],
  ['dtclm_connector_url', 'Dilitrust_Connector URL', 100000000],
  ['dtclm_connector_appid', 'Dilitrust_Connector App ID', 100000000],
  ['dtclm_requestcontract_visible', 'Dilitrust_RequestContract_Visible', 100000003],
];

function table(name: string): TableDef {
  const t = connectorSchema.tables.find((x) => x.logicalName === name);
  if (!t) throw new Error(`missing table ${name}`);
  return t;
}

function column(t: TableDef, name: string): AttributeDef {
  const a = t.attributes.find((x) => x.logicalName === name);
  if (!a) throw new Error(`missing column ${t.logicalName}.${name}`);
  return a;
}

function optionSetName(a: AttributeDef): string | undefined {
  return typeof a.optionSet === 'string' ? a.optionSet : a.optionSet?.name;
}

describe('publisher and solution (dataverse-model.md)', () => {
  it('uses the fixed names and prefixes', () => {
    // The spec names the English (1033) labels; the French twins are held by tests/build/solution-languages.
    expect(PUBLISHER).toMatchObject({ uniqueName: 'dilitrust', customizationPrefix: 'dtclm', customizationOptionValuePrefix: 71890 });
    expect(PUBLISHER.displayName[1033]).toBe('DiliTrust');
    expect(SOLUTION.uniqueName).toBe('DiliTrustCLMConnector');
    expect(SOLUTION.displayName[1033]).toBe('DiliTrust CLM Connector');
  });

  it('turns the package version into four parts', () => {
    expect(solutionVersion('2.0.0')).toBe('2.0.0.0');
    expect(solutionVersion('0.1.0')).toBe('0.1.0.0');
  });
});

describe.each(Object.entries(SPEC))('table %s', (name, spec) => {
  const t = table(name);

  it('has the entity set, ownership and display name of the spec', () => {
    expect(t.entitySetName).toBe(spec.entitySet);
    expect(t.ownershipType).toBe(spec.ownership);
    expect(t.displayName[1033]).toBe(spec.displayName);
    expect(t.isCustomEntity).toBe(true);
    expect(t.primaryIdAttribute).toBe(`${name}id`);
    expect(t.primaryNameAttribute).toBe('dtclm_name');
  });

  it.each(Object.entries(spec.columns))('has column %s with the spec type', (col, [kind, detail]) => {
    const a = column(t, col);
    expect(a.isSystem).not.toBe(true);
    switch (kind) {
      case 'text':
        expect(a.type).toBe('String');
        expect(a.maxLength).toBe(detail);
        break;
      case 'multiline':
        expect(a.type).toBe('Memo');
        expect(a.maxLength).toBe(detail);
        break;
      case 'choice':
        expect(a.type).toBe('Picklist');
        expect(optionSetName(a)).toBe(detail);
        break;
      case 'whole number':
        expect(a.type).toBe('Integer');
        break;
      case 'date and time':
        expect(a.type).toBe('DateTime');
        expect(a.dateTimeBehavior).toBe('UserLocal');
        break;
      case 'date only':
        expect(a.type).toBe('DateTime');
        expect(a.dateTimeBehavior).toBe('DateOnly');
        break;
      case 'lookup':
        expect(a.type).toBe('Lookup');
        expect(a.targets).toEqual([detail]);
        break;
      case 'yes/no':
        expect(a.type).toBe('Boolean');
        break;
      case 'file':
        expect(a.type).toBe('File');
        expect(a.maxSizeInKB).toBe(detail);
        break;
    }
  });

  it('has the alternate keys of the spec', () => {
    const keys = Object.fromEntries((t.alternateKeys ?? []).map((k) => [k.logicalName, k.attributes]));
    expect(keys).toEqual(spec.keys);
  });

  it('carries the system columns of its ownership', () => {
    const names = t.attributes.map((a) => a.logicalName);
    for (const sys of [
      'createdon',
      'createdby',
      'modifiedon',
      'modifiedby',
      'statecode',
      'statuscode',
      'versionnumber',
      'importsequencenumber',
      'overriddencreatedon',
      'timezoneruleversionnumber',
      'utcconversiontimezonecode',
    ]) {
      expect(names).toContain(sys);
      expect(column(t, sys).isSystem).toBe(true);
    }
    const ownerColumns = ['ownerid', 'owninguser', 'owningteam', 'owningbusinessunit'];
    if (spec.ownership === 'UserOwned') {
      ownerColumns.forEach((c) => expect(names).toContain(c));
      expect(names).not.toContain('organizationid');
    } else {
      ownerColumns.forEach((c) => expect(names).not.toContain(c));
      expect(names).toContain('organizationid');
    }
    const status = column(t, 'statuscode').optionSet;
    expect(typeof status === 'object' && status.options.map((o) => [o.value, textIn(o.label), o.state])).toEqual([
      [1, 'Active', 0],
      [2, 'Inactive', 1],
    ]);
  });
});

describe('the spec says nothing more than it says', () => {
  it('has exactly the five connector tables', () => {
    expect(connectorSchema.tables.map((t) => t.logicalName).sort()).toEqual(Object.keys(SPEC).sort());
  });

  it('declares no custom column the spec does not list (besides Dataverse-made ones)', () => {
    for (const [name, spec] of Object.entries(SPEC)) {
      const custom = table(name)
        .attributes.filter((a) => !a.isSystem)
        .map((a) => a.logicalName)
        .sort();
      expect(custom).toEqual(Object.keys(spec.columns).sort());
    }
  });
});

describe('choices', () => {
  it.each(Object.entries(CHOICES))('%s is global with the spec values and labels', (name, options) => {
    const os: OptionSetDef | undefined = connectorSchema.optionSets.find((o) => o.name === name);
    expect(os?.isGlobal).toBe(true);
    expect(os?.options.map((o) => [o.value, textIn(o.label)])).toEqual(options);
  });
});

describe('relationships', () => {
  it('makes contract events children of their contract (deleting the contract deletes them)', () => {
    const rel = connectorSchema.relationships.find((r) => r.referencingEntity === 'dtclm_contractevent' && r.referencingAttribute === 'dtclm_contractid');
    expect(rel).toMatchObject({ referencedEntity: 'dtclm_contract', cascadeDelete: 'Cascade', cascadeAssign: 'Cascade' });
  });

  it('lets a contract follow its opportunity and only that: the quote lookup is referential (one cascading parent per table)', () => {
    const opportunity = connectorSchema.relationships.find((r) => r.schemaName === 'dtclm_opportunity_dtclm_contract')!;
    const quote = connectorSchema.relationships.find((r) => r.schemaName === 'dtclm_quote_dtclm_contract')!;
    expect(opportunity).toMatchObject({
      cascadeAssign: 'Cascade',
      cascadeShare: 'Cascade',
      cascadeUnshare: 'Cascade',
      cascadeReparent: 'Cascade',
      cascadeDelete: 'RemoveLink',
    });
    expect(quote.cascadeDelete).toBe('RemoveLink');
    for (const c of ['cascadeAssign', 'cascadeShare', 'cascadeUnshare', 'cascadeReparent'] as const) expect(quote[c] ?? 'NoCascade').toBe('NoCascade');
  });

  it('names the opportunity lookup as the brief does', () => {
    const rel = connectorSchema.relationships.find((r) => r.schemaName === 'dtclm_opportunity_dtclm_contract');
    expect(rel).toMatchObject({
      referencedEntity: 'opportunity',
      referencingEntity: 'dtclm_contract',
      referencingAttribute: 'dtclm_opportunityid',
      referencingEntityNavigationPropertyName: 'dtclm_opportunityid',
      referencedEntityNavigationPropertyName: 'dtclm_opportunity_dtclm_contract',
    });
  });
});

describe('environment variables', () => {
  it.each(ENV_VARS)('%s is "%s" of type %d', (schemaName, displayName, type) => {
    const v = environmentVariables.find((e) => e.schemaName === schemaName);
    expect(v).toMatchObject({ typeCode: type });
    expect(v?.displayName[1033]).toBe(displayName);
  });

  it('has the JSON settings of scim-profile.md and contact-sync.md', () => {
    for (const name of ['dtclm_scim_settings', 'dtclm_contactsync_settings']) {
      const v = environmentVariables.find((e) => e.schemaName === name);
      expect(v?.typeCode).toBe(100000003);
      expect(() => JSON.parse(v?.defaultValue ?? '')).not.toThrow();
    }
    expect(JSON.parse(environmentVariables.find((e) => e.schemaName === 'dtclm_scim_settings')!.defaultValue!)).toEqual({ roleMap: {}, groupPrefix: 'CLM-' });
  });

  it('defaults the Request Contract button to both forms', () => {
    const v = environmentVariables.find((e) => e.schemaName === 'dtclm_requestcontract_visible');
    expect(JSON.parse(v!.defaultValue!)).toEqual({ opportunity: true, quote: true });
  });

  it('gives every definition a distinct fixed id', () => {
    const ids = environmentVariables.map((v) => v.definitionId);
    expect(new Set(ids).size).toBe(ids.length);
    ids.forEach((id) => expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/));
  });
});

describe('security roles', () => {
  it('are the five of the spec, named as the sandbox names them', () => {
    expect(connectorRoles.map((r) => r.name)).toEqual([
      'Dilitrust CLM User',
      'Dilitrust CLM Send to Sign',
      'Dilitrust CLM ReadOnly',
      'Dilitrust CLM Admin',
      'Dilitrust CLM Connector',
    ]);
    expect(CONNECTOR_ROLE_NAMES).toEqual({ user: ROLE_NAMES.user, sendToSign: ROLE_NAMES.sendToSign, readOnly: ROLE_NAMES.readOnly, admin: ROLE_NAMES.admin });
  });

  // Who writes what (dataverse-model.md): people's roles read contracts and events; the connector writes them.
  it('let a User read (and append to) only their own contracts and events, never create, write or delete them, and read every template', () => {
    const user = connectorRoles.find((r) => r.name === ROLE_NAMES.user)!;
    for (const t of ['dtclm_contract', 'dtclm_contractevent']) {
      expect(user.privileges[t]).toMatchObject({ read: 'Basic', append: 'Basic', appendTo: 'Basic' });
      // So that sharing or assigning the opportunity cascades to the user's own contracts and events
      // (GrantAccessRequest / AssignRequest: a cascade needs the caller's privilege on the child table).
      expect(user.privileges[t]).toMatchObject({ share: 'Basic', assign: 'Basic' });
      for (const write of ['create', 'write', 'delete'] as const)
        expect({ t, write, depth: user.privileges[t][write] }).toEqual({ t, write, depth: undefined });
    }
    expect(user.privileges.dtclm_template).toEqual({ read: 'Global' });
  });

  it('give Send to Sign what User has, with business-unit read of contracts and events, and still no create, write or delete', () => {
    const user = connectorRoles.find((r) => r.name === ROLE_NAMES.user)!;
    const sign = connectorRoles.find((r) => r.name === ROLE_NAMES.sendToSign)!;
    expect(sign.privileges.dtclm_contract).toEqual({ ...user.privileges.dtclm_contract, read: 'Local', appendTo: 'Local' });
    expect(sign.privileges.dtclm_contractevent).toEqual({ ...user.privileges.dtclm_contractevent, read: 'Local', appendTo: 'Local' });
    for (const t of ['dtclm_contract', 'dtclm_contractevent'])
      for (const write of ['create', 'write', 'delete'] as const) expect(sign.privileges[t][write]).toBeUndefined();
    const rest = (p: typeof user.privileges) => Object.fromEntries(Object.entries(p).filter(([t]) => !t.startsWith('dtclm_contract')));
    expect(rest(sign.privileges)).toEqual(rest(user.privileges));
  });

  it('let ReadOnly only read templates, contracts and events', () => {
    const ro = connectorRoles.find((r) => r.name === ROLE_NAMES.readOnly)!;
    for (const t of ['dtclm_contract', 'dtclm_contractevent', 'dtclm_template']) expect(ro.privileges[t]).toEqual({ read: 'Global' });
    for (const grants of Object.values(ro.privileges)) expect(Object.keys(grants)).toEqual(['read']);
  });

  it('give Admin everything on the connector tables and environment variables (no Assign or Share where a table has no owner)', () => {
    const admin = connectorRoles.find((r) => r.name === ROLE_NAMES.admin)!;
    const organizationOwned = { create: 'Global', read: 'Global', write: 'Global', delete: 'Global', append: 'Global', appendTo: 'Global' };
    for (const t of ['dtclm_template', 'dtclm_userlink', 'dtclm_contactlink']) expect(admin.privileges[t]).toEqual(organizationOwned);
    const all = {
      create: 'Global',
      read: 'Global',
      write: 'Global',
      delete: 'Global',
      append: 'Global',
      appendTo: 'Global',
      assign: 'Global',
      share: 'Global',
    };
    for (const t of ['dtclm_contract', 'dtclm_contractevent', 'environmentvariabledefinition', 'environmentvariablevalue']) {
      expect(admin.privileges[t]).toEqual(all);
    }
  });

  it('have fixed, distinct ids', () => {
    const ids = connectorRoles.map((r) => r.roleId);
    expect(new Set(ids).size).toBe(5);
  });
});
