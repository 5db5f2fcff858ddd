/**
 * `npm run build`: makes dist/
 *   webresources/                          the bundled web resources (webpack)
 *   functions/  +  functions.zip           the Azure Functions app, compiled, with package.json and host.json
 *   DiliTrustCLMConnector_<version>.zip    the unmanaged solution to import into Dynamics
 * and prints what it made. Exits non-zero with the reason on any failure.
 *
 * Each step is exported and takes the output directory, so tests build into a temp directory.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import JSZip from 'jszip';
import webpack from 'webpack';
import { connectorSolutionInput, packSolution } from '../solution/pack';

const ROOT = join(__dirname, '..');
/** Zip entries carry no build time, so the same sources give the same zip. */
const FIXED_DATE = new Date(Date.UTC(1980, 0, 1));

export class BuildError extends Error {}

function listFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((entry) => {
      const full = join(dir, entry);
      return statSync(full).isDirectory() ? listFiles(full) : [full];
    });
}

// ---------------------------------------------------------------- web resources

interface WebpackConfigModule {
  webresourcesConfig(opts: { outDir: string; mode?: 'production' | 'development' }): webpack.Configuration;
}

export async function bundleWebResources(outDir: string): Promise<string> {
  const dir = join(outDir, 'webresources');
  const { webresourcesConfig } = require(join(ROOT, 'webpack.config.js')) as WebpackConfigModule;
  const stats = await new Promise<webpack.Stats>((resolve, reject) => {
    webpack(webresourcesConfig({ outDir: dir }), (err, result) => (err || !result ? reject(err ?? new Error('webpack gave no result')) : resolve(result)));
  });
  if (stats.hasErrors()) {
    throw new BuildError(`webpack failed:\n${stats.toString({ all: false, errors: true, errorDetails: true })}`);
  }
  return dir;
}

// ---------------------------------------------------------------- functions

function readRootPackage(): { name: string; version: string; dependencies: Record<string, string>; engines?: Record<string, string> } {
  return JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
}

/** Compiles functions/ and api/ to CommonJS in <outDir>/functions with tsc; type errors fail the build. */
export function compileFunctions(outDir: string): string {
  const dir = join(outDir, 'functions');
  const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  const result = spawnSync(process.execPath, [tsc, '-p', join(ROOT, 'functions', 'tsconfig.build.json'), '--outDir', dir], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    throw new BuildError(`tsc -p functions/tsconfig.build.json failed:\n${(result.stdout + result.stderr).trim()}`);
  }
  pruneTypeOnlyImports(dir);
  return dir;
}

/**
 * tsc emits every file the program reaches, including files reached only by `import type`.
 * Such files are empty at run time: drop them. A sandbox or
 * test file that compiled code really requires is a bug: production code never imports the sandbox.
 */
function pruneTypeOnlyImports(dir: string): void {
  const forbidden = ['sandbox', 'tests'].map((d) => join(dir, d)).filter(existsSync);
  if (forbidden.length === 0) return;
  const shipped = listFiles(dir).filter((f) => f.endsWith('.js') && !forbidden.some((d) => f.startsWith(d + sep)));
  for (const file of shipped) {
    const source = readFileSync(file, 'utf8');
    const offending = /require\("([^"]*\/(?:sandbox|tests)\/[^"]*)"\)/.exec(source);
    if (offending) throw new BuildError(`${relative(dir, file)} requires ${offending[1]}: the functions app must not depend on the sandbox or the tests`);
  }
  for (const d of forbidden) rmSync(d, { recursive: true, force: true });
}

/** package.json (production dependencies of the root package) and host.json beside the compiled code. */
export function writeFunctionsManifest(functionsDir: string): void {
  const root = readRootPackage();
  const main = 'functions/src/index.js';
  if (!existsSync(join(functionsDir, main))) throw new BuildError(`${main} was not produced by tsc`);
  const pkg = {
    name: `${root.name}-functions`,
    version: root.version,
    private: true,
    description: 'DiliTrust CLM connector: Azure Functions app (Node, v4 programming model)',
    main,
    ...(root.engines ? { engines: root.engines } : {}),
    dependencies: root.dependencies,
  };
  writeFileSync(join(functionsDir, 'package.json'), JSON.stringify(pkg, null, 2) + '\n');
  copyFileSync(join(ROOT, 'functions', 'host.json'), join(functionsDir, 'host.json'));
}

/**
 * package-lock.json of the functions package: the root lock without its development packages, so
 * that `npm ci --omit=dev` in the package (or Oryx's remote build) installs exactly the versions
 * the tests ran with.
 */
