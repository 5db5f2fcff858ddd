/**
 * `npm run lint`: the checks that keep the code as ARCHITECTURE.md says, each over the whole repository:
 *  1. Prettier (formatting),
 *  2. ESLint with typescript-eslint's type-aware rules (eslint.config.mjs),
 *  3. dependency-cruiser: the layering arrows and no import cycle (.dependency-cruiser.cjs),
 *  4. knip: no unused file, export or dependency (knip.json).
 * All four run even when one fails, so one run shows every problem; the exit code is non-zero if any failed.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..');
const bin = (name: string) => join(root, 'node_modules', '.bin', name);

const checks: [string, string, string[]][] = [
  ['prettier', bin('prettier'), ['--check', '--log-level', 'warn', '.']],
  ['eslint', bin('eslint'), ['--max-warnings', '0', '.']],
  [
    'dependency-cruiser',
    bin('depcruise'),
    ['--config', '.dependency-cruiser.cjs', 'functions', 'api', 'webresources', 'solution', 'sandbox', 'tests', 'bench', 'scripts'],
  ],
  // A configuration hint (an ignore nothing needs any more) fails too, so knip.json's ignores are removed once their reason is gone.
  ['knip', bin('knip'), ['--no-progress', '--treat-config-hints-as-errors']],
];

// `--skip <name>`: leave one check out while working (`--skip knip` is the slow one); npm test runs all four.
const skipped = new Set(process.argv.flatMap((a, i, all) => (a === '--skip' && all[i + 1] ? [all[i + 1]] : [])));

let failed = 0;
for (const [label, command, args] of checks) {
  if (skipped.has(label)) {
    console.log(`lint ${label}: skipped`);
    continue;
  }
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  const ok = result.status === 0;
  if (!ok) failed++;
  console.log(`lint ${label}: ${ok ? 'ok' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
process.exit(failed ? 1 : 0);
