/**
 * Makes sure `xmllint` (Debian package libxml2-utils) is on the PATH before the build tests
 * validate customizations.xml against Microsoft's XSDs. Tests run as root in CI and in the dev
 * container, so a missing tool is installed with apt rather than skipping the schema check:
 * a solution that was never validated must not look green.
 */
import { execFileSync, spawnSync } from 'node:child_process';

function hasXmllint(): boolean {
  return spawnSync('xmllint', ['--version'], { stdio: 'ignore' }).status === 0;
}

function apt(args: string[]): void {
  execFileSync('apt-get', args, { stdio: 'pipe', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

/** Installs libxml2-utils when xmllint is missing; throws with a message saying what to do if it cannot. */
export function ensureXmllint(): void {
  if (hasXmllint()) return;
  try {
    try {
      apt(['install', '-y', '-q', 'libxml2-utils']);
    } catch {
      // The package lists may be missing or stale in a fresh container: refresh once and retry.
      apt(['update', '-q']);
      apt(['install', '-y', '-q', 'libxml2-utils']);
    }
  } catch (err) {
    const detail = err instanceof Error ? err.message.split('\n')[0] : String(err);
    throw new Error(
      `xmllint is missing and could not be installed (apt-get install -y libxml2-utils failed: ${detail}). ` +
        'Install libxml2-utils (Debian/Ubuntu) or libxml2 (macOS: comes with the system) and run the tests again.',
      { cause: err },
    );
  }
  if (!hasXmllint()) throw new Error('libxml2-utils was installed but xmllint is still not on the PATH.');
}
