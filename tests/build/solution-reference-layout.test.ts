/**
 * The solution's layout against what Dynamics itself writes (shared/reference/solutions): element
 * order of solution.xml, of a form and of a view, GUID format, content types, the managed flag, and
 * the shape of root components. Differences on purpose are listed in solution/README.md.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packConnectorSolution, packInput, type PackedSolution } from './helpers/packed-solution';
import { REFERENCE_SOLUTIONS_DIR } from './helpers/paths';
import { all, at, parseXml, type XNode } from './helpers/xml-tree';

const reference = (name: string, file: string) => readFileSync(join(REFERENCE_SOLUTIONS_DIR, name, file));
const names = (n: XNode) => n.children.map((c) => c.name);
/** `ours` keeps the relative order `theirs` gives the elements both have. */
const sameOrder = (ours: string[], theirs: string[]) => {
  const shared = ours.filter((n) => theirs.includes(n));
  return { ours: shared, theirs: theirs.filter((n) => shared.includes(n)) };
};

let unmanaged: PackedSolution;
let managed: PackedSolution;
beforeAll(() => {
  unmanaged = packConnectorSolution();
  managed = packInput({ ...unmanaged.input, managed: true });
});

describe('compared with the reference exports', () => {
  it('orders solution.xml as the exports do, and marks the managed zip Managed 1 as the managed export (pca) does', () => {
    for (const ref of ['tactec', 'pca', 'CustomActivityDialog']) {
      const theirs = names(at(parseXml(reference(ref, 'solution.xml')), 'SolutionManifest'));
      const { ours, theirs: t } = sameOrder(names(at(unmanaged.solution, 'SolutionManifest')), theirs);
      expect({ ref, order: ours }).toEqual({ ref, order: t });
    }
    const pcaManaged = at(parseXml(reference('pca', 'solution.xml')), 'SolutionManifest/Managed').text;
    expect(pcaManaged).toBe('1');
    expect(at(managed.solution, 'SolutionManifest/Managed').text).toBe(pcaManaged);
  });

  it('writes root components with the attributes the exports use (type, schemaName or id, behavior)', () => {
    const theirs = new Set(
      all(parseXml(reference('CustomActivityDialog', 'solution.xml')), 'SolutionManifest/RootComponents/RootComponent').flatMap((r) => Object.keys(r.attrs)),
    );
    for (const r of all(unmanaged.solution, 'SolutionManifest/RootComponents/RootComponent')) for (const k of Object.keys(r.attrs)) expect(theirs).toContain(k);
  });

  it('writes [Content_Types].xml as the exports do: a BOM, one line, application/octet-stream', () => {
    const theirs = reference('tactec', '[Content_Types].xml').toString('utf8');
    const ours = String(unmanaged.files.get('[Content_Types].xml'));
    expect(ours.startsWith('\uFEFF')).toBe(theirs.startsWith('\uFEFF'));
    expect(ours.includes('\n')).toBe(false);
    expect([...ours.matchAll(/ContentType="([^"]+)"/g)].every((m) => m[1] === 'application/octet-stream')).toBe(true);
  });

  it('writes ids as the exports do: lower-case GUIDs in braces', () => {
    const xml = String(unmanaged.files.get('customizations.xml'));
    // (AppModule's WebResourceId, the app's icon, is written bare, as app exports write it.)
    const webResources = xml.slice(xml.indexOf('<WebResources>'), xml.indexOf('</WebResources>'));
    const ids = [...xml.matchAll(/<(formid|savedqueryid)>([^<]+)</g), ...webResources.matchAll(/<(WebResourceId)>([^<]+)</g)].map((m) => m[2]!);
    expect(ids.length).toBeGreaterThan(10);
    for (const id of ids) expect(id).toMatch(/^\{[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}$/);
    const refIds = [
      ...reference('tactec', 'customizations.xml')
        .toString('utf8')
        .matchAll(/<(formid|savedqueryid)>([^<]+)</g),
    ].map((m) => m[2]!);
    for (const id of refIds) expect(id).toMatch(/^\{[0-9a-f-]{36}\}$/);
  });

  it("orders a main form's and a view's elements as the export of a custom table does (tactec, cr97b_Project)", () => {
    const ref = parseXml(reference('tactec', 'customizations.xml'));
    const refProject = all(ref, 'Entities/Entity').find((e) => at(e, 'Name').text === 'cr97b_Project')!;
    const refForm = all(refProject, 'FormXml/forms').find((f) => f.attrs.type === 'main')!;
    const ourContract = all(unmanaged.customizations, 'Entities/Entity').find((e) => at(e, 'Name').text === 'dtclm_Contract')!;
    const ourForm = at(ourContract, 'FormXml/forms/systemform');
    const formOrder = sameOrder(names(ourForm), names(at(refForm, 'systemform')));
    expect(formOrder.ours).toEqual(formOrder.theirs);
    expect(formOrder.ours.length).toBeGreaterThan(6);
    const viewOrder = sameOrder(names(at(ourContract, 'SavedQueries/savedqueries/savedquery')), names(at(refProject, 'SavedQueries/savedqueries/savedquery')));
    expect(viewOrder.ours).toEqual(viewOrder.theirs);
    expect(viewOrder.ours.length).toBeGreaterThan(8);
    // The entity's parts in the export's order: Name, EntityInfo, FormXml, SavedQueries, RibbonDiffXml.
    expect(sameOrder(names(ourContract), names(refProject)).ours).toEqual(sameOrder(names(ourContract), names(refProject)).theirs);
  });
});
