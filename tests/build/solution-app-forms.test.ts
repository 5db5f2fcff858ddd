/**
 * The parts of the solution a user sees besides the tables (dataverse-model.md, Forms, views and
 * the app; Ribbon): the contract and template main forms, the Contracts (CLM) tab merged into the
 * opportunity and quote forms, the Sync to CLM button on the contact form, the app and its site
 * map, and the cascades that make a contract follow its opportunity or quote. Every reference
 * between them (form -> view, subgrid -> relationship, app -> form/view/role) is resolved in the file.
 */
import { packConnectorSolution, packInput, type PackedSolution } from './helpers/packed-solution';
import { all, at, descendants, textAt, type XNode } from './helpers/xml-tree';

let unmanaged: PackedSolution;
let managed: PackedSolution;
beforeAll(() => {
  unmanaged = packConnectorSolution();
  managed = packInput({ ...unmanaged.input, managed: true });
});

const entity = (p: PackedSolution, schemaName: string) => {
  const found = all(p.customizations, 'Entities/Entity').find((e) => textAt(e, 'Name') === schemaName);
  if (!found) throw new Error(`No entity ${schemaName}`);
  return found;
};
const controls = (form: XNode) => descendants(form, 'control');
const savedQuery = (p: PackedSolution, id: string) => {
  const q = all(p.customizations, 'Entities/Entity/SavedQueries/savedqueries/savedquery').find((x) => textAt(x, 'savedqueryid') === id);
  if (!q) throw new Error(`No view ${id}`);
  return q;
};
const relationship = (p: PackedSolution, name: string) => {
  const r = all(p.customizations, 'EntityRelationships/EntityRelationship').find((x) => x.attrs.Name === name);
  if (!r) throw new Error(`No relationship ${name}`);
  return r;
};
const param = (control: XNode, name: string) => textAt(control, `parameters/${name}`);

describe('the contract main form', () => {
  const form = () => at(entity(unmanaged, 'dtclm_Contract'), 'FormXml/forms/systemform/form');

  it('shows name, status, template, the record it came from, CLM link, reason and last error', () => {
    const fields = controls(form())
      .map((c) => c.attrs.datafieldname)
      .filter(Boolean);
    for (const f of [
      'dtclm_name',
      'dtclm_status',
      'dtclm_templateid',
      'dtclm_opportunityid',
      'dtclm_quoteid',
      'dtclm_clmurl',
      'dtclm_reason',
      'dtclm_lasterror',
    ])
      expect(fields).toContain(f);
  });

  it('shows the signed document: a control bound to the file column of dataverse-model.md', () => {
    const bound = controls(form()).filter((c) => c.attrs.datafieldname === 'dtclm_signeddocument');
    expect(bound).toHaveLength(1);
    // The control is bound to the column the table declares as a file column, with a class id.
    const column = all(entity(unmanaged, 'dtclm_Contract'), 'EntityInfo/entity/attributes/attribute').find(
      (a) => textAt(a, 'LogicalName') === 'dtclm_signeddocument',
    );
    expect(column && textAt(column, 'Type')).toBe('file');
    expect(bound[0]!.attrs.classid).toMatch(/^\{[0-9A-Fa-f-]{36}\}$/);
    // The file name column Dataverse adds is not a column of the solution, so it is not on the form.
    expect(controls(form()).map((c) => c.attrs.datafieldname)).not.toContain('dtclm_signeddocument_name');
  });

  it('embeds the status panel web resource, passing it the record', () => {
    const panel = controls(form()).find((c) => param(c, 'Url') !== undefined);
    expect(panel && param(panel, 'Url')).toBe('dtclm_/html/contractstatus.html');
    expect(param(panel!, 'PassParameters')).toBe('true');
    expect(all(unmanaged.customizations, 'WebResources/WebResource').map((w) => textAt(w, 'Name'))).toContain('dtclm_/html/contractstatus.html');
  });

  it("lists the contract's events in a subgrid sorted by sequence, through the contract -> events relationship", () => {
    const grid = controls(form()).find((c) => c.attrs.indicationOfSubgrid === 'true')!;
    expect(param(grid, 'TargetEntityType')).toBe('dtclm_contractevent');
    const rel = relationship(unmanaged, param(grid, 'RelationshipName')!);
    expect([textAt(rel, 'ReferencedEntityName'), textAt(rel, 'ReferencingEntityName')]).toEqual(['dtclm_Contract', 'dtclm_ContractEvent']);
    const view = savedQuery(unmanaged, param(grid, 'ViewId')!);
    expect(at(view, 'fetchxml/fetch/entity').attrs.name).toBe('dtclm_contractevent');
    expect(at(view, 'fetchxml/fetch/entity/order').attrs).toEqual({ attribute: 'dtclm_sequence', descending: 'false' });
  });
});

