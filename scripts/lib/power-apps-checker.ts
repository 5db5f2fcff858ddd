/**
 * Microsoft's Power Apps checker rules for web resources (@microsoft/eslint-plugin-power-apps):
 * every rule the plugin has, with the options the checker gives them by default, over the web
 * resources as they ship (dist/webresources), read through each bundle's source map.
 *
 * The rules were written for hand-made web resource files. Several follow a variable by its name
 * across the whole file (`const e = this.parent`, then every `e.x` is "a parent assumption"), so
 * over a bundle, let alone a minified one where every variable is a letter, code of one module is
 * blamed for another's. So each module of a bundle is checked as a file of its own, with the code
 * webpack put in the bundle (the source map's sourcesContent: our TypeScript as ts-loader
 * transpiled it, a package's file as published, webpack's runtime), and each finding belongs to
 * exactly one module: our own code (webresources/, api/) must have none; a package's finding
 * (webpack's runtime included) passes only when the allow-list names that package and rule.
 * A bundle made only of our code and webpack's (ribbon.js) is also checked whole, minified, as
 * the Power Apps checker sees it in the solution: any finding there fails.
 *
 * https://learn.microsoft.com/power-apps/maker/data-platform/powerapps-checker/rules/web/ (the rules)
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { relative, sep } from 'node:path';
import { fixupPluginRules } from '@eslint/compat';
import powerApps from '@microsoft/eslint-plugin-power-apps';
import { Linter } from 'eslint';
import { listFiles } from '../build-common';

/** Where a module comes from. */
export type Origin =
  | { kind: 'ours'; path: string }
  | { kind: 'package'; name: string; path: string }
  /** A source outside node_modules and our folders: checked as strictly as ours. */
  | { kind: 'unknown'; path: string };

interface CheckerFinding {
  /** The module (its path as the source map names it), or the bundle for a whole-bundle finding. */
  module: string;
  /** The bundles that hold the module (web resource names: dtclm_/js/ribbon.js). */
  bundles: string[];
  line: number;
  column: number;
  /** The rule's name without the plugin prefix: avoid-dom-form. */
  rule: string;
  message: string;
  origin: Origin;
}

/** A third-party package's finding that may ship, and why. */
export interface AllowedFinding {
  package: string;
  rule: string;
  /** Only in modules of these bundles (web resource names); in any bundle when absent. */
  bundles?: readonly string[];
  reason: string;
}

export interface CheckerResult {
  /** Every rule that ran. */
  rules: string[];
  /** The bundles checked (web resource names). */
  bundles: string[];
  /** How many distinct modules were checked. */
  modules: number;
  /** Findings in our own code, or in code of no known package: each one fails the check. */
  ours: CheckerFinding[];
  /** Third-party findings the allow-list does not name: each one fails the check. */
  unlisted: CheckerFinding[];
  /** Third-party findings the allow-list names, counted by entry. */
  allowed: Array<AllowedFinding & { count: number }>;
  /** Allow-list entries that matched nothing: their reason is gone, so the entry must go too. */
  stale: AllowedFinding[];
  /** Problems that are not findings (a bundle without source map, a module ESLint cannot parse). */
  errors: string[];
}

export interface CheckerOptions {
  allowed: readonly AllowedFinding[];
}

const PREFIX = 'power-apps';
const OUR_FOLDERS = ['webresources/', 'api/'];

const RULES = Object.keys(powerApps.rules).sort();

/** Every rule of the plugin, as an error, with its default options (as the checker runs them). */
function linterConfig(sourceType: 'module' | 'script'): Linter.Config[] {
  return [
    {
      files: ['**/*'],
      // ESLint 10 dropped the context methods of ESLint 8 (context.getSourceCode()) that some of the
      // plugin's rules still call; @eslint/compat puts them back around the rules, unchanged.
      plugins: { [PREFIX]: fixupPluginRules(powerApps) },
      languageOptions: { ecmaVersion: 'latest', sourceType },
      // Comments in the code (a package's eslint-disable of its own rules) neither silence nor add findings.
      linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: 'off' },
      rules: Object.fromEntries(RULES.map((r) => [`${PREFIX}/${r}`, 'error'])),
    },
  ];
}

