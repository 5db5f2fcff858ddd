/**
 * The managed solution zip the sandbox imports, as a customer imports it: what `npm run build` made,
 * dist/DiliTrustCLMConnector_<version>_managed.zip. When it is missing, or older than the sources it
 * is made from (solution/, webresources/, api/, package.json, webpack.config.js), the sandbox builds
 * it first (the web resources and the two solution zips, about a minute), so that `npm ci && npm
 * start` and a test run on a fresh clone work. Several processes (Jest workers) may start at once:
 * one builds, under a lock directory, and the others wait for it and then read the zip it made.
 * All of it is synchronous: the emulator's default world is built by callers that cannot wait.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { SOLUTION, solutionVersion } from '../solution/model';
import { packageVersion, solutionZipName } from '../solution/pack';

const ROOT = join(__dirname, '..');
const DIST = join(ROOT, 'dist');
const SOURCES = ['solution', 'webresources', 'api'];
const SOURCE_FILES = ['package.json', 'webpack.config.js'];
/** A lock older than this was left by a build that died: taken over. */
const STALE_LOCK_MS = 10 * 60 * 1000;
const LOCK_POLL_MS = 500;

/** The zip's name only (the solution's name and package.json's version), never its components. */
function managedSolutionZipPath(dist = DIST): string {
  return join(dist, solutionZipName({ solution: SOLUTION, version: solutionVersion(packageVersion()), managed: true }));
}

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  return readdirSync(path).reduce((max, e) => Math.max(max, newestMtime(join(path, e))), 0);
}

function isFresh(zip: string): boolean {
  if (!existsSync(zip)) return false;
  const sources = Math.max(...SOURCES.map((d) => newestMtime(join(ROOT, d))), ...SOURCE_FILES.map((f) => newestMtime(join(ROOT, f))));
  return statSync(zip).mtimeMs >= sources;
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function withBuildLock(dist: string, work: () => void): void {
  mkdirSync(dist, { recursive: true });
  const lock = join(dist, '.solution-build.lock');
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > STALE_LOCK_MS) rmSync(lock, { recursive: true, force: true });
      sleepSync(LOCK_POLL_MS);
    }
  }
  try {
    work();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** scripts/build-solution.ts in its own process: webpack stays out of the emulator's process. */
function buildInChildProcess(dist: string): void {
  const result = spawnSync(join(ROOT, 'node_modules', '.bin', 'tsx'), [join(ROOT, 'scripts', 'build-solution.ts'), dist], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`Building the solution failed (exit ${result.status}): run npm run build to see why.`);
}

/** The zip's bytes, built first when missing or out of date. */
export function builtManagedSolutionZip(dist = DIST): { path: string; bytes: Buffer } {
  const path = managedSolutionZipPath(dist);
  if (!isFresh(path) || existsSync(join(dist, '.solution-build.lock'))) {
    withBuildLock(dist, () => {
      if (isFresh(path)) return; // another process built it while this one waited
      process.stderr.write(
        `The sandbox imports ${path}, which is ${existsSync(path) ? 'older than its sources' : 'missing'}: building it (npm run build does the same)...\n`,
      );
      buildInChildProcess(dist);
      if (!existsSync(path)) throw new Error(`The build did not make ${path}: run npm run build and read its errors.`);
    });
  }
  return { path, bytes: readFileSync(path) };
}