describe('the template main form', () => {
  it('shows name, CLM id, version, trigger entity, last sync, and the mapping state with its reasons', () => {
    const form = at(entity(unmanaged, 'dtclm_Template'), 'FormXml/forms/systemform/form');
    const fields = controls(form).map((c) => c.attrs.datafieldname);
    for (const f of [
      'dtclm_name',
      'dtclm_clmtemplateid',
      'dtclm_clmversion',
      'dtclm_triggerentity',
      'dtclm_lastsyncedon',
      'dtclm_mappingstate',
      'dtclm_mappingerrors',
    ])
      expect(fields).toContain(f);
  });
});

describe('the Contracts (CLM) tab on the opportunity and quote main forms', () => {
  it.each([
    ['Opportunity', 'dtclm_opportunity_dtclm_contract'],
    ['Quote', 'dtclm_quote_dtclm_contract'],
  ])('merges into the %s main form a tab (and only a tab) listing the record’s contracts', (table, relationshipName) => {
    for (const p of [unmanaged, managed]) {
      const forms = all(entity(p, table), 'FormXml/forms/systemform');
      expect(forms).toHaveLength(1);
      const tabs = all(forms[0]!, 'form/tabs/tab');
      // A differential form: the added tab is marked, nothing else of the customer's form is carried.
      expect(tabs.map((t) => t.attrs.solutionaction)).toEqual(['Added']);
      expect(at(tabs[0]!, 'labels/label').attrs.description).toBe('Contracts (CLM)');
      const grid = controls(tabs[0]!).find((c) => c.attrs.indicationOfSubgrid === 'true')!;
      expect(param(grid, 'TargetEntityType')).toBe('dtclm_contract');
      expect(param(grid, 'RelationshipName')).toBe(relationshipName);
      const rel = relationship(p, relationshipName);
      expect([textAt(rel, 'ReferencedEntityName'), textAt(rel, 'ReferencingEntityName')]).toEqual([table, 'dtclm_Contract']);
      expect(at(savedQuery(p, param(grid, 'ViewId')!), 'fetchxml/fetch/entity').attrs.name).toBe('dtclm_contract');
      // The form is a root component, by the id of the form it merges into.
      const roots = all(p.solution, 'SolutionManifest/RootComponents/RootComponent')
        .filter((r) => r.attrs.type === '60')
        .map((r) => r.attrs.id);
      expect(roots).toContain(textAt(forms[0]!, 'formid'));
    }
  });
});

// One cascading parent per related table (Microsoft, "Create and edit 1:N relationships", limitations
// on behaviors): the opportunity's; a quote's contract follows the quote's opportunity (dataverse-model.md).
describe('contracts follow their opportunity (cascade configuration)', () => {
  const cascades = (name: string) =>
    Object.fromEntries(
      ['CascadeAssign', 'CascadeShare', 'CascadeUnshare', 'CascadeReparent', 'CascadeDelete'].map((c) => [c, textAt(relationship(unmanaged, name), c)]),
    );

  it('dtclm_opportunity_dtclm_contract cascades assign, share, unshare and reparent; delete removes the link', () => {
    expect(cascades('dtclm_opportunity_dtclm_contract')).toEqual({
      CascadeAssign: 'Cascade',
      CascadeShare: 'Cascade',
      CascadeUnshare: 'Cascade',
      CascadeReparent: 'Cascade',
      CascadeDelete: 'RemoveLink',
    });
  });

  it('dtclm_quote_dtclm_contract is referential: no cascade, delete removes the link', () => {
    expect(cascades('dtclm_quote_dtclm_contract')).toEqual({
      CascadeAssign: 'NoCascade',
      CascadeShare: 'NoCascade',
      CascadeUnshare: 'NoCascade',
      CascadeReparent: 'NoCascade',
      CascadeDelete: 'RemoveLink',
    });
  });
});

describe('Sync to CLM on the contact form', () => {
  it('calls DiliTrustCLM.Ribbon.syncContact of dtclm_/js/ribbon.js with the form, enabled by a rule of the same library', () => {
    const diff = at(entity(unmanaged, 'Contact'), 'RibbonDiffXml');
    const button = descendants(diff, 'Button');
    expect(button).toHaveLength(1);
    expect(button[0]!.attrs.Id).toMatch(/^dtclm\.contact\./);
    const fn = descendants(diff, 'JavaScriptFunction');
    expect(fn.map((f) => [f.attrs.FunctionName, f.attrs.Library])).toEqual([['DiliTrustCLM.Ribbon.syncContact', '$webresource:dtclm_/js/ribbon.js']]);
    expect(descendants(fn[0]!, 'CrmParameter').map((c) => c.attrs.Value)).toEqual(['PrimaryControl']);
    expect(descendants(diff, 'CustomAction')[0]!.attrs.Location).toBe('Mscrm.Form.contact.MainTab.Actions.Controls._children');
    expect(descendants(diff, 'CustomRule').map((r) => r.attrs.Library)).toEqual(['$webresource:dtclm_/js/ribbon.js']);
  });
});

