/**
 * customizations.xml against Microsoft's published schema (shared/xsd, 9.0.0.2090), with xmllint,
 * for the unmanaged and the managed zip. The 9.0 schema predates two things the solution needs:
 * the file column of the contract (the signed PDF, dataverse-model.md) and the `solutionaction`
 * mark on the tab the solution merges into the opportunity and quote main forms. So: without those
 * two, the solution validates against the schema as published; in full, it validates against the
 * schema plus exactly those additions; and against the published schema they are the only complaints.
 * Each form's <form> is checked against FormXml.xsd, each view's <fetch> against Fetch.xsd and the
 * app's site map against SiteMap.xsd, each on its own.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { serialize, el } from '../../solution/pack/xml';
import { ensureXmllint } from '../setup/ensure-xmllint';
import { packConnectorSolution, packInput, type PackedSolution } from './helpers/packed-solution';
import { REFERENCE_SOLUTIONS_DIR, XSD_DIR } from './helpers/paths';
import { all, descendants, type XNode } from './helpers/xml-tree';
import { checkWellFormed, customizationsXsdWith, validateAgainst, validateCustomizations } from './helpers/xmllint';

let unmanaged: PackedSolution;
let managed: PackedSolution;

beforeAll(() => {
  ensureXmllint();
  unmanaged = packConnectorSolution();
  managed = packInput({ ...unmanaged.input, managed: true });
}, 180_000);

const customizationsOf = (p: PackedSolution) => join(p.dir, 'customizations.xml');
const both = () =>
  [
    ['unmanaged', unmanaged],
    ['managed', managed],
  ] as const;

const isFileColumnComplaint = (e: string) => /Element 'Type': \[facet 'enumeration'\] The value 'file'/.test(e);
const isMergedTabComplaint = (e: string) => /Element 'tab', attribute 'solutionaction': The attribute 'solutionaction' is not allowed/.test(e);

describe('customizations.xml and the 9.0 schema', () => {
  it('validates against the published schema once the file column and the merged tabs (which 9.0 predates) are left out', () => {
    const fileColumns = new Set(unmanaged.input.schema.tables.flatMap((t) => t.attributes.filter((a) => a.type === 'File').map((a) => a.logicalName)));
    const plain = packInput({
      ...unmanaged.input,
      schema: {
        ...unmanaged.input.schema,
        tables: unmanaged.input.schema.tables.map((t) => ({ ...t, attributes: t.attributes.filter((a) => a.type !== 'File') })),
      },
      // ... and with it its control on the contract form.
      forms: unmanaged.input.forms.map((f) => ({
        ...f,
        tabs: f.tabs.map((t) => ({
          ...t,
          sections: t.sections.map((s) => ({ ...s, cells: s.cells.filter((c) => !(c.kind === 'field' && fileColumns.has(c.attribute))) })),
        })),
      })),
      formCustomizations: [],
    });
    const result = validateCustomizations(customizationsOf(plain));
    expect(result.errors).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it.each(['unmanaged', 'managed'] as const)(
    'validates in full (%s) against the published schema extended by the file column and merged tabs alone',
    (kind) => {
      const packed = kind === 'managed' ? managed : unmanaged;
      const xsd = join(customizationsXsdWith({ fileColumns: true, mergedTabs: true }), 'CustomizationsSolution.xsd');
      const result = validateAgainst(xsd, customizationsOf(packed));
      expect(result.errors).toEqual([]);
      expect(result.ok).toBe(true);
    },
  );

  it('gets no complaint from the published schema but the file column and one per merged tab', () => {
    for (const [kind, packed] of both()) {
      const result = validateCustomizations(customizationsOf(packed));
      const others = result.errors.filter((e) => !isFileColumnComplaint(e) && !isMergedTabComplaint(e));
      expect({ kind, others }).toEqual({ kind, others: [] });
      expect(result.errors.filter(isFileColumnComplaint)).toHaveLength(1);
      expect(result.errors.filter(isMergedTabComplaint)).toHaveLength(packed.input.formCustomizations.flatMap((c) => c.addTabs).length);
    }
  });

  it('is checked by a validator that does reject what the schema forbids (a newer export element)', () => {
    // The tactec reference is a 9.1 export with AutoNumberFormat, unknown to 9.0: the check must see it.
    const result = validateCustomizations(join(REFERENCE_SOLUTIONS_DIR, 'tactec', 'customizations.xml'));
    expect(result.ok).toBe(false);
    expect(result.errors.some((e) => e.includes('AutoNumberFormat'))).toBe(true);
  });
});

/** Writes each node found at `path` as its own document and validates it against `xsd`. */
function validateEach(packed: PackedSolution, nodes: XNode[], xsd: string, label: string): void {
  expect(nodes.length).toBeGreaterThan(0);
  const xml = packed.files.get('customizations.xml') as string;
  // The nodes' own text, cut from the file (the tree helper does not serialize).
  nodes.forEach((node, i) => {
    const file = join(packed.dir, `${label}-${i}.xml`);
    writeFileSync(file, cutElement(xml, node.name, i));
    const result = validateAgainst(xsd, file);
    expect({ label, i, errors: result.errors }).toEqual({ label, i, errors: [] });
  });
}

