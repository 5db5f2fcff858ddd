/**
 * The locator of JSON paths in the editor's text (webresources/pages/admin/mapping/json-path-locator.ts):
 * for any JSON text and every path in it, the located range's text parses to the value at that
 * path; a path whose last parts are missing lands on its nearest existing parent.
 */
import fc from 'fast-check';
import { formatJsonPath, parseJsonPath, type PathSegment } from '../../../../webresources/pages/admin/mapping/json-path';
import { locateJsonPath } from '../../../../webresources/pages/admin/mapping/json-path-locator';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every path in a value, the root included. */
function pathsOf(value: Json, prefix: PathSegment[] = []): PathSegment[][] {
  const out: PathSegment[][] = [prefix];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...pathsOf(v, [...prefix, i])));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) out.push(...pathsOf(v, [...prefix, k]));
  return out;
}

function valueAt(value: Json, path: readonly PathSegment[]): Json {
  let current: Json = value;
  for (const s of path) current = (current as Record<string | number, Json>)[s];
  return current;
}

const indent = fc.constantFrom<string | number | undefined>(undefined, 2, 4, '\t');
// Keys as people and the CLM write them, and any string at all (spaces, quotes, escapes, unicode).
const key = fc.oneof(fc.stringMatching(/^[a-z_][a-z0-9_]{0,10}$/), fc.string({ maxLength: 6 }), fc.string({ unit: 'grapheme', maxLength: 4 }));
const json: fc.Arbitrary<Json> = fc.letrec<{ value: Json }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.integer(),
    fc.string({ maxLength: 8 }),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(key, tie('value'), { maxKeys: 4 }),
  ),
})).value;

test('for generated JSON and every path in it, the located text parses to the value at that path', () => {
  fc.assert(
    fc.property(json, indent, (value, space) => {
      const text = JSON.stringify(value, null, space);
      const parsed = JSON.parse(text) as Json;
      for (const path of pathsOf(parsed)) {
        const at = locateJsonPath(text, formatJsonPath(path));
        expect(at).toBeDefined();
        expect(at!.exact).toBe(true);
        expect(JSON.parse(text.slice(at!.from, at!.to))).toEqual(valueAt(parsed, path));
      }
    }),
    { numRuns: 300 },
  );
});

test('a path whose last part is missing lands on its nearest existing parent, marked not exact', () => {
  fc.assert(
    fc.property(json, indent, fc.string({ maxLength: 5 }), (value, space, extra) => {
      const text = JSON.stringify(value, null, space);
      const parsed = JSON.parse(text) as Json;
      for (const path of pathsOf(parsed)) {
        const here = valueAt(parsed, path);
        const missing: PathSegment = Array.isArray(here) ? here.length + 1 : here && typeof here === 'object' && extra in here ? `${extra}\u0000x` : extra;
        const parent = locateJsonPath(text, formatJsonPath(path))!;
        const deeper = locateJsonPath(text, formatJsonPath([...path, missing, 'more']))!;
        expect([deeper.from, deeper.to, deeper.exact, deeper.depth]).toEqual([parent.from, parent.to, false, path.length]);
      }
    }),
    { numRuns: 200 },
  );
});

test('the server spelling of paths reads back into the same parts', () => {
  fc.assert(
    fc.property(fc.array(fc.oneof(key, fc.nat({ max: 50 })), { maxLength: 6 }), (segments) => {
      expect(parseJsonPath(formatJsonPath(segments))).toEqual(segments);
    }),
  );
  expect(parseJsonPath('$.relatedEntities.customerid_account.fields.dt0_client_nom')).toEqual([
    'relatedEntities',
    'customerid_account',
    'fields',
    'dt0_client_nom',
  ]);
  expect(parseJsonPath('$.signatories[1]["e mail"]')).toEqual(['signatories', 1, 'e mail']);
  expect(parseJsonPath('fields.x')).toBeUndefined();
});

test('the mapping.md example: a typo in a related block is found at its value, its key beside it', () => {
  const text = JSON.stringify(
    { trigger_entity: 'quote', relatedEntities: { customerid_account: { entity: 'account', fields: { dt0_client_nom: 'nmae' } } } },
    null,
    2,
  );
  const at = locateJsonPath(text, '$.relatedEntities.customerid_account.fields.dt0_client_nom')!;
  expect(text.slice(at.from, at.to)).toBe('"nmae"');
  expect(text.slice(at.name!.from, at.name!.to)).toBe('"dt0_client_nom"');
});

test('in text that does not parse, what the tree still holds is found; the rest falls back', () => {
  const text = '{"trigger_entity": "opportunity", "fields": {"dt0_a": "name", "dt0_b": ';
  const a = locateJsonPath(text, '$.fields.dt0_a')!;
  expect([text.slice(a.from, a.to), a.exact]).toEqual(['"name"', true]);
  const b = locateJsonPath(text, '$.fields.dt0_b')!;
  expect(b.exact).toBe(false);
  expect(text.slice(b.name!.from, b.name!.to)).toBe('"fields"');
  expect(locateJsonPath('', '$')).toBeUndefined();
});

test('a key written twice is found where JSON.parse takes it from: the last one', () => {
  const text = '{"fields": {"dt0_a": "name", "dt0_a": "nmae"}}';
  const at = locateJsonPath(text, '$.fields.dt0_a')!;
  expect(text.slice(at.from, at.to)).toBe(JSON.stringify((JSON.parse(text) as { fields: { dt0_a: string } }).fields.dt0_a));
});