describe('the model-driven app dtclm_DiliTrustCLM', () => {
  const app = () => at(unmanaged.customizations, 'AppModules/AppModule');
  const siteMap = () => at(unmanaged.customizations, 'AppModuleSiteMaps/AppModuleSiteMap');

  it('has one site map area with Contracts, Templates, CLM users and Settings (the admin page)', () => {
    expect(textAt(siteMap(), 'SiteMapUniqueName')).toBe('dtclm_DiliTrustCLM');
    const subAreas = descendants(siteMap(), 'SubArea').map((s) => [at(s, 'Titles/Title').attrs.Title, s.attrs.Entity ?? s.attrs.Url]);
    expect(subAreas).toEqual([
      ['Contracts', 'dtclm_contract'],
      ['Templates', 'dtclm_template'],
      ['CLM users', 'dtclm_userlink'],
      ['Settings', '$webresource:dtclm_/html/admin.html'],
    ]);
  });

  it('is open to the four connector roles, by the ids the roles carry', () => {
    // The application user's role (Dilitrust CLM Connector) is no person's: the app is not open to it.
    const roleIds = all(unmanaged.customizations, 'Roles/Role')
      .filter((r) => r.attrs.name !== 'Dilitrust CLM Connector')
      .map((r) => r.attrs.id);
    expect(all(app(), 'AppModuleRoleMaps/Role').map((r) => r.attrs.id)).toEqual(roleIds);
    expect(roleIds).toHaveLength(4);
  });

  it('lists its site map, tables, forms and views, each present in customizations.xml', () => {
    const components = all(app(), 'AppModuleComponents/AppModuleComponent');
    const formIds = new Set(all(unmanaged.customizations, 'Entities/Entity/FormXml/forms/systemform').map((f) => textAt(f, 'formid')));
    const viewIds = new Set(all(unmanaged.customizations, 'Entities/Entity/SavedQueries/savedqueries/savedquery').map((q) => textAt(q, 'savedqueryid')));
    const tables = new Set(all(unmanaged.customizations, 'Entities/Entity').map((e) => textAt(e, 'Name')!.toLowerCase()));
    expect(components.filter((c) => c.attrs.type === '62').map((c) => c.attrs.schemaName)).toEqual(['dtclm_DiliTrustCLM']);
    for (const c of components) {
      const ref = c.attrs.id ?? c.attrs.schemaName;
      const checks: Record<string, () => boolean> = {
        '1': () => tables.has(ref!),
        '60': () => formIds.has(ref),
        '26': () => viewIds.has(ref),
        '62': () => true,
      };
      const found = checks[c.attrs.type!]?.();
      expect({ type: c.attrs.type, ref, found }).toEqual({ type: c.attrs.type, ref, found: true });
    }
    // The main forms of contract, template and CLM user link (every table the site map shows has one).
    expect(components.filter((c) => c.attrs.type === '60')).toHaveLength(3);
  });
});

describe('managed and unmanaged', () => {
  it('marks the managed zip Managed 1 and the unmanaged one 0, with the same components', () => {
    expect(textAt(at(managed.solution, 'SolutionManifest'), 'Managed')).toBe('1');
    expect(textAt(at(unmanaged.solution, 'SolutionManifest'), 'Managed')).toBe('0');
    expect(managed.files.get('customizations.xml')).toBe(unmanaged.files.get('customizations.xml'));
  });
});

describe('references to web resources', () => {
  it('resolves every web resource a form control or the site map names to a web resource of the solution', () => {
    const shipped = new Set(all(unmanaged.customizations, 'WebResources/WebResource').map((w) => textAt(w, 'Name')));
    const named = [
      ...descendants(unmanaged.customizations, 'Url').map((u) => u.text),
      ...descendants(unmanaged.customizations, 'SubArea')
        .map((s) => s.attrs.Url)
        .filter((u): u is string => Boolean(u))
        .map((u) => u.replace(/^\$webresource:/, '')),
    ];
    expect(named.length).toBeGreaterThan(1);
    for (const n of named) expect(shipped).toContain(n);
  });
});