export function writeFunctionsLockfile(functionsDir: string): void {
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
    lockfileVersion: number;
    packages: Record<string, { dev?: boolean } & Record<string, unknown>>;
  };
  if (lock.lockfileVersion < 2) throw new BuildError('package-lock.json must be lockfileVersion 2 or 3');
  const pkg = JSON.parse(readFileSync(join(functionsDir, 'package.json'), 'utf8')) as { name: string; version: string; dependencies: Record<string, string> };
  const packages: Record<string, unknown> = { '': { name: pkg.name, version: pkg.version, dependencies: pkg.dependencies } };
  for (const [path, entry] of Object.entries(lock.packages)) {
    if (path !== '' && !entry.dev) packages[path] = entry;
  }
  const out = { name: pkg.name, version: pkg.version, lockfileVersion: 3, requires: true, packages };
  writeFileSync(join(functionsDir, 'package-lock.json'), JSON.stringify(out, null, 2) + '\n');
}

/** `npm ci --omit=dev` in the package, for a zip that runs without a remote build (needs the npm registry). */
export function installFunctionsDependencies(functionsDir: string): void {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['ci', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: functionsDir, encoding: 'utf8' });
  if (result.status !== 0) throw new BuildError(`npm ci --omit=dev in ${functionsDir} failed:\n${(result.stdout + result.stderr).trim()}`);
}

/** The package for `az functionapp deployment source config-zip`: the functions dir's content at the zip's root. */
export async function zipFunctions(functionsDir: string, outDir: string): Promise<string> {
  const zip = new JSZip();
  for (const file of listFiles(functionsDir)) {
    zip.file(relative(functionsDir, file).split(sep).join('/'), readFileSync(file), { date: FIXED_DATE, createFolders: false });
  }
  const path = join(outDir, 'functions.zip');
  writeFileSync(path, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 }, platform: 'UNIX' }));
  return path;
}

// ---------------------------------------------------------------- the whole build

export interface BuildResult {
  outDir: string;
  solutionZip: string;
  functionsZip: string;
  webResourcesDir: string;
  functionsDir: string;
  seconds: number;
}

export interface BuildOptions {
  outDir?: string;
  /** Put node_modules (production) into functions.zip: `npm run build -- --with-node-modules`. */
  withNodeModules?: boolean;
}

export async function build(opts: BuildOptions = {}): Promise<BuildResult> {
  const started = Date.now();
  const outDir = opts.outDir ?? join(ROOT, 'dist');
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });

  const webResourcesDir = await bundleWebResources(outDir);
  const functionsDir = compileFunctions(outDir);
  writeFunctionsManifest(functionsDir);
  writeFunctionsLockfile(functionsDir);
  if (opts.withNodeModules) installFunctionsDependencies(functionsDir);
  const solutionZip = await packSolution(connectorSolutionInput({ webResourcesDir }), outDir);
  const functionsZip = await zipFunctions(functionsDir, outDir);
  return { outDir, solutionZip, functionsZip, webResourcesDir, functionsDir, seconds: (Date.now() - started) / 1000 };
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
  console.log(`  ${rel(r.solutionZip)}  ${size(r.solutionZip)}  (import into Dynamics: Solutions > Import)`);
  console.log(`  ${rel(r.functionsZip)}  ${size(r.functionsZip)}  (az functionapp deployment source config-zip)`);
  console.log(`  ${rel(r.webResourcesDir)}/`);
  for (const f of listFiles(r.webResourcesDir)) {
    const gz = f.endsWith('.js') ? `  (${gzippedKb(f).toFixed(1)} KB gzipped)` : '';
    console.log(`    ${relative(r.webResourcesDir, f).split(sep).join('/')}  ${size(f)}${gz}`);
  }
  reportBudgets(r.webResourcesDir);
}

/**
 * The web resource budgets (issue 12): ribbon.js, which loads with every opportunity and quote form,
 * at most 10 KB gzipped; each page's script with the chunks it may load (MSAL) at most 250 KB.
 */
function reportBudgets(webResourcesDir: string): void {
  const js = join(webResourcesDir, 'dtclm_', 'js');
  const pages = listFiles(join(webResourcesDir, 'dtclm_', 'html')).map((f) => f.slice(f.lastIndexOf(sep) + 1).replace(/\.html$/, ''));
  const chunks = readdirSync(js).filter((f) => f.endsWith('.js') && f !== 'ribbon.js' && !pages.includes(f.replace(/\.js$/, '')));
  const chunkKb = chunks.reduce((sum, f) => sum + gzippedKb(join(js, f)), 0);
  const line = (name: string, kb: number, limit: number) =>
    `    ${name.padEnd(44)} ${kb.toFixed(1).padStart(6)} KB gzipped (budget ${limit} KB) ${kb <= limit ? 'ok' : 'OVER'}`;
  console.log('  budgets:');
  console.log(line('dtclm_/js/ribbon.js', gzippedKb(join(js, 'ribbon.js')), 10));
  for (const page of pages) {
    console.log(line(`dtclm_/js/${page}.js + on-demand chunks`, gzippedKb(join(js, `${page}.js`)) + chunkKb, 250));
  }
}

if (require.main === module) {
  build({ withNodeModules: process.argv.includes('--with-node-modules') }).then(report, (err: unknown) => {
    const message = err instanceof Error ? err.message : String(err);
    console.error(`Build failed: ${message}`);
    if (!(err instanceof BuildError) && err instanceof Error && err.stack) console.error(err.stack);
    process.exit(1);
  });
}
