/**
 * Every name dataverse-model.md fixes, read from the spec's own tables (helpers/dataverse-spec.ts
 * parses ../shared/spec/dataverse-model.md), is in the packed solution exactly: tables, entity sets,
 * ownership, columns with their types and sizes, alternate keys, choices, environment variables,
 * roles, web resources, views, forms and the app.
 */
import { readDataverseSpec, type DataverseSpec, type SpecColumn } from './helpers/dataverse-spec';
import { packConnectorSolution, type PackedSolution } from './helpers/packed-solution';
import { all, at, textAt, type XNode } from './helpers/xml-tree';

let packed: PackedSolution;
let spec: DataverseSpec;
beforeAll(() => {
  packed = packConnectorSolution();
  spec = readDataverseSpec();
});

const entityByLogicalName = (logicalName: string): XNode => {
  const found = all(packed.customizations, 'Entities/Entity').find((e) => textAt(e, 'Name')!.toLowerCase() === logicalName);
  if (!found) throw new Error(`No entity ${logicalName} in customizations.xml`);
  return found;
};

/** The spec's type words -> [<Type> of customizations.xml, <MaxLength> or <OptionSetName> to expect]. */
function expectedType(c: SpecColumn): { type: string; max?: string; optionSet?: string; format?: string } {
  const words = c.type.replace(/,/g, '');
  const size = /(\d+)/.exec(words)?.[1];
  if (words.startsWith('text')) return { type: 'nvarchar', max: size };
  if (words.startsWith('multiline')) return { type: 'ntext', max: size };
  if (words.startsWith('choice')) return { type: 'picklist', optionSet: /`([a-z_]+)`/.exec(words)?.[1] };
  if (words.startsWith('whole number')) return { type: 'int' };
  if (words.startsWith('date and time')) return { type: 'datetime', format: 'datetime' };
  if (words.startsWith('date only')) return { type: 'datetime', format: 'date' };
  if (words.startsWith('lookup')) return { type: 'lookup' };
  if (words.startsWith('yes/no')) return { type: 'bit' };
  if (words.startsWith('file')) return { type: 'file' };
  throw new Error(`Unknown spec type "${c.type}" of ${c.name}`);
}

describe('tables, as dataverse-model.md lists them', () => {
  it('reads five tables from the spec (the parser found them)', () => {
    expect(spec.tables.map((t) => t.logicalName)).toEqual(['dtclm_contract', 'dtclm_contractevent', 'dtclm_template', 'dtclm_userlink', 'dtclm_contactlink']);
  });

  it('writes each table with its display name, entity set, ownership and alternate keys', () => {
    for (const t of spec.tables) {
      const entity = entityByLogicalName(t.logicalName);
      const info = at(entity, 'EntityInfo/entity');
      const keys = Object.fromEntries(
        all(info, 'EntityKeys/EntityKey').map((k) => [textAt(k, 'LogicalName'), all(k, 'EntityKeyAttributes/AttributeName').map((a) => a.text)]),
      );
      expect({
        table: t.logicalName,
        displayName: at(entity, 'Name').attrs.LocalizedName,
        entitySet: textAt(info, 'EntitySetName'),
        ownership: textAt(info, 'OwnershipTypeMask'),
        keys,
      }).toEqual({
        table: t.logicalName,
        displayName: t.displayName,
        entitySet: t.entitySet,
        ownership: t.organizationOwned ? 'OrgOwned' : 'UserOwned',
        keys: Object.fromEntries(Object.entries(t.keys).map(([k, col]) => [k, [col]])),
      });
    }
  });

  it('writes every column of the spec with its type, size and choice', () => {
    for (const t of spec.tables) {
      const attributes = all(entityByLogicalName(t.logicalName), 'EntityInfo/entity/attributes/attribute');
      for (const c of t.columns.filter((col) => col.name !== 'statecode')) {
        const a = attributes.find((x) => textAt(x, 'LogicalName') === c.name);
        const where = `${t.logicalName}.${c.name}`;
        expect({ where, found: Boolean(a) }).toEqual({ where, found: true });
        const want = expectedType(c);
        expect({ where, type: textAt(a!, 'Type') }).toEqual({ where, type: want.type });
        if (want.max) expect({ where, max: textAt(a!, 'MaxLength') }).toEqual({ where, max: want.max });
        if (want.format) expect({ where, format: textAt(a!, 'Format') }).toEqual({ where, format: want.format });
        if (want.optionSet) expect({ where, optionSet: textAt(a!, 'OptionSetName') }).toEqual({ where, optionSet: want.optionSet });
      }
    }
  });
});

