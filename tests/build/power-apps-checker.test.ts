/**
 * The Power Apps checker step of npm test (scripts/lib/power-apps-checker.ts): Microsoft's rules for
 * web resources (@microsoft/eslint-plugin-power-apps, every rule) over bundles with their source
 * maps, each finding traced to the module it is in. Fixtures are small bundles with maps written
 * here, shaped as webpack writes them (sources named webpack://<namespace>/./<path>, sourcesContent
 * holding each module's code); the real build is checked in build-output.test.ts.
 * https://learn.microsoft.com/power-apps/maker/data-platform/powerapps-checker/rules/web/
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { POWER_APPS_CHECKER_ALLOWED } from '../../scripts/lib/power-apps-checker-allowed';
import { checkerPassed, checkWebResources, originOf, type AllowedFinding } from '../../scripts/lib/power-apps-checker';
import { REPO_ROOT } from './helpers/paths';

const NS = 'webpack://dilitrust-clm-connector/';

/** A folder of bundles: each bundle is its modules (source path -> code), joined, with its map beside it. */
function bundles(spec: Record<string, Record<string, string>>, opts: { withoutMap?: string[]; bundleText?: Record<string, string> } = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'pa-checker-'));
  for (const [name, modules] of Object.entries(spec)) {
    const file = join(dir, name);
    mkdirSync(dirname(file), { recursive: true });
    const sources = Object.keys(modules);
    // The shipped text: each module in a function of its own, as webpack writes them (exports dropped).
    writeFileSync(file, opts.bundleText?.[name] ?? sources.map((s) => `(() => {\n${modules[s]!.replace(/\bexport /g, '')}\n})();`).join('\n'));
    if (!opts.withoutMap?.includes(name)) {
      writeFileSync(
        `${file}.map`,
        JSON.stringify({ version: 3, file: name, sources: sources.map((s) => NS + s), sourcesContent: Object.values(modules), names: [], mappings: '' }),
      );
    }
  }
  return dir;
}

const CODEMIRROR_VIEW = './node_modules/@codemirror/view/dist/index.js';
const VIEW_CODE = 'export class ContentView { markParentsDirty() { this.parent.markDirty(false); } }';
const VIEW_ALLOWED: AllowedFinding = { package: '@codemirror/view', rule: 'do-not-make-parent-assumption', reason: 'a view tree node’s parent' };

describe('where a module comes from (the source names in webpack’s maps)', () => {
  it('our folders, a package (scoped or not, nested node_modules too), webpack’s runtime, anything else', () => {
    expect(originOf(`${NS}./webresources/ribbon/ribbon.ts`)).toEqual({ kind: 'ours', path: 'webresources/ribbon/ribbon.ts' });
    expect(originOf(`${NS}./api/contracts.ts`)).toMatchObject({ kind: 'ours' });
    expect(originOf(`${NS}./node_modules/@fluentui/react-tabster/lib/index.js`)).toMatchObject({ kind: 'package', name: '@fluentui/react-tabster' });
    expect(originOf(`${NS}./node_modules/a/node_modules/react-dom/cjs/x.js`)).toMatchObject({ kind: 'package', name: 'react-dom' });
    expect(originOf(`${NS}webpack/runtime/load script`)).toMatchObject({ kind: 'package', name: 'webpack' });
    expect(originOf(`${NS}./sandbox/harness/client/harness-page.ts`)).toMatchObject({ kind: 'unknown' });
  });
});

