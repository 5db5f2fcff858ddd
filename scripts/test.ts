/**
 * `npm test`: every test of the project.
 *  1. installs the Debian tools the tests use (xmllint, Chromium), when missing;
 *  2. typechecks the whole repository (Jest only transpiles);
 *  3. runs the lint (scripts/lint.ts: Prettier, ESLint, dependency-cruiser, knip);
 *  4. runs Microsoft's Power Apps checker rules over the built web resources (scripts/power-apps-checker.ts;
 *     dist/webresources must be there: CI runs `npm run build` before `npm test`);
 *  5. runs Jest, then prints one closing line "tests: N passed, N failed" for CI.
 * Extra arguments go to Jest and skip steps 2 to 4: `npm test -- tests/unit`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureDebianPackages } from './lib/debian';

const root = join(__dirname, '..');
const bin = (name: string) => join(root, 'node_modules', '.bin', name);

function run(label: string, command: string, args: string[]): number {
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  console.log(`${label}: ${result.status === 0 ? 'ok' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return result.status ?? 1;
}

// xmllint: the solution's schema check; chromium: the browser tests (tests/e2e, playwright-core drives Debian's build);
// openssl: the identity emulator's https certificate for localhost (sandbox/tls).
ensureDebianPackages({ xmllint: 'libxml2-utils', chromium: 'chromium', openssl: 'openssl' });

const jestArgs = process.argv.slice(2);
let failed = false;
if (jestArgs.length === 0) {
  failed = run('typecheck', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']) !== 0 || failed;
  failed = run('typecheck webresources', bin('tsc'), ['-p', 'webresources/tsconfig.json', '--noEmit']) !== 0 || failed;
  failed = run('lint', bin('tsx'), [join(root, 'scripts', 'lint.ts')]) !== 0 || failed;
  failed = run('power-apps checker', bin('tsx'), [join(root, 'scripts', 'power-apps-checker.ts')]) !== 0 || failed;
}

const resultFile = join(mkdtempSync(join(tmpdir(), 'jest-')), 'results.json');
const jestStatus = run('jest', bin('jest'), ['--json', `--outputFile=${resultFile}`, ...jestArgs]);
let passed = 0;
let failedTests = 0;
try {
  const results = JSON.parse(readFileSync(resultFile, 'utf8')) as { numPassedTests: number; numFailedTests: number; numRuntimeErrorTestSuites: number };
  passed = results.numPassedTests;
  failedTests = results.numFailedTests + results.numRuntimeErrorTestSuites;
} catch {
  failedTests = Math.max(failedTests, 1);
}
console.log(`tests: ${passed} passed, ${failedTests} failed`);
process.exit(failed || jestStatus !== 0 ? 1 : 0);