describe('choices, environment variables, roles and web resources', () => {
  it('writes every choice with the values and labels of the spec', () => {
    const written = new Map(
      all(packed.customizations, 'optionsets/optionset').map((o) => [
        o.attrs.Name!,
        all(o, 'options/option').map((opt) => ({ value: Number(opt.attrs.value), label: at(opt, 'labels/label').attrs.description })),
      ]),
    );
    for (const choice of spec.choices) {
      // Choices named in a column (dtclm_userlink.dtclm_syncstate) are the global choice that column uses.
      const [table, column] = choice.name.includes('.') ? choice.name.split('.') : [];
      const name = table
        ? textAt(
            all(entityByLogicalName(table), 'EntityInfo/entity/attributes/attribute').find((a) => textAt(a, 'LogicalName') === column)!,
            'OptionSetName',
          )!
        : choice.name;
      const options = written.get(name) ?? [];
      // A column may use fewer values of a shared choice than the choice has (user links never take Conflict).
      for (const o of choice.options)
        expect({ choice: choice.name, option: options.find((w) => w.value === o.value) }).toEqual({ choice: choice.name, option: o });
    }
  });

  it('writes every environment variable with the schema name, display name and type of the spec', () => {
    const typeCodes: Record<string, string> = { String: '100000000', Number: '100000001', Boolean: '100000002', JSON: '100000003', Secret: '100000005' };
    expect(spec.environmentVariables).toHaveLength(11);
    for (const v of spec.environmentVariables) {
      const file = packed.files.get(`environmentvariabledefinitions/${v.schemaName}/environmentvariabledefinition.xml`);
      expect({ v: v.schemaName, present: Boolean(file) }).toEqual({ v: v.schemaName, present: true });
      const xml = String(file);
      expect({ v: v.schemaName, displayName: /<displayname default="([^"]*)"/.exec(xml)?.[1], type: /<type>(\d+)<\/type>/.exec(xml)?.[1] }).toEqual({
        v: v.schemaName,
        displayName: v.displayName,
        type: typeCodes[v.type],
      });
    }
  });

  it('writes the five roles of the spec by name', () => {
    expect(all(packed.customizations, 'Roles/Role').map((r) => r.attrs.name)).toEqual(spec.roles);
  });

  it('ships every web resource the spec names', () => {
    const names = all(packed.customizations, 'WebResources/WebResource').map((w) => textAt(w, 'Name'));
    for (const w of spec.webResources) expect(names).toContain(w);
  });
});

describe('forms, views and the app, as the spec lists them', () => {
  const componentWhat = (prefix: string) => {
    const row = spec.components.find((c) => c.component.startsWith(prefix));
    if (!row) throw new Error(`dataverse-model.md has no component row "${prefix}"`);
    return row.what;
  };
  const viewNames = (logicalName: string) =>
    all(entityByLogicalName(logicalName), 'SavedQueries/savedqueries/savedquery').map((q) => at(q, 'LocalizedNames/LocalizedName').attrs.description);

  it.each([
    ['`dtclm_contract` views', 'dtclm_contract'],
    ['`dtclm_template` main form and views', 'dtclm_template'],
    ['`dtclm_userlink` views', 'dtclm_userlink'],
  ])('has every view the spec names for %s', (row, table) => {
    // The view names are the capitalised phrases of the row, before any parenthesis: "Active contracts, My contracts, ...".
    const what = componentWhat(row).replace(/\([^)]*\)/g, '');
    const named = (what.includes(';') ? what.split(';').pop()! : what)
      .split(',')
      .map((s) => s.trim())
      .filter((s) => /^[A-Z]/.test(s));
    expect(named.length).toBeGreaterThan(1);
    for (const name of named) expect(viewNames(table)).toContain(name);
  });

  it('has the app the spec names, with its display name', () => {
    const row = spec.components.find((c) => c.component.startsWith('model-driven app'))!;
    const [, uniqueName, displayName] = /`([^`]+)` \("([^"]+)"\)/.exec(row.component)!;
    const app = at(packed.customizations, 'AppModules/AppModule');
    expect(textAt(app, 'UniqueName')).toBe(uniqueName);
    expect(at(app, 'LocalizedNames/LocalizedName').attrs.description).toBe(displayName);
  });
});
