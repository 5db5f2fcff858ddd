/**
 * The string functions as "Filter rows using OData" documents them: without wildcard characters,
 * `contains`/`startswith`/`endswith` are the case-insensitive substring, prefix and suffix tests; `%`
 * stands for any string and `_` for any one character, so a text with each character replaced by
 * `_` matches exactly the texts of its length; `[c]` matches the character c itself.
 */
import fc from 'fast-check';
import { likeMatcher } from '../../../sandbox/dataverse/odata/like';

const plain = fc.string({ unit: fc.constantFrom(...'abcAB xy.()*+?^$\\|{}-/'.split('')), maxLength: 8 });
const fns = fc.constantFrom('contains' as const, 'startswith' as const, 'endswith' as const);

test('without wildcards: substring, prefix and suffix, without case', () => {
  fc.assert(
    fc.property(fns, plain, plain, (fn, value, search) => {
      const v = value.toLowerCase();
      const s = search.toLowerCase();
      const expected = fn === 'contains' ? v.includes(s) : fn === 'startswith' ? v.startsWith(s) : v.endsWith(s);
      expect(likeMatcher(fn, search)(value)).toBe(expected);
    }),
  );
});

const flipCase = (text: string, flips: boolean[]) =>
  [...text].map((c, i) => (flips[i % Math.max(flips.length, 1)] ? c.toUpperCase() : c.toLowerCase())).join('');

test('a text holding the search where the function looks for it matches, whatever the case of either', () => {
  fc.assert(
    fc.property(fns, plain, plain, plain, fc.array(fc.boolean(), { minLength: 1 }), (fn, before, search, after, flips) => {
      const value = `${fn === 'startswith' ? '' : before}${flipCase(search, flips)}${fn === 'endswith' ? '' : after}`;
      expect(likeMatcher(fn, search)(value)).toBe(true);
    }),
  );
});

test('characters that mean something to a regular expression are plain text', () => {
  for (const c of '.()*+?^$\\|{}-/'.split('')) {
    expect(likeMatcher('contains', c)(`a${c}b`)).toBe(true);
    expect(likeMatcher('contains', c)('axb')).toBe(false);
  }
});

test('"_" matches any single character: startswith of n underscores holds for every text of n characters or more', () => {
  fc.assert(
    fc.property(plain, fc.nat(10), (value, n) => {
      expect(likeMatcher('startswith', '_'.repeat(n))(value)).toBe(value.length >= n);
    }),
  );
});

test('"%" matches any string: a%b holds when a comes before b', () => {
  fc.assert(
    fc.property(plain, plain, plain, (a, middle, b) => {
      expect(likeMatcher('contains', `${a}%${b}`)(`${a}${middle}${b}`)).toBe(true);
    }),
  );
});

test('a character put in brackets matches itself only, wildcards included', () => {
  fc.assert(
    fc.property(fc.constantFrom('%', '_', '['), plain, (c, rest) => {
      const escaped = likeMatcher('contains', `[${c}]`);
      expect(escaped(`${rest}${c}${rest}`)).toBe(true);
      expect(escaped(rest)).toBe(false);
    }),
  );
});

test('every search text is a pattern: none makes the matcher fail', () => {
  const text = fc.string({ unit: fc.constantFrom(...'[]^-%_az.\\'.split('')), maxLength: 12 });
  fc.assert(
    fc.property(fns, text, text, (fn, search, value) => {
      expect(typeof likeMatcher(fn, search)(value)).toBe('boolean');
    }),
  );
});

test('a range written backwards matches no character, as SQL Server reads it', () => {
  expect(likeMatcher('contains', '[z-a]')('abc z')).toBe(false);
  expect(likeMatcher('contains', '[a-c]')('xbx')).toBe(true);
});