/** The i-th <name ...>...</name> element of `xml`, as text (elements of that name do not nest here). */
function cutElement(xml: string, name: string, i: number): string {
  const re = new RegExp(`<${name}[ >][\\s\\S]*?</${name}>`, 'g');
  const found = xml.match(re) ?? [];
  if (!found[i]) throw new Error(`no ${name} #${i}`);
  return found[i];
}

describe('forms, views and the site map, each against its own schema', () => {
  it("validates each connector form's <form> against FormXml.xsd as published", () => {
    for (const [, packed] of both()) {
      const forms = all(packed.customizations, 'Entities/Entity/FormXml/forms/systemform/form').filter(
        (f) => !descendants(f, 'tab').some((t) => t.attrs.solutionaction),
      );
      expect(forms).toHaveLength(packed.input.forms.length);
    }
    // Forms are cut from the text in document order; merged ones (system tables) come after the connector's tables.
    const xml = unmanaged.files.get('customizations.xml') as string;
    const count = (xml.match(/<form>/g) ?? []).length;
    expect(count).toBe(unmanaged.input.forms.length + unmanaged.input.formCustomizations.length);
    for (let i = 0; i < count; i++) {
      const text = cutElement(xml, 'form', i);
      const merged = text.includes('solutionaction="Added"');
      const file = join(unmanaged.dir, `form-${i}.xml`);
      writeFileSync(file, text);
      const xsd = merged ? join(customizationsXsdWith({ mergedTabs: true }), 'FormXml.xsd') : join(XSD_DIR, 'FormXml.xsd');
      const result = validateAgainst(xsd, file);
      expect({ i, merged, errors: result.errors }).toEqual({ i, merged, errors: [] });
    }
  });

  it("validates each view's <fetch> against Fetch.xsd", () => {
    const fetches = descendants(unmanaged.customizations, 'fetch');
    expect(fetches).toHaveLength(unmanaged.input.views.length);
    validateEach(unmanaged, fetches, join(XSD_DIR, 'Fetch.xsd'), 'fetch');
  });

  it("validates the app's site map against SiteMap.xsd", () => {
    const maps = all(unmanaged.customizations, 'AppModuleSiteMaps/AppModuleSiteMap/SiteMap');
    expect(maps).toHaveLength(1);
    validateEach(unmanaged, maps, join(XSD_DIR, 'SiteMap.xsd'), 'sitemap');
  });
});

describe('the other XML files of the solution', () => {
  it('writes well-formed solution.xml, [Content_Types].xml and environment variable definitions', () => {
    for (const [, packed] of both()) {
      const xmlFiles = [...packed.files.keys()].filter((p) => p.endsWith('.xml'));
      expect(xmlFiles.length).toBeGreaterThan(3);
      for (const path of xmlFiles) expect({ path, ...checkWellFormed(join(packed.dir, path)) }).toEqual({ path, ok: true, errors: [] });
    }
  });

  it('escapes attribute values so that libxml2 reads back tabs, newlines and quotes unchanged', () => {
    const value = 'a & b < c "d"\te\nf';
    const file = join(unmanaged.dir, 'escape-check.xml');
    writeFileSync(file, serialize(el('root', { v: value })));
    const r = spawnSync('xmllint', ['--xpath', 'string(/root/@v)', file], { encoding: 'utf8' });
    // xmllint ends its output with a newline of its own.
    expect(r.stdout.replace(/\n$/, '')).toBe(value);
  });
});
