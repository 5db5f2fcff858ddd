/**
 * dist/functions/ and dist/functions.zip: the Azure Functions app as the Functions host runs it,
 * with nothing to install. esbuild bundles functions/src/index.ts and every production package it
 * reaches into one CommonJS file, so a cold start reads one file instead of resolving a thousand
 * modules in node_modules (the measured figures are in solution/README.md).
 *
 *   index.js       the bundle, package.json's `main`
 *   package.json   name, version, main, engines; no dependencies (they are inside index.js)
 *   host.json      functions/host.json
 *
 * `@azure/functions-core` stays outside: the Node worker provides it, like `path` (it is not an npm
 * package; the library's maintainers say so and advise marking it external: Azure/azure-functions-nodejs-library#201).
 * tsc still typechecks functions/ and api/ (esbuild only strips types).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { build as esbuild } from 'esbuild';
import { deterministicZip } from '../solution/pack/deterministic-zip';
import { BuildError, listFiles, ROOT } from './build-common';

/** The module the Functions Node worker injects: never bundled, never installed. */
const WORKER_PROVIDED_MODULES = ['@azure/functions-core'];
const FUNCTIONS_MAIN = 'index.js';

interface RootPackage {
  name: string;
  version: string;
  engines?: Record<string, string>;
}

function readRootPackage(): RootPackage {
  return JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as RootPackage;
}

/** Type errors in functions/ or api/ fail the build, as they did when tsc compiled the app. */
export function typecheckFunctions(): void {
  const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  const result = spawnSync(process.execPath, [tsc, '-p', join(ROOT, 'functions', 'tsconfig.build.json'), '--noEmit'], { cwd: ROOT, encoding: 'utf8' });
  if (result.status !== 0) throw new BuildError(`tsc -p functions/tsconfig.build.json failed:\n${(result.stdout + result.stderr).trim()}`);
}

/** Folders of the repository that production code never imports: a bundle input from one is a bug. */
const FORBIDDEN_SOURCES = ['sandbox', 'tests', 'webresources', 'bench', 'scripts'];

const ENTRY = 'functions/src/index.ts';

/**
 * Bundles the app into <outDir>/functions/index.js and returns the folder. Beside the folder (not in
 * the package), functions-inputs.json lists every source file the bundle holds.
 * `entry` is for tests only (a fixture that imports what it must not).
 */
export async function bundleFunctions(outDir: string, entry = ENTRY): Promise<string> {
  const dir = join(outDir, 'functions');
  mkdirSync(dir, { recursive: true });
  const result = await esbuild({
    absWorkingDir: ROOT,
    entryPoints: [entry],
    outfile: join(dir, FUNCTIONS_MAIN),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: WORKER_PROVIDED_MODULES,
    minify: true,
    // Licence comments of the bundled packages go to index.js.LEGAL.txt, not into the code.
    legalComments: 'external',
    // Some packages are ESM that read import.meta.url (createRequire); in CommonJS it is the file's own URL.
    define: { 'import.meta.url': '__import_meta_url' },
    banner: { js: 'var __import_meta_url=require("url").pathToFileURL(__filename).href;' },
    metafile: true,
    logLevel: 'silent',
  }).catch((err: unknown) => {
    throw new BuildError(`esbuild could not bundle functions/src/index.ts:\n${err instanceof Error ? err.message : String(err)}`);
  });
  const inputs = Object.keys(result.metafile.inputs).sort();
  writeFileSync(join(outDir, 'functions-inputs.json'), JSON.stringify(inputs, null, 2) + '\n');
  const forbidden = inputs.filter((input) => input !== entry && FORBIDDEN_SOURCES.some((d) => input.startsWith(`${d}/`)));
  if (forbidden.length > 0) {
    throw new BuildError(
      `the functions app must not depend on ${forbidden.join(', ')} (production code never imports the sandbox, the tests or the browser code)`,
    );
  }
  return dir;
}

/** package.json (main, no dependencies: they are bundled) and host.json beside the bundle. */
export function writeFunctionsManifest(functionsDir: string): void {
  const root = readRootPackage();
  const pkg = {
    name: `${root.name}-functions`,
    version: root.version,
    private: true,
    description: 'DiliTrust CLM connector: Azure Functions app (Node, v4 programming model), bundled',
    main: FUNCTIONS_MAIN,
    ...(root.engines ? { engines: root.engines } : {}),
    dependencies: {},
  };
  writeFileSync(join(functionsDir, 'package.json'), JSON.stringify(pkg, null, 2) + '\n');
  copyFileSync(join(ROOT, 'functions', 'host.json'), join(functionsDir, 'host.json'));
}

/** The package for `az functionapp deployment source config-zip`: the folder's content at the zip's root. */
export async function zipFunctions(functionsDir: string, outDir: string): Promise<string> {
  const path = join(outDir, 'functions.zip');
  const entries = listFiles(functionsDir).map((file) => ({ name: relative(functionsDir, file).split(sep).join('/'), content: readFileSync(file) }));
  writeFileSync(path, await deterministicZip(entries, 'UNIX'));
  return path;
}

export interface HostLoad {
  requireMs: number;
  programmingModel: string | null;
  functions: Array<{ name: string; bindings: Record<string, Record<string, unknown>> }>;
}

/** Loads the package in a fresh `node`, as the Functions worker does (scripts/host-load.cjs). */
export function loadLikeHost(functionsDir: string): HostLoad {
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'host-load.cjs'), functionsDir], {
    encoding: 'utf8',
    // The worker's process: no development settings of this shell leak in.
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production' },
    timeout: 60_000,
  });
  if (r.status !== 0) throw new BuildError(`the functions package does not load as the host loads it:\n${(r.stderr || r.stdout).trim().slice(0, 2000)}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as HostLoad;
}

/** Median over `runs` fresh processes of the time `require(main)` takes: the app's share of a cold start. */
export function coldLoadMedianMs(functionsDir: string, runs = 5): number {
  const times = Array.from({ length: runs }, () => loadLikeHost(functionsDir).requireMs).sort((a, b) => a - b);
  return times[Math.floor(runs / 2)]!;
}
