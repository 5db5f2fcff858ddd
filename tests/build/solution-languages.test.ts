/**
 * The built solution zip speaks English (1033) and French (1036), every label of every component
 * (dataverse-model.md, languages; issue 26): each localized label list of solution.xml,
 * customizations.xml (tables, columns, choices, forms, views, app, ribbon LocLabels) and the
 * environment variable definitions that has an English text has a French one; a French text is
 * never the English copied (except the names of solution/model/proper-names.ts); and French text
 * follows French typography (a no-break space before : ; ? !, « guillemets », no English words).
 *
 * Microsoft, "Create solutions that support multiple languages": labels are embedded per language
 * (LocalizedLabel languagecode), the ribbon's through `<LocLabels>`, the site map's through
 * `<Titles>`; `<Languages>` lists the languages the solution carries.
 */
import { builtManagedSolutionZip } from '../../sandbox/built-solution-zip';
import { openSolutionZip, parsePart } from '../../sandbox/dataverse/solution-import/package';
import type { XNode } from '../../sandbox/dataverse/solution-import/xml-tree';
import { NAMES_KEPT_IN_FRENCH } from '../../solution/model/proper-names';

interface FoundLabel {
  /** Where it is: the file and the element path, for a message a person can follow. */
  where: string;
  texts: Map<number, string>;
}

/** Every label list below `node`: an element whose children carry languagecode (or a site map's LCID). */
function labelLists(node: XNode, where: string, out: FoundLabel[] = []): FoundLabel[] {
  const items = node.children.filter((c) => c.attrs.languagecode !== undefined || c.attrs.LCID !== undefined);
  if (items.length) {
    const texts = new Map<number, string>();
    for (const i of items) texts.set(Number(i.attrs.languagecode ?? i.attrs.LCID), i.attrs.description ?? i.attrs.Title ?? '');
    out.push({ where: `${where}/${node.name}`, texts });
  }
  const named = node.attrs.Name ?? node.attrs.name ?? node.attrs.PhysicalName ?? node.attrs.Id ?? node.attrs.schemaname;
  for (const c of node.children) labelLists(c, `${where}/${node.name}${named ? `[${named}]` : ''}`, out);
  return out;
}

const zip = openSolutionZip(builtManagedSolutionZip().bytes);
const environmentVariableFiles = [...zip.files.keys()].filter((p) => p.startsWith('environmentvariabledefinitions/'));
const labels: FoundLabel[] = [
  ...labelLists(zip.solution, 'solution.xml'),
  ...labelLists(zip.customizations, 'customizations.xml'),
  ...environmentVariableFiles.flatMap((p) => labelLists(parsePart(zip.files, p), p)),
];
/** Labels with an English text: an empty English description is no label (an export writes those empty). */
const english = labels.filter((l) => (l.texts.get(1033) ?? '') !== '');

/** Code and addresses inside a text: URLs, JSON examples, <placeholders>, dotted or snake_case names. */
const CODE = /https?:\/\/\S+|\{.*\}|\w+:<[^>]*>|<[^>]*>|\b\w+[._:-]\w+(?:[._:-]\w+)*\b/g;
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const KEPT = new RegExp(NAMES_KEPT_IN_FRENCH.map(escapeRegExp).join('|'), 'g');

/** What is left to translate once the names kept in French and the code are taken out. */
const translatable = (text: string) =>
  text
    .replace(KEPT, ' ')
    .replace(CODE, ' ')
    .replace(/[^\p{L}]+/gu, ' ')
    .trim();

/** English words that never belong in a French label. */
const ENGLISH_WORDS = /\b(the|of|and|with|for|to|is|from|this|that|when|by|in|on|not|no|yes|contract|template|status|user|sync|link|error|name)\b/i;

test('<Languages> lists English (1033) and French (1036)', () => {
  const languages = zip.customizations.children.find((c) => c.name === 'Languages')!;
  expect(languages.children.map((l) => l.text)).toEqual(['1033', '1036']);
});

test('the solution carries labels of every kind of component', () => {
  // A guard for the scan itself: the places Microsoft's article names all hold labels here.
  const kinds = [
    '/attribute',
    '/optionset',
    '/savedquery',
    '/systemform',
    '/AppModule',
    '/SiteMap',
    '/LocLabel',
    '/EntityKey',
    'environmentvariabledefinitions/',
    '/SolutionManifest',
  ];
  for (const kind of kinds) expect({ kind, found: english.some((l) => l.where.includes(kind)) }).toEqual({ kind, found: true });
});

test('every English label has a French twin', () => {
  const missing = english.filter((l) => (l.texts.get(1036) ?? '') === '').map((l) => `${l.where}: "${l.texts.get(1033)}"`);
  expect(missing).toEqual([]);
});

test('no French label is the English one copied (names of proper-names.ts aside)', () => {
  const copies = english
    .filter((l) => l.texts.get(1036) === l.texts.get(1033) && translatable(l.texts.get(1033)!) !== '')
    .map((l) => `${l.where}: "${l.texts.get(1036)}"`);
  expect(copies).toEqual([]);
});

test('no French label holds English words', () => {
  const mixed = english
    .map((l) => ({ where: l.where, fr: l.texts.get(1036) ?? '' }))
    .filter(({ fr }) => ENGLISH_WORDS.test(translatable(fr)))
    .map(({ where, fr }) => `${where}: "${fr}"`);
  expect(mixed).toEqual([]);
});

test('French labels follow French typography: a no-break space before : ; ? ! and inside « », no straight quotes', () => {
  const bad = english
    .map((l) => ({ where: l.where, fr: l.texts.get(1036) ?? '' }))
    .filter(({ fr }) => {
      const prose = fr.replace(CODE, '_');
      return /[^\u00a0\u202f][:;?!]/.test(prose) || /«[^\u00a0\u202f]|[^\u00a0\u202f]»/.test(prose) || /["“”]/.test(prose);
    })
    .map(({ where, fr }) => `${where}: "${fr}"`);
  expect(bad).toEqual([]);
});

test('every label is in the two languages only, English first as an export writes them', () => {
  const other = labels.filter((l) => [...l.texts.keys()].some((c) => c !== 1033 && c !== 1036)).map((l) => l.where);
  expect(other).toEqual([]);
  const order = english.filter((l) => [...l.texts.keys()][0] !== 1033).map((l) => l.where);
  expect(order).toEqual([]);
});

test('the ribbon buttons have a French label and tooltip (LocLabels), which LabelText, ToolTipTitle and Alt name', () => {
  const ribbonLabels = english.filter((l) => l.where.includes('/LocLabel'));
  // Four buttons (three on opportunity and quote each, Sync to CLM on contact): a label and a tooltip each.
  expect(ribbonLabels).toHaveLength(2 * (3 + 3 + 1));
  expect(ribbonLabels.map((l) => l.texts.get(1036))).toContain('Demander un contrat');
});
