/**
 * docs/fr/admin-guide.md is docs/admin-guide.md in French and stays in step with it: the same
 * sections in the same order, in each the same numbered steps, the same table rows, the same
 * commands (code blocks, word for word), the same names in code (`dtclm_clm_url`, `AZURE_CLIENT_ID`,
 * ...), the same screenshots and the same connector roles in bold. It names Microsoft's screens by
 * their French names, and follows French typography (a no-break space before : ; ? !, « guillemets »).
 * A step added to one guide and not the other fails here, naming the section.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { connectorRoles } from '../../solution/model';

const read = (p: string) => readFileSync(path.join(__dirname, '../../docs', p), 'utf8');
const english = read('admin-guide.md');
const french = read('fr/admin-guide.md');

interface Section {
  title: string;
  body: string;
}

/** The `## ` sections (the text before the first one is the introduction). */
function sections(md: string): Section[] {
  const parts = md.split(/^## /m);
  return [{ title: '(introduction)', body: parts[0]! }, ...parts.slice(1).map((p) => ({ title: p.slice(0, p.indexOf('\n')), body: p }))];
}

const fences = (s: string) => [...s.matchAll(/```[a-z]*\n([\s\S]*?)```/g)].map((m) => m[1]!.replace(/^\s+/gm, ''));
/** The text outside code blocks. */
const prose = (s: string) => s.replace(/```[\s\S]*?```/g, '');
const numberedSteps = (s: string) => prose(s).match(/^\s*\d+\. /gm)?.length ?? 0;
const tableRows = (s: string) => prose(s).match(/^\s*\|/gm)?.length ?? 0;
const codeSpans = (s: string) => [...new Set([...prose(s).matchAll(/`([^`]+)`/g)].map((m) => m[1]!.replace(/\s+/g, ' ')))].sort();
const images = (s: string) => [...s.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)].map((m) => path.basename(m[1]!));
const roles = (s: string) => connectorRoles.map((r) => r.name).filter((name) => s.includes(`**${name}**`));

const en = sections(english);
const fr = sections(french);

test('the French guide has the sections of the English one, steps numbered alike', () => {
  expect(fr).toHaveLength(en.length);
  const stepNumber = (title: string) => /^(?:Step|Étape) (\d+)\./.exec(title)?.[1] ?? null;
  expect(fr.map((s) => stepNumber(s.title))).toEqual(en.map((s) => stepNumber(s.title)));
});

describe.each(en.map((s, i) => [s.title, i] as const))('section "%s"', (title, i) => {
  const e = en[i]!;
  const f = fr[i] ?? { title: '(missing)', body: '' };

  it('has as many numbered steps and table rows', () => {
    expect({ title, steps: numberedSteps(f.body), rows: tableRows(f.body) }).toEqual({ title, steps: numberedSteps(e.body), rows: tableRows(e.body) });
  });

  it('runs the same commands and names the same things in code', () => {
    expect(fences(f.body)).toEqual(fences(e.body));
    expect(codeSpans(f.body)).toEqual(codeSpans(e.body));
  });

  it('shows the same screenshots and the same connector roles', () => {
    expect(images(f.body)).toEqual(images(e.body));
    expect(roles(f.body)).toEqual(roles(e.body));
  });
});

/** Microsoft's screens by their English names: the French guide names them as the French UI does. */
const ENGLISH_SCREEN_NAMES = [
  'Power Platform admin center',
  'Microsoft Entra admin center',
  'App registrations',
  'New registration',
  'Certificates & secrets',
  'Expose an API',
  'API permissions',
  'Grant admin consent',
  'Single-page application',
  'Import solution',
  'Application users',
  'New app user',
  'Edit security roles',
  'Manage security roles',
  'Environment variables',
  'New value',
  'Current value',
  'System Administrator',
];

test("the French guide names Microsoft's screens in French (« Centre d'administration Power Platform »...)", () => {
  const text = prose(french).replace(/`[^`]*`/g, '');
  expect(ENGLISH_SCREEN_NAMES.filter((name) => text.includes(name))).toEqual([]);
  for (const name of ["Centre d'administration Power Platform", "Centre d'administration Microsoft Entra", 'Inscriptions d’applications'.replace('’', "'")])
    expect({ name, found: text.includes(name) }).toEqual({ name, found: true });
});

test('the French guide follows French typography: a no-break space before : ; ? ! and inside « »', () => {
  // Code, addresses and the English messages quoted in italics keep their own punctuation.
  const frenchProse = prose(french)
    .replace(/`[^`]*`/g, '_')
    .replace(/(?<!\*)\*(?!\*)[^*\n]+(?<!\*)\*(?!\*)/g, '_')
    .replace(/https?:\/\/[^\s)|]+/g, '_')
    .replace(/\]\([^)]*\)/g, ']');
  const lines = frenchProse.split('\n').filter((l) => / [:;?!]/.test(l) || /« | »/.test(l) || /\w[;?!]/u.test(l));
  expect(lines).toEqual([]);
});
