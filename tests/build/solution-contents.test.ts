/**
 * What the solution holds, checked against shared/spec/dataverse-model.md (names, types, keys,
 * choices, roles, web resources, ribbon) and against what Dynamics itself writes
 * (shared/reference/solutions: the system columns of a custom table and their flags).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packConnectorSolution, type PackedSolution } from './helpers/packed-solution';
import { REFERENCE_SOLUTIONS_DIR } from './helpers/paths';
import { all, at, descendants, kids, parseXml, textAt, type XNode } from './helpers/xml-tree';

let packed: PackedSolution;
beforeAll(() => {
  packed = packConnectorSolution();
});

const entities = () => all(packed.customizations, 'Entities/Entity');
const entityNamed = (schemaName: string) => {
  const found = entities().find((e) => textAt(e, 'Name') === schemaName);
  if (!found) throw new Error(`No entity ${schemaName}`);
  return found;
};
const attributesOf = (schemaName: string) => all(entityNamed(schemaName), 'EntityInfo/entity/attributes/attribute');
const attribute = (table: string, logicalName: string) => {
  const found = attributesOf(table).find((a) => textAt(a, 'LogicalName') === logicalName);
  if (!found) throw new Error(`No column ${table}.${logicalName}`);
  return found;
};

describe('solution.xml', () => {
  it('names the publisher, the solution and its version as dataverse-model.md fixes them', () => {
    const m = at(packed.solution, 'SolutionManifest');
    expect(textAt(m, 'UniqueName')).toBe('DiliTrustCLMConnector');
    expect(at(m, 'LocalizedNames/LocalizedName').attrs.description).toBe('DiliTrust CLM Connector');
    const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string };
    const [major, minor, patch] = pkg.version.split(/[.+-]/);
    expect(textAt(m, 'Version')).toBe(`${major}.${minor}.${patch}.0`);
    expect(textAt(m, 'Managed')).toBe('0');
    expect(textAt(m, 'Publisher/UniqueName')).toBe('dilitrust');
    expect(at(m, 'Publisher/LocalizedNames/LocalizedName').attrs.description).toBe('DiliTrust');
    expect(textAt(m, 'Publisher/CustomizationPrefix')).toBe('dtclm');
    expect(textAt(m, 'Publisher/CustomizationOptionValuePrefix')).toBe('71890');
  });

  it('lists a root component for every table, choice, role, view, form, web resource, the app, its site map and environment variable, each present in the package', () => {
    const roots = all(packed.solution, 'SolutionManifest/RootComponents/RootComponent');
    const c = packed.customizations;
    const entityNames = entities().map((e) => textAt(e, 'Name')!.toLowerCase());
    const optionSetNames = all(c, 'optionsets/optionset').map((o) => o.attrs.Name);
    const roleIds = all(c, 'Roles/Role').map((r) => r.attrs.id);
    const webResourceNames = all(c, 'WebResources/WebResource').map((w) => textAt(w, 'Name'));
    const viewIds = all(c, 'Entities/Entity/SavedQueries/savedqueries/savedquery').map((q) => textAt(q, 'savedqueryid'));
    const formIds = all(c, 'Entities/Entity/FormXml/forms/systemform').map((f) => textAt(f, 'formid'));
    const appNames = all(c, 'AppModules/AppModule').map((a) => textAt(a, 'UniqueName'));
    const siteMapNames = all(c, 'AppModuleSiteMaps/AppModuleSiteMap').map((a) => textAt(a, 'SiteMapUniqueName'));
    for (const root of roots) {
      const { type, schemaName, id } = root.attrs;
      const where = `root component type ${type} ${schemaName ?? id}`;
      if (type === '1') expect({ where, found: entityNames.includes(schemaName!) }).toEqual({ where, found: true });
      else if (type === '9') expect({ where, found: optionSetNames.includes(schemaName) }).toEqual({ where, found: true });
      else if (type === '20') expect({ where, found: roleIds.includes(id) }).toEqual({ where, found: true });
      else if (type === '61') expect({ where, found: webResourceNames.includes(schemaName) }).toEqual({ where, found: true });
      else if (type === '26') expect({ where, found: viewIds.includes(id) }).toEqual({ where, found: true });
      else if (type === '60') expect({ where, found: formIds.includes(id) }).toEqual({ where, found: true });
      else if (type === '62') expect({ where, found: siteMapNames.includes(schemaName) }).toEqual({ where, found: true });
      else if (type === '80') expect({ where, found: appNames.includes(schemaName) }).toEqual({ where, found: true });
      else if (type === '380') {
        expect({ where, found: packed.files.has(`environmentvariabledefinitions/${schemaName}/environmentvariabledefinition.xml`) }).toEqual({
          where,
          found: true,
        });
      } else throw new Error(`Unexpected ${where}`);
    }
    // Nothing in customizations.xml is left without its root component.
    const rootKeys = new Set(roots.map((r) => `${r.attrs.type}:${(r.attrs.schemaName ?? r.attrs.id)!.toLowerCase()}`));
    for (const name of entityNames) expect(rootKeys).toContain(`1:${name}`);
    for (const name of optionSetNames) expect(rootKeys).toContain(`9:${name}`);
    for (const id of roleIds) expect(rootKeys).toContain(`20:${id}`);
    for (const name of webResourceNames) expect(rootKeys).toContain(`61:${name!.toLowerCase()}`);
    for (const id of viewIds) expect(rootKeys).toContain(`26:${id}`);
    for (const id of formIds) expect(rootKeys).toContain(`60:${id}`);
    for (const name of appNames) expect(rootKeys).toContain(`80:${name!.toLowerCase()}`);
    for (const name of siteMapNames) expect(rootKeys).toContain(`62:${name!.toLowerCase()}`);
    expect(appNames).toEqual(['dtclm_DiliTrustCLM']);
  });

  it('holds opportunity, quote and contact without their metadata (behavior 2): the solution only adds buttons and a tab to them', () => {
    const roots = all(packed.solution, 'SolutionManifest/RootComponents/RootComponent').filter((r) => r.attrs.type === '1');
    const behaviorOf = (name: string) => roots.find((r) => r.attrs.schemaName === name)?.attrs.behavior;
    expect(behaviorOf('opportunity')).toBe('2');
    expect(behaviorOf('quote')).toBe('2');
    expect(behaviorOf('contact')).toBe('2');
    for (const t of ['dtclm_contract', 'dtclm_contractevent', 'dtclm_template', 'dtclm_userlink', 'dtclm_contactlink']) expect(behaviorOf(t)).toBe('0');
    expect(entityNamed('Opportunity').children.map((c) => c.name)).not.toContain('EntityInfo');
  });
});

describe('the connector tables', () => {
  // Names, types, sizes, keys and entity sets against the spec itself: solution-spec-names.test.ts.
  it('makes dtclm_name the primary name of every table', () => {
    for (const t of packed.input.schema.tables) expect(textAt(attribute(t.schemaName, 'dtclm_name'), 'DisplayMask')).toMatch(/^PrimaryName\|/);
  });

  it('keeps the signed PDF in a file column of up to 128 MB, and a URL column for the CLM link', () => {
    // The size in KB goes in <MaxValue>, as an export writes it (MaxSizeInKB is the Web API's name).
    expect(textAt(attribute('dtclm_Contract', 'dtclm_signeddocument'), 'MaxValue')).toBe(String(128 * 1024));
    expect(textAt(attribute('dtclm_Contract', 'dtclm_signeddocument'), 'MaxSizeInKB')).toBeUndefined();
    expect(textAt(attribute('dtclm_Contract', 'dtclm_clmurl'), 'Format')).toBe('url');
  });

  describe('system columns, compared with a real export of a custom table (reference tactec, cr97b_Project)', () => {
    const reference = parseXml(readFileSync(join(REFERENCE_SOLUTIONS_DIR, 'tactec', 'customizations.xml')));
    const refProject = all(reference, 'Entities/Entity').find((e) => textAt(e, 'Name') === 'cr97b_Project')!;
    const refSystem = all(refProject, 'EntityInfo/entity/attributes/attribute').filter(
      (a) => textAt(a, 'IsCustomField') === '0' && textAt(a, 'Type') !== 'primarykey',
    );
    const ownerColumns = ['OwnerId', 'OwningBusinessUnit', 'OwningTeam', 'OwningUser'];
    const systemOf = (table: string) =>
      attributesOf(table)
        .filter((a) => textAt(a, 'IsCustomField') === '0' && textAt(a, 'Type') !== 'primarykey')
        .map((a) => a.attrs.PhysicalName);

    it('gives the user-owned tables exactly the system columns Dynamics exports for one', () => {
      const expected = refSystem.map((a) => a.attrs.PhysicalName).sort();
      for (const t of ['dtclm_Contract', 'dtclm_ContractEvent']) expect([...systemOf(t)].sort()).toEqual(expected);
    });

    it('gives the organization-owned tables the same, with OrganizationId in place of the owner columns', () => {
      const expected = [...refSystem.map((a) => a.attrs.PhysicalName).filter((n) => !ownerColumns.includes(n!)), 'OrganizationId'].sort();
      for (const t of ['dtclm_Template', 'dtclm_UserLink']) expect([...systemOf(t)].sort()).toEqual(expected);
    });

    it('writes each system column with the flags of the export', () => {
      const compared = [
        'Type',
        'Name',
        'RequiredLevel',
        'DisplayMask',
        'ImeMode',
        'ValidForUpdateApi',
        'ValidForReadApi',
        'ValidForCreateApi',
        'IsCustomField',
        'IsAuditEnabled',
        'Format',
        'MinValue',
        'MaxValue',
        'Behavior',
        'CanChangeDateTimeBehavior',
        'IsLogical',
        'LookupStyle',
      ];
      const flags = (a: XNode) => Object.fromEntries(compared.map((f) => [f, textAt(a, f)]));
      // The shape of a state or status choice: its elements in order, and the values with their state.
      const optionSetShape = (a: XNode) =>
        all(a, 'optionset').map((o) => ({
          elements: o.children.map((c) => c.name),
          values: descendants(o, 'state')
            .concat(descendants(o, 'status'))
            .map((v) => v.attrs),
        }));
      for (const ref of refSystem) {
        const ours = attributesOf('dtclm_Contract').find((a) => a.attrs.PhysicalName === ref.attrs.PhysicalName)!;
        expect({ column: ref.attrs.PhysicalName, ...flags(ours) }).toEqual({ column: ref.attrs.PhysicalName, ...flags(ref) });
        expect({ column: ref.attrs.PhysicalName, optionSets: optionSetShape(ours) }).toEqual({
          column: ref.attrs.PhysicalName,
          optionSets: optionSetShape(ref),
        });
      }
    });

    it('writes the primary key like the export does', () => {
      const refKey = all(refProject, 'EntityInfo/entity/attributes/attribute').find((a) => textAt(a, 'Type') === 'primarykey')!;
      const ours = attribute('dtclm_Contract', 'dtclm_contractid');
      for (const f of [
        'Type',
        'RequiredLevel',
        'DisplayMask',
        'ValidForReadApi',
        'ValidForCreateApi',
        'ValidForUpdateApi',
        'IsCustomField',
        'CanModifyRequirementLevelSettings',
      ]) {
        expect({ f, v: textAt(ours, f) }).toEqual({ f, v: textAt(refKey, f) });
      }
      expect(ours.attrs.PhysicalName).toBe('dtclm_ContractId');
    });
  });
});

describe('relationships', () => {
  const relationships = () => all(packed.customizations, 'EntityRelationships/EntityRelationship');
  const relationshipOf = (referencing: string, attributeName: string) => {
    const found = relationships().find((r) => textAt(r, 'ReferencingEntityName') === referencing && textAt(r, 'ReferencingAttributeName') === attributeName);
    if (!found) throw new Error(`No relationship for ${referencing}.${attributeName}`);
    return found;
  };

  it('backs every lookup of the spec with a one-to-many relationship to the right table', () => {
    const lookups: Array<[string, string, string]> = [
      ['dtclm_Contract', 'dtclm_OpportunityId', 'Opportunity'],
      ['dtclm_Contract', 'dtclm_QuoteId', 'Quote'],
      ['dtclm_Contract', 'dtclm_TemplateId', 'dtclm_Template'],
      ['dtclm_ContractEvent', 'dtclm_ContractId', 'dtclm_Contract'],
      ['dtclm_UserLink', 'dtclm_SystemUserId', 'SystemUser'],
    ];
    for (const [table, column, target] of lookups) {
      const r = relationshipOf(table, column);
      expect({ column, type: textAt(r, 'EntityRelationshipType'), target: textAt(r, 'ReferencedEntityName') }).toEqual({ column, type: 'OneToMany', target });
    }
  });

  it('makes contract -> events parental: deleting, assigning or sharing a contract takes its events along', () => {
    const r = relationshipOf('dtclm_ContractEvent', 'dtclm_ContractId');
    for (const c of ['CascadeDelete', 'CascadeAssign', 'CascadeShare', 'CascadeUnshare', 'CascadeReparent'])
      expect({ c, v: textAt(r, c) }).toEqual({ c, v: 'Cascade' });
  });

  it('keeps a contract when its opportunity or quote is deleted (the link is removed)', () => {
    expect(textAt(relationshipOf('dtclm_Contract', 'dtclm_OpportunityId'), 'CascadeDelete')).toBe('RemoveLink');
    expect(textAt(relationshipOf('dtclm_Contract', 'dtclm_QuoteId'), 'CascadeDelete')).toBe('RemoveLink');
  });

  // Dataverse refuses a second cascading parent on one related table ("Create and edit 1:N relationships").
  it('lets a contract follow its opportunity (assign, share, unshare, reparent cascade) and keeps the quote lookup referential', () => {
    const opportunity = relationshipOf('dtclm_Contract', 'dtclm_OpportunityId');
    const quote = relationshipOf('dtclm_Contract', 'dtclm_QuoteId');
    for (const c of ['CascadeAssign', 'CascadeShare', 'CascadeUnshare', 'CascadeReparent']) {
      expect({ c, v: textAt(opportunity, c) }).toEqual({ c, v: 'Cascade' });
      expect({ c, v: textAt(quote, c) }).toEqual({ c, v: 'NoCascade' });
    }
  });
});

describe('global choices', () => {
  const optionsOf = (name: string) => {
    const set = all(packed.customizations, 'optionsets/optionset').find((o) => o.attrs.Name === name);
    if (!set) throw new Error(`No choice ${name}`);
    expect(textAt(set, 'IsGlobal')).toBe('1');
    return all(set, 'options/option').map((o) => [Number(o.attrs.value), at(o, 'labels/label').attrs.description]);
  };

  it('writes dtclm_contractstatus with the values and labels of the spec', () => {
    expect(optionsOf('dtclm_contractstatus')).toEqual([
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
    ]);
  });

  it('writes dtclm_clmrole with the values and labels of the spec', () => {
    expect(optionsOf('dtclm_clmrole')).toEqual([
      [718900000, 'Administrator'],
      [718900001, 'Editor'],
      [718900002, 'Contributor'],
      [718900003, 'Validator'],
      [718900004, 'Reader'],
    ]);
  });
});

describe('security roles', () => {
  const privileges = (name: string) => {
    const role = all(packed.customizations, 'Roles/Role').find((r) => r.attrs.name === name);
    if (!role) throw new Error(`No role ${name}`);
    return new Map(all(role, 'RolePrivileges/RolePrivilege').map((p) => [p.attrs.name!, p.attrs.level!]));
  };

  it('writes the five roles of the spec with fixed ids', () => {
    const roles = all(packed.customizations, 'Roles/Role');
    expect(roles.map((r) => r.attrs.name).sort()).toEqual([
      'Dilitrust CLM Admin',
      'Dilitrust CLM Connector',
      'Dilitrust CLM ReadOnly',
      'Dilitrust CLM Send to Sign',
      'Dilitrust CLM User',
    ]);
    for (const r of roles) expect(r.attrs.id).toMatch(/^\{[0-9a-f-]{36}\}$/);
  });

  it('names privileges the way Dataverse does (prv<Action><table schema name>)', () => {
    for (const name of ['Dilitrust CLM User', 'Dilitrust CLM Send to Sign', 'Dilitrust CLM ReadOnly', 'Dilitrust CLM Admin']) {
      for (const p of privileges(name).keys()) expect(p).toMatch(/^prv(Create|Read|Write|Delete|Append|AppendTo|Assign|Share)(dtclm_[A-Z]\w+|[A-Z]\w+)$/);
    }
  });

  // Who writes what (dataverse-model.md): people's roles read contracts and events; the connector writes them.
  it('lets a user read their own contracts and events and read templates, and never create, write or delete a contract or event', () => {
    const user = privileges('Dilitrust CLM User');
    for (const p of ['prvReaddtclm_Contract', 'prvAppenddtclm_Contract', 'prvAppendTodtclm_Contract', 'prvReaddtclm_ContractEvent']) {
      expect({ p, level: user.get(p) }).toEqual({ p, level: 'Basic' });
    }
    // Assign and Share stay: an opportunity's assign or share cascades to its contracts only with them.
    for (const p of ['prvAssigndtclm_Contract', 'prvSharedtclm_Contract', 'prvAssigndtclm_ContractEvent', 'prvSharedtclm_ContractEvent'])
      expect({ p, level: user.get(p) }).toEqual({ p, level: 'Basic' });
    expect(user.get('prvReaddtclm_Template')).toBeDefined();
    for (const action of ['Create', 'Write', 'Delete'])
      for (const t of ['dtclm_Contract', 'dtclm_ContractEvent'])
        expect({ p: `prv${action}${t}`, held: user.has(`prv${action}${t}`) }).toEqual({ p: `prv${action}${t}`, held: false });
  });

  it('gives Send to Sign everything User has, and business-unit read of contracts and events, but no write', () => {
    const user = privileges('Dilitrust CLM User');
    const send = privileges('Dilitrust CLM Send to Sign');
    const local = ['prvReaddtclm_Contract', 'prvAppendTodtclm_Contract', 'prvReaddtclm_ContractEvent', 'prvAppendTodtclm_ContractEvent'];
    for (const [p, level] of user) expect({ p, level: send.get(p) }).toEqual({ p, level: local.includes(p) ? 'Local' : level });
    for (const p of send.keys()) expect(p).not.toMatch(/^prv(Create|Write|Delete)dtclm_Contract/);
  });

  it('lets ReadOnly read templates, contracts and events and change nothing', () => {
    const ro = privileges('Dilitrust CLM ReadOnly');
    for (const p of ['prvReaddtclm_Template', 'prvReaddtclm_Contract', 'prvReaddtclm_ContractEvent']) expect(ro.has(p)).toBe(true);
    for (const p of ro.keys()) expect(p).toMatch(/^prvRead/);
  });

  it('gives Admin every privilege on the connector tables and its environment variables, organization-wide', () => {
    const admin = privileges('Dilitrust CLM Admin');
    for (const table of [
      'dtclm_Contract',
      'dtclm_ContractEvent',
      'dtclm_Template',
      'dtclm_UserLink',
      'EnvironmentVariableDefinition',
      'EnvironmentVariableValue',
    ]) {
      for (const action of ['Create', 'Read', 'Write', 'Delete', 'Append', 'AppendTo']) {
        expect({ p: `prv${action}${table}`, level: admin.get(`prv${action}${table}`) }).toEqual({ p: `prv${action}${table}`, level: 'Global' });
      }
    }
  });
});

describe('web resources', () => {
  const webResources = () => all(packed.customizations, 'WebResources/WebResource');

  it('ships the web resources the spec names, each with its file in the package at FileName', () => {
    const names = webResources().map((w) => textAt(w, 'Name'));
    for (const n of ['dtclm_/js/ribbon.js', 'dtclm_/html/requestcontract.html', 'dtclm_/html/contractstatus.html', 'dtclm_/html/admin.html'])
      expect(names).toContain(n);
    for (const w of webResources()) {
      const fileName = textAt(w, 'FileName')!;
      expect(fileName).toBe(`/WebResources/${textAt(w, 'Name')}`);
      expect(packed.files.has(fileName.slice(1))).toBe(true);
    }
  });

  it('gives each web resource the type code of its file (1 HTML, 3 script, 11 SVG) and its own id', () => {
    const typeOf: Record<string, string> = { html: '1', js: '3', svg: '11' };
    for (const w of webResources()) {
      const name = textAt(w, 'Name')!;
      expect({ name, type: textAt(w, 'WebResourceType') }).toEqual({ name, type: typeOf[name.split('.').pop()!] });
    }
    const ids = webResources().map((w) => textAt(w, 'WebResourceId'));
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('ribbon of opportunity and quote', () => {
  const RIBBON_LIBRARY = '$webresource:dtclm_/js/ribbon.js';

  function buttonsOf(entitySchemaName: string) {
    const diff = at(entityNamed(entitySchemaName), 'RibbonDiffXml');
    const labels = new Map(all(diff, 'LocLabels/LocLabel').map((l) => [l.attrs.Id, at(l, 'Titles/Title').attrs.description]));
    const commands = new Map(all(diff, 'CommandDefinitions/CommandDefinition').map((c) => [c.attrs.Id, c]));
    const rules = new Map(all(diff, 'RuleDefinitions/EnableRules/EnableRule').map((r) => [r.attrs.Id, r]));
    return all(diff, 'CustomActions/CustomAction').map((action) => {
      const button = at(action, 'CommandUIDefinition/Button');
      const command = commands.get(button.attrs.Command)!;
      const ruleIds = all(command, 'EnableRules/EnableRule').map((r) => r.attrs.Id!);
      return {
        location: action.attrs.Location,
        label: labels.get(button.attrs.LabelText!.replace('$LocLabels:', '')),
        action: at(command, 'Actions/JavaScriptFunction'),
        ruleIds,
        rules: ruleIds.map((id) => rules.get(id)),
      };
    });
  }

  it.each([
    ['Opportunity', 'opportunity'],
    ['Quote', 'quote'],
  ])('adds Request Contract, Contract Status and Send to Sign to the %s main form', (schemaName, logicalName) => {
    const buttons = buttonsOf(schemaName);
    expect(buttons.map((b) => b.label)).toEqual(['Request Contract', 'Contract Status', 'Send to Sign']);
    for (const b of buttons) expect(b.location).toMatch(new RegExp(`^Mscrm\\.Form\\.${logicalName}\\.`));
  });

  it.each(['Opportunity', 'Quote'])('calls DiliTrustCLM.Ribbon functions of dtclm_/js/ribbon.js with the form (PrimaryControl) on %s', (schemaName) => {
    const buttons = buttonsOf(schemaName);
    expect(buttons.map((b) => b.action.attrs.FunctionName)).toEqual([
      'DiliTrustCLM.Ribbon.requestContract',
      'DiliTrustCLM.Ribbon.openContractStatus',
      'DiliTrustCLM.Ribbon.sendToSign',
    ]);
    for (const b of buttons) {
      expect(b.action.attrs.Library).toBe(RIBBON_LIBRARY);
      expect(kids(b.action, 'CrmParameter').map((p) => p.attrs.Value)).toEqual(['PrimaryControl']);
    }
  });

  it.each(['Opportunity', 'Quote'])('enables each %s button by a CustomRule of the ribbon library, Send to Sign by its own', (schemaName) => {
    const buttons = buttonsOf(schemaName);
    for (const b of buttons) {
      expect(b.rules).toHaveLength(1);
      const custom = kids(b.rules[0]!, 'CustomRule');
      expect(custom).toHaveLength(1);
      expect(custom[0]!.attrs.Library).toBe(RIBBON_LIBRARY);
      expect(kids(custom[0]!, 'CrmParameter').map((p) => p.attrs.Value)).toEqual(['PrimaryControl']);
    }
    const [request, status, send] = buttons;
    expect(kids(send!.rules[0]!, 'CustomRule')[0]!.attrs.FunctionName).toBe('DiliTrustCLM.Ribbon.isSendToSignEnabled');
    expect(request!.ruleIds).not.toContain(send!.ruleIds[0]);
    expect(status!.ruleIds).not.toContain(send!.ruleIds[0]);
  });

  it('refers only to web resources the solution ships', () => {
    const shipped = new Set(all(packed.customizations, 'WebResources/WebResource').map((w) => textAt(w, 'Name')));
    const referenced = new Set<string>();
    const visit = (n: XNode) => {
      for (const v of Object.values(n.attrs)) if (v.startsWith('$webresource:')) referenced.add(v.slice('$webresource:'.length));
      n.children.forEach(visit);
    };
    visit(packed.customizations);
    expect(referenced.size).toBeGreaterThan(1);
    for (const r of referenced) expect(shipped).toContain(r);
  });

  it('resolves every $LocLabels reference of a table to a label of the same table', () => {
    for (const schemaName of ['Opportunity', 'Quote']) {
      const diff = at(entityNamed(schemaName), 'RibbonDiffXml');
      const defined = new Set(all(diff, 'LocLabels/LocLabel').map((l) => l.attrs.Id));
      for (const b of descendants(diff, 'Button')) {
        for (const v of Object.values(b.attrs).filter((x) => x.startsWith('$LocLabels:'))) expect(defined).toContain(v.slice('$LocLabels:'.length));
      }
    }
  });
});
