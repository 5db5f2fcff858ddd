/** What the build's steps share: the repository root, the build's own error, listing a folder. */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..');

/** A failure the build reports in one sentence (no stack trace): a type error, a missing file. */
export class BuildError extends Error {}

/** Every file below `dir`, sorted, so that what is made from the list is the same on every machine. */
export function listFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((entry) => {
      const full = join(dir, entry);
      return statSync(full).isDirectory() ? listFiles(full) : [full];
    });
}
