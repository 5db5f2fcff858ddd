/**
 * `npm run build`: makes dist/
 *   webresources/                                   the bundled web resources (webpack)
 *   functions/  +  functions.zip                    the Azure Functions app, bundled (scripts/functions-package.ts)
 *   DiliTrustCLMConnector_<version>.zip             the unmanaged solution (to develop on)
 *   DiliTrustCLMConnector_<version>_managed.zip     the managed solution (what customers import)
 * and prints what it made: the size and sha256 of each zip, and the functions package's cold load
 * time (median of 5 fresh processes requiring its entry point). Exits non-zero with the reason on
 * any failure.
 *
 * Each step is exported and takes the output directory, so tests build into a temp directory.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import webpack from 'webpack';
import { connectorSolutionInput, packSolution } from '../solution/pack';
import { BuildError, listFiles, ROOT } from './build-common';
import { bundleFunctions, coldLoadMedianMs, typecheckFunctions, writeFunctionsManifest, zipFunctions } from './functions-package';

// ---------------------------------------------------------------- web resources

interface WebpackConfigModule {
  webresourcesConfig(opts: { outDir: string; mode?: 'production' | 'development' }): webpack.Configuration;
}

async function bundleWebResources(outDir: string): Promise<string> {
  const dir = join(outDir, 'webresources');
  const mod = (await import(join(ROOT, 'webpack.config.js'))) as WebpackConfigModule & { default?: WebpackConfigModule };
  const webresourcesConfig = mod.webresourcesConfig ?? mod.default!.webresourcesConfig;
  const stats = await new Promise<webpack.Stats>((resolve, reject) => {
    webpack(webresourcesConfig({ outDir: dir }), (err, result) => (err || !result ? reject(err ?? new Error('webpack gave no result')) : resolve(result)));
  });
  if (stats.hasErrors()) {
    throw new BuildError(`webpack failed:\n${stats.toString({ all: false, errors: true, errorDetails: true })}`);
  }
  return dir;
}

// ---------------------------------------------------------------- the solution alone

/**
 * The web resources and both solution zips, into `outDir` (kept as it is otherwise): what the
 * sandbox needs to import the solution when dist/ has no fresh zip (sandbox/built-solution-zip.ts).
 */
export async function buildSolution(outDir: string = join(ROOT, 'dist')): Promise<{ solutionZip: string; managedSolutionZip: string }> {
  mkdirSync(outDir, { recursive: true });
  const webResourcesDir = join(outDir, 'webresources');
  rmSync(webResourcesDir, { recursive: true, force: true });
  await bundleWebResources(outDir);
  const solutionZip = await packSolution(connectorSolutionInput({ webResourcesDir, managed: false }), outDir);
  const managedSolutionZip = await packSolution(connectorSolutionInput({ webResourcesDir, managed: true }), outDir);
  return { solutionZip, managedSolutionZip };
}

// ---------------------------------------------------------------- the whole build

export interface BuildResult {
  outDir: string;
  solutionZip: string;
  managedSolutionZip: string;
  functionsZip: string;
  webResourcesDir: string;
  functionsDir: string;
  /** Median time of require(main) of the functions package in 5 fresh processes; undefined when not measured. */
  functionsColdLoadMs?: number;
  seconds: number;
}

export interface BuildOptions {
  outDir?: string;
  /** Skip tsc on functions/ (tests that typecheck elsewhere). */
  skipTypecheck?: boolean;
  /** Measure the functions package's cold load (5 fresh processes); on by default. */
  measureColdLoad?: boolean;
}

export async function build(opts: BuildOptions = {}): Promise<BuildResult> {
  const started = Date.now();
  const outDir = opts.outDir ?? join(ROOT, 'dist');
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });

  const webResourcesDir = await bundleWebResources(outDir);
  if (!opts.skipTypecheck) typecheckFunctions();
  const functionsDir = await bundleFunctions(outDir);
  writeFunctionsManifest(functionsDir);
  const functionsZip = await zipFunctions(functionsDir, outDir);
  const solutionZip = await packSolution(connectorSolutionInput({ webResourcesDir, managed: false }), outDir);
  const managedSolutionZip = await packSolution(connectorSolutionInput({ webResourcesDir, managed: true }), outDir);
  const functionsColdLoadMs = opts.measureColdLoad === false ? undefined : coldLoadMedianMs(functionsDir, 5);
  return { outDir, solutionZip, managedSolutionZip, functionsZip, webResourcesDir, functionsDir, functionsColdLoadMs, seconds: (Date.now() - started) / 1000 };
}

