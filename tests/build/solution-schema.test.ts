/**
 * customizations.xml against Microsoft's published schema (shared/xsd, 9.0.0.2090), with xmllint.
 * The 9.0 schema predates file columns; the connector's contract table has one (the signed PDF,
 * dataverse-model.md). So: the solution without its file column must validate against the schema
 * as published, the whole solution must validate against the schema plus exactly the file column's
 * two elements, and against the published schema the file column must be the only complaint.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { serialize, el } from '../../solution/pack/xml';
import { ensureXmllint } from '../setup/ensure-xmllint';
import { packConnectorSolution, packInput, type PackedSolution } from './helpers/packed-solution';
import { checkWellFormed, customizationsXsdWithFileColumns, validateAgainst, validateCustomizations } from './helpers/xmllint';
import { REFERENCE_SOLUTIONS_DIR } from './helpers/paths';

let packed: PackedSolution;

beforeAll(() => {
  ensureXmllint();
  packed = packConnectorSolution();
}, 180_000);

const customizationsOf = (p: PackedSolution) => join(p.dir, 'customizations.xml');

describe('customizations.xml and the 9.0 schema', () => {
  it('validates against the published schema once the file column (which 9.0 predates) is left out', () => {
    const withoutFileColumns = packInput({
      ...packed.input,
      schema: {
        ...packed.input.schema,
        tables: packed.input.schema.tables.map((t) => ({ ...t, attributes: t.attributes.filter((a) => a.type !== 'File') })),
      },
    });
    const result = validateCustomizations(customizationsOf(withoutFileColumns));
    expect(result.errors).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it('validates in full against the published schema extended by the file column alone', () => {
    const result = validateAgainst(customizationsXsdWithFileColumns(), customizationsOf(packed));
    expect(result.errors).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it('gets no complaint from the published schema but the file column type and its MaxSizeInKB', () => {
    const result = validateCustomizations(customizationsOf(packed));
    const others = result.errors.filter(
      (e) => !/Element 'Type': \[facet 'enumeration'\] The value 'file'/.test(e) && !/Element 'MaxSizeInKB': This element is not expected/.test(e),
    );
    expect(others).toEqual([]);
    expect(result.errors).toHaveLength(2);
  });

  it('is checked by a validator that does reject what the schema forbids (a newer export element)', () => {
    // The tactec reference is a 9.1 export with AutoNumberFormat, unknown to 9.0: the check must see it.
    const result = validateCustomizations(join(REFERENCE_SOLUTIONS_DIR, 'tactec', 'customizations.xml'));
    expect(result.ok).toBe(false);
    expect(result.errors.some((e) => e.includes('AutoNumberFormat'))).toBe(true);
  });
});

describe('the other XML files of the solution', () => {
  it('writes well-formed solution.xml, [Content_Types].xml and environment variable definitions', () => {
    const xmlFiles = [...packed.files.keys()].filter((p) => p.endsWith('.xml'));
    expect(xmlFiles.length).toBeGreaterThan(3);
    for (const path of xmlFiles) expect({ path, ...checkWellFormed(join(packed.dir, path)) }).toEqual({ path, ok: true, errors: [] });
  });

  it('escapes attribute values so that libxml2 reads back tabs, newlines and quotes unchanged', () => {
    const value = 'a & b < c "d"\te\nf';
    const file = join(packed.dir, 'escape-check.xml');
    writeFileSync(file, serialize(el('root', { v: value })));
    const r = spawnSync('xmllint', ['--xpath', 'string(/root/@v)', file], { encoding: 'utf8' });
    // xmllint ends its output with a newline of its own.
    expect(r.stdout.replace(/\n$/, '')).toBe(value);
  });
});