describe('the Power Apps checker over bundles', () => {
  it('runs every rule the plugin has', () => {
    const result = checkWebResources(bundles({ 'dtclm_/js/x.js': { './webresources/x.ts': 'export const x = 1;' } }), { allowed: [] });
    expect(result.rules).toHaveLength(26);
    expect(result.rules).toEqual(
      expect.arrayContaining(['avoid-ui-refreshribbon', 'use-cached-webresource', 'avoid-dom-form', 'do-not-make-parent-assumption', 'avoid-2011-api']),
    );
    expect(checkerPassed(result)).toBe(true);
  });

  it('fails on a finding planted in our own code, naming the module and the rule (Xrm.Page, an absolute /WebResources/ path, ui.refreshRibbon)', () => {
    const planted = [
      "export function name() { return Xrm.Page.getAttribute('name').getValue(); }",
      "export const icon = '/WebResources/dtclm_/icons/contractstatus.svg';",
      'export function after(form) { form.ui.refreshRibbon(); }',
    ].join('\n');
    const dir = bundles({ 'dtclm_/js/ribbon.js': { 'webpack/bootstrap': 'var __webpack_modules__ = {};', './webresources/ribbon/planted.ts': planted } });
    const result = checkWebResources(dir, { allowed: POWER_APPS_CHECKER_ALLOWED });
    expect(checkerPassed(result)).toBe(false);
    const inModule = result.ours.filter((f) => f.module === 'webresources/ribbon/planted.ts');
    expect(new Set(inModule.map((f) => f.rule))).toEqual(new Set(['use-client-context', 'use-cached-webresource', 'avoid-ui-refreshribbon']));
    expect(inModule.find((f) => f.rule === 'use-cached-webresource')).toMatchObject({ line: 2, bundles: ['dtclm_/js/ribbon.js'], origin: { kind: 'ours' } });
  });

  it('passes a third-party finding the allow-list names by package and rule, and counts it', () => {
    const dir = bundles({ 'dtclm_/js/admin.js': { './webresources/pages/admin/index.tsx': 'export const page = 1;', [CODEMIRROR_VIEW]: VIEW_CODE } });
    const result = checkWebResources(dir, { allowed: [VIEW_ALLOWED] });
    expect(result.ours).toEqual([]);
    expect(result.unlisted).toEqual([]);
    expect(result.allowed).toEqual([{ ...VIEW_ALLOWED, count: 1 }]);
    expect(checkerPassed(result)).toBe(true);
  });

  it('fails on a third-party finding the allow-list does not name, or names for another rule or other bundles', () => {
    const dir = bundles({ 'dtclm_/js/admin.js': { [CODEMIRROR_VIEW]: VIEW_CODE } });
    for (const allowed of [[], [{ ...VIEW_ALLOWED, rule: 'avoid-dom-form' }], [{ ...VIEW_ALLOWED, bundles: ['dtclm_/js/contractstatus.js'] }]]) {
      const result = checkWebResources(dir, { allowed });
      expect(result.unlisted.map((f) => [f.origin, f.rule])).toEqual([
        [{ kind: 'package', name: '@codemirror/view', path: 'node_modules/@codemirror/view/dist/index.js' }, 'do-not-make-parent-assumption'],
      ]);
      expect(checkerPassed(result)).toBe(false);
    }
  });

  it('checks each module on its own: a name one module ties to this.parent is not held against another module', () => {
    // As one file, the rule follows `node` from the first declaration to the second and blames our code.
    const theirs = 'export function up(view) { const node = this.parent; return node; }';
    const ours = 'export function first(node) { const c = node.firstChild; return c; }';
    const dir = bundles({ 'dtclm_/js/admin.js': { [CODEMIRROR_VIEW]: theirs, './webresources/pages/admin/mapping/json-tree.ts': ours } });
    const result = checkWebResources(dir, { allowed: [VIEW_ALLOWED] });
    expect(result.ours).toEqual([]);
    expect(result.allowed).toEqual([{ ...VIEW_ALLOWED, count: 1 }]);
  });

  it('checks a bundle of only our code and webpack’s whole, as shipped: webpack’s script-tag chunk loader fails it even when each module alone passes', () => {
    const modules = {
      'webpack/runtime/load script': 'var s = document.createElement("script"); document.head.appendChild(s);',
      './webresources/ribbon/ribbon.ts': 'export function f() { return Xrm.Utility.getGlobalContext(); }',
    };
    const shipped = 'var s=document.createElement("script");document.head.appendChild(s);function f(){return Xrm.Utility.getGlobalContext()}';
    const result = checkWebResources(bundles({ 'dtclm_/js/ribbon.js': modules }, { bundleText: { 'dtclm_/js/ribbon.js': shipped } }), { allowed: [] });
    expect(result.ours.map((f) => [f.module, f.rule])).toEqual(expect.arrayContaining([['dtclm_/js/ribbon.js', 'avoid-dom-form']]));
    expect(result.ours.every((f) => f.module === 'dtclm_/js/ribbon.js')).toBe(true);
    expect(checkerPassed(result)).toBe(false);
  });

  it('fails on an allow-list entry that matches nothing any more', () => {
    const result = checkWebResources(bundles({ 'dtclm_/js/x.js': { './webresources/x.ts': 'export const x = 1;' } }), { allowed: [VIEW_ALLOWED] });
    expect(result.stale).toEqual([VIEW_ALLOWED]);
    expect(checkerPassed(result)).toBe(false);
  });

  it('fails, saying so, on a bundle without its source map', () => {
    const result = checkWebResources(bundles({ 'dtclm_/js/x.js': { './webresources/x.ts': 'export const x = 1;' } }, { withoutMap: ['dtclm_/js/x.js'] }), {
      allowed: [],
    });
    expect(result.errors).toEqual([expect.stringMatching(/^dtclm_\/js\/x\.js has no source map .*npm run build/)]);
    expect(checkerPassed(result)).toBe(false);
  });

  it('checks a module shared by several bundles once and names every bundle that holds it', () => {
    const dir = bundles({ 'dtclm_/js/a.js': { [CODEMIRROR_VIEW]: VIEW_CODE }, 'dtclm_/js/b.js': { [CODEMIRROR_VIEW]: VIEW_CODE } });
    const result = checkWebResources(dir, { allowed: [] });
    expect(result.modules).toBe(1);
    expect(result.unlisted.map((f) => f.bundles)).toEqual([['dtclm_/js/a.js', 'dtclm_/js/b.js']]);
  });
});

describe('the allow-list', () => {
  it('has a reason for each entry, and docs/web-resources.md lists each package and rule', () => {
    const docs = readFileSync(join(REPO_ROOT, 'docs', 'web-resources.md'), 'utf8');
    for (const entry of POWER_APPS_CHECKER_ALLOWED) {
      expect({ entry, reason: entry.reason.length > 20 }).toEqual({ entry, reason: true });
      expect({ entry, listed: docs.includes(`| \`${entry.package}\` | \`${entry.rule}\` |`) }).toEqual({ entry, listed: true });
    }
  });
});
