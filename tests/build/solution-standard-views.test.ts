/**
 * The views and forms a real org expects of every table (issue 21, "The solution ships what a real
 * org needs"). A table a maker creates gets one default view of each standard query type (Microsoft
 * Learn, "SavedQuery table/entity reference", QueryType: 0 public, 1 advanced find, 2 associated,
 * 4 quick find, 64 lookup), as the reference export of cr97b_Project carries them; a table the app's
 * site map shows opens its rows in a main form ("Create or edit a model-driven app site map": a
 * table subarea needs the table's forms in the app).
 */
import { connectorTables } from '../../solution/model/tables';
import { packConnectorSolution, type PackedSolution } from './helpers/packed-solution';
import { all, descendants, textAt, type XNode } from './helpers/xml-tree';

let packed: PackedSolution;
beforeAll(() => {
  packed = packConnectorSolution();
});

const entityOf = (logicalName: string): XNode => {
  const table = connectorTables.find((t) => t.logicalName === logicalName);
  const found = all(packed.customizations, 'Entities/Entity').find((e) => textAt(e, 'Name') === (table?.schemaName ?? logicalName));
  if (!found) throw new Error(`No entity ${logicalName}`);
  return found;
};
const viewsOf = (logicalName: string) => all(entityOf(logicalName), 'SavedQueries/savedqueries/savedquery');

const QUERY_TYPES = { public: '0', advancedFind: '1', associated: '2', quickFind: '4', lookup: '64' };

describe.each(connectorTables.map((t) => t.logicalName))('the standard views of %s', (table) => {
  it.each(Object.entries(QUERY_TYPES))('has exactly one default %s view (querytype %s)', (_kind, type) => {
    const defaults = viewsOf(table).filter((q) => textAt(q, 'querytype') === type && textAt(q, 'isdefault') === '1');
    expect(defaults.map((q) => textAt(q, 'LocalizedNames/LocalizedName'))).toHaveLength(1);
  });

  it('marks only its quick find view as the quick find query, searching the name', () => {
    for (const q of viewsOf(table))
      expect({ type: textAt(q, 'querytype'), qf: textAt(q, 'isquickfindquery') }).toEqual({
        type: textAt(q, 'querytype'),
        qf: textAt(q, 'querytype') === QUERY_TYPES.quickFind ? '1' : '0',
      });
    const quickFind = viewsOf(table).find((q) => textAt(q, 'querytype') === QUERY_TYPES.quickFind)!;
    const searched = all(quickFind, 'fetchxml/fetch/entity/filter')
      .filter((f) => f.attrs.isquickfindfields === '1')
      .flatMap((f) => all(f, 'condition'))
      .map((c) => [c.attrs.attribute, c.attrs.operator, c.attrs.value]);
    expect(searched).toContainEqual(['dtclm_name', 'like', '{0}']);
  });

  it('writes its lookup view as the reference export does: active rows, no preview, no order', () => {
    const lookup = viewsOf(table).find((q) => textAt(q, 'querytype') === QUERY_TYPES.lookup)!;
    const grid = all(lookup, 'layoutxml/grid')[0]!;
    expect(grid.attrs.preview).toBe('0');
    expect(all(lookup, 'fetchxml/fetch/entity/order')).toHaveLength(0);
    expect(all(lookup, 'fetchxml/fetch/entity/filter/condition').map((c) => [c.attrs.attribute, c.attrs.value])).toEqual([['statecode', '0']]);
  });
});

describe("the app's tables", () => {
  const siteMapTables = () =>
    descendants(all(packed.customizations, 'AppModuleSiteMaps/AppModuleSiteMap')[0]!, 'SubArea')
      .map((s) => s.attrs.Entity)
      .filter((e): e is string => Boolean(e));

  it('shows Contracts, Templates and CLM users in the site map', () => {
    expect(siteMapTables().sort()).toEqual(['dtclm_contract', 'dtclm_template', 'dtclm_userlink']);
  });

  it('each have a main form, and the app includes it', () => {
    const appFormIds = all(packed.customizations, 'AppModules/AppModule/AppModuleComponents/AppModuleComponent')
      .filter((c) => c.attrs.type === '60')
      .map((c) => c.attrs.id);
    for (const table of siteMapTables()) {
      const mainForms = all(entityOf(table), 'FormXml/forms')
        .filter((f) => f.attrs.type === 'main')
        .flatMap((f) => all(f, 'systemform'));
      expect({ table, mainForms: mainForms.length }).toEqual({ table, mainForms: 1 });
      expect({ table, inApp: appFormIds.includes(textAt(mainForms[0]!, 'formid') ?? '') }).toEqual({ table, inApp: true });
    }
  });
});