export function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

function size(path: string): string {
  return `${statSync(path).size.toLocaleString('en-US')} bytes`;
}

/** What a browser downloads: the gzipped size, in KB (1024 bytes), as the web resource budgets count it. */
function gzippedKb(path: string): number {
  return gzipSync(readFileSync(path), { level: 9 }).length / 1024;
}

function report(r: BuildResult): void {
  const rel = (p: string) => relative(ROOT, p) || p;
  console.log(`Built ${rel(r.outDir)}/ in ${r.seconds.toFixed(1)} s`);
  const zips: Array<[string, string]> = [
    [r.managedSolutionZip, 'import into Dynamics: Solutions > Import (customers)'],
    [r.solutionZip, 'unmanaged: for development environments'],
    [r.functionsZip, 'az functionapp deployment source config-zip'],
  ];
  for (const [zip, what] of zips) console.log(`  ${rel(zip)}  ${size(zip)}  sha256 ${sha256(zip)}  (${what})`);
  if (r.functionsColdLoadMs !== undefined) {
    console.log(`  functions cold load: require(${rel(join(r.functionsDir, 'index.js'))}) median of 5 fresh processes ${r.functionsColdLoadMs.toFixed(1)} ms`);
  }
  console.log(`  ${rel(r.webResourcesDir)}/`);
  for (const f of listFiles(r.webResourcesDir)) {
    const gz = f.endsWith('.js') ? `  (${gzippedKb(f).toFixed(1)} KB gzipped)` : '';
    console.log(`    ${relative(r.webResourcesDir, f).split(sep).join('/')}  ${size(f)}${gz}`);
  }
  reportBudgets(r.webResourcesDir);
}

/**
 * The web resource budgets: ribbon.js, which loads with every opportunity and quote form,
 * at most 10 KB gzipped; each page's script with the chunks it may load (MSAL) at most 250 KB; the
 * admin page, which carries the mapping editor (CodeMirror), at most 400 KB.
 */
const PAGE_BUDGET_KB: Record<string, number> = { admin: 400 };
const DEFAULT_PAGE_BUDGET_KB = 250;

function reportBudgets(webResourcesDir: string): void {
  const js = join(webResourcesDir, 'dtclm_', 'js');
  const pages = listFiles(join(webResourcesDir, 'dtclm_', 'html')).map((f) => f.slice(f.lastIndexOf(sep) + 1).replace(/\.html$/, ''));
  // The pages' on-demand chunks (MSAL); the ribbon's Sync to CLM client (sync-contact.js, fetched on a click) is no page's.
  const chunks = readdirSync(js).filter((f) => f.endsWith('.js') && f !== 'ribbon.js' && f !== 'sync-contact.js' && !pages.includes(f.replace(/\.js$/, '')));
  const chunkKb = chunks.reduce((sum, f) => sum + gzippedKb(join(js, f)), 0);
  const line = (name: string, kb: number, limit: number) =>
    `    ${name.padEnd(44)} ${kb.toFixed(1).padStart(6)} KB gzipped (budget ${limit} KB) ${kb <= limit ? 'ok' : 'OVER'}`;
  console.log('  budgets:');
  console.log(line('dtclm_/js/ribbon.js', gzippedKb(join(js, 'ribbon.js')), 10));
  for (const page of pages) {
    console.log(line(`dtclm_/js/${page}.js + on-demand chunks`, gzippedKb(join(js, `${page}.js`)) + chunkKb, PAGE_BUDGET_KB[page] ?? DEFAULT_PAGE_BUDGET_KB));
  }
}

if (require.main === module) {
  build().then(report, (err: unknown) => {
    const message = err instanceof Error ? err.message : String(err);
    console.error(`Build failed: ${message}`);
    if (!(err instanceof BuildError) && err instanceof Error && err.stack) console.error(err.stack);
    process.exit(1);
  });
}
