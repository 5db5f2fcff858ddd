/**
 * The harness runs what `npm run build` made, unchanged: the web resources in dist/webresources/ and
 * the command bar from the RibbonDiffXml inside the solution zip. The zip is found by its name's
 * pattern (unmanaged DiliTrustCLMConnector_<version>.zip, else the _managed one), not a fixed name.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..');
export const DIST = join(ROOT, 'dist');

export function findSolutionZip(dist = DIST): string | undefined {
  if (!existsSync(dist)) return undefined;
  const zips = readdirSync(dist).filter((f) => /^DiliTrustCLMConnector_.+\.zip$/i.test(f));
  const unmanaged = zips.filter((f) => !/_managed\.zip$/i.test(f)).sort();
  const pick = unmanaged.at(-1) ?? zips.sort().at(-1);
  return pick ? join(dist, pick) : undefined;
}

function newestMtime(dir: string): number {
  if (!existsSync(dir)) return 0;
  return readdirSync(dir, { withFileTypes: true }).reduce((max, e) => {
    const full = join(dir, e.name);
    return Math.max(max, e.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }, 0);
}

/** True when dist/ has a solution zip and web resources newer than every source they are made from. */
export function isBuildFresh(dist = DIST): boolean {
  const zip = findSolutionZip(dist);
  if (!zip || !existsSync(join(dist, 'webresources'))) return false;
  const sources = Math.max(
    ...['webresources', 'solution', 'api'].map((d) => newestMtime(join(ROOT, d))),
    statSync(join(ROOT, 'webpack.config.js')).mtimeMs,
    statSync(join(ROOT, 'package.json')).mtimeMs,
  );
  return statSync(zip).mtimeMs >= sources;
}

export function readFileIn(dir: string, relative: string): Buffer | undefined {
  const full = join(dir, relative);
  if (!full.startsWith(dir) || !existsSync(full) || !statSync(full).isFile()) return undefined;
  return readFileSync(full);
}