/** A source as webpack's map names it (webpack://<namespace>/./node_modules/@fluentui/x/lib/a.js): its package or our folder. */
export function originOf(source: string): Origin {
  const path = source
    .replace(/^webpack:\/\/[^/]*\//, '')
    .replace(/^(\.\/)+/, '')
    .replace(/\?.*$/, '');
  // The code webpack itself writes into a bundle (its bootstrap and runtime: chunk loader, public path).
  if (path.startsWith('webpack/')) return { kind: 'package', name: 'webpack', path };
  const inModules = path.lastIndexOf('node_modules/');
  if (inModules >= 0) {
    const parts = path.slice(inModules + 'node_modules/'.length).split('/');
    const name = parts[0]?.startsWith('@') ? `${parts[0]}/${parts[1] ?? ''}` : (parts[0] ?? '');
    return { kind: 'package', name, path };
  }
  if (OUR_FOLDERS.some((folder) => path.startsWith(folder))) return { kind: 'ours', path };
  return { kind: 'unknown', path };
}

interface SourceMapFile {
  sources: string[];
  sourcesContent?: Array<string | null>;
}

interface Module {
  source: string;
  code: string;
  bundles: string[];
}

/** ESLint's notice that an inline eslint comment was ignored (noInlineConfig): not a finding, not a failure. */
const IGNORED_COMMENT = /has no effect because you have 'noInlineConfig'/;

/**
 * Lints one file's code under a neutral file name (ESLint ignores paths in node_modules), so every
 * module gets every rule; a module that is not valid as an ES module (CommonJS in sloppy mode) is
 * parsed as a script.
 */
function lint(linter: Linter, code: string): { messages: Linter.LintMessage[]; problem?: string } {
  let messages = linter.verify(code, linterConfig('module'), { filename: 'module.js' });
  if (messages.some((m) => m.fatal)) messages = linter.verify(code, linterConfig('script'), { filename: 'module.js' });
  const problem = messages.find((m) => !m.ruleId && !IGNORED_COMMENT.test(m.message));
  return { messages: messages.filter((m) => m.ruleId), problem: problem ? `${problem.line}:${problem.column} ${problem.message}` : undefined };
}

function findingOf(module: string, bundles: string[], message: Linter.LintMessage, origin: Origin): CheckerFinding {
  return { module, bundles, line: message.line, column: message.column, rule: message.ruleId!.slice(PREFIX.length + 1), message: message.message, origin };
}

/** Checks every .js file below `dir` (a bundle with its `.map` beside it), module by module. */
export function checkWebResources(dir: string, options: CheckerOptions): CheckerResult {
  const linter = new Linter({ configType: 'flat' });
  const files = listFiles(dir).filter((f) => f.endsWith('.js'));
  const result: CheckerResult = { rules: RULES, bundles: [], modules: 0, ours: [], unlisted: [], allowed: [], stale: [], errors: [] };
  // The same module in several bundles (react-dom in every page) is checked once.
  const modules = new Map<string, Module>();
  const wholeBundles: Array<{ name: string; file: string }> = [];

  for (const file of files) {
    const name = relative(dir, file).split(sep).join('/');
    result.bundles.push(name);
    const mapFile = `${file}.map`;
    if (!existsSync(mapFile)) {
      result.errors.push(`${name} has no source map (${name}.map): npm run build makes one beside each bundle; build again`);
      continue;
    }
    const map = JSON.parse(readFileSync(mapFile, 'utf8')) as SourceMapFile;
    map.sources.forEach((source, i) => {
      const code = map.sourcesContent?.[i];
      if (typeof code !== 'string') {
        result.errors.push(`${name}: the source map holds no code for ${source}`);
        return;
      }
      const key = `${source}\n${createHash('sha256').update(code).digest('hex')}`;
      const known = modules.get(key);
      if (known) known.bundles.push(name);
      else modules.set(key, { source, code, bundles: [name] });
    });
    if (map.sources.every((s) => originOf(s).kind === 'ours' || (originOf(s) as { name?: string }).name === 'webpack')) wholeBundles.push({ name, file });
  }
  result.modules = modules.size;

  const counts = new Map<AllowedFinding, number>();
  for (const { source, code, bundles } of modules.values()) {
    const origin = originOf(source);
    const { messages, problem } = lint(linter, code);
    if (problem) result.errors.push(`${origin.path} (in ${bundles.join(', ')}) could not be checked: ${problem}`);
    for (const message of messages) {
      const finding = findingOf(origin.path, bundles, message, origin);
      if (origin.kind !== 'package') {
        result.ours.push(finding);
        continue;
      }
      const entry = options.allowed.find(
        (a) => a.package === origin.name && a.rule === finding.rule && (!a.bundles || bundles.some((b) => a.bundles!.includes(b))),
      );
      if (entry) counts.set(entry, (counts.get(entry) ?? 0) + 1);
      else result.unlisted.push(finding);
    }
  }

  for (const { name, file } of wholeBundles) {
    const { messages, problem } = lint(linter, readFileSync(file, 'utf8'));
    if (problem) result.errors.push(`${name} could not be checked: ${problem}`);
    for (const message of messages) result.ours.push(findingOf(name, [name], message, { kind: 'ours', path: name }));
  }

  result.allowed = options.allowed.filter((a) => counts.has(a)).map((a) => ({ ...a, count: counts.get(a)! }));
  result.stale = options.allowed.filter((a) => !counts.has(a));
  return result;
}

export function checkerPassed(result: CheckerResult): boolean {
  return result.ours.length === 0 && result.unlisted.length === 0 && result.stale.length === 0 && result.errors.length === 0;
}

function describe(f: CheckerFinding): string {
  const where = f.origin.kind === 'package' ? `package ${f.origin.name}` : f.origin.kind === 'ours' ? 'our code' : 'code of no known package';
  return `  ${f.module}:${f.line}:${f.column}  ${f.rule}  (${where}, in ${f.bundles.join(', ')})\n    ${f.message.trim()}`;
}

/** The report `npm test` prints: what fails, then what passed and why. */
export function checkerReport(result: CheckerResult): string {
  const lines: string[] = [
    `${result.rules.length} rules of @microsoft/eslint-plugin-power-apps over ${result.modules} modules of ${result.bundles.length} bundles`,
  ];
  if (result.ours.length) lines.push(`${result.ours.length} finding(s) in our own code (webresources/, api/): fix the code`, ...result.ours.map(describe));
  if (result.unlisted.length) {
    lines.push(
      `${result.unlisted.length} finding(s) in third-party code not on the allow-list (scripts/lib/power-apps-checker-allowed.ts; give the reason there and in docs/web-resources.md, or avoid the package):`,
      ...result.unlisted.map(describe),
    );
  }
  if (result.stale.length) {
    lines.push(
      'allow-list entries that match nothing any more (remove them, and their row in docs/web-resources.md):',
      ...result.stale.map((a) => `  ${a.package}  ${a.rule}`),
    );
  }
  lines.push(...result.errors);
  for (const a of result.allowed) lines.push(`  allowed: ${a.package}  ${a.rule}  ${a.count} finding(s)`);
  return lines.join('\n');
}
