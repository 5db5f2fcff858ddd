/**
 * Installs Debian packages that the tests need (xmllint, Chromium for the browser tests) when they are missing,
 * so that a fresh machine needs nothing but `npm ci && npm test`. Only root can install; anyone
 * else gets a message naming the package.
 */
import { execFileSync, spawnSync } from 'node:child_process';

function has(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

/** `needs` maps a command to the Debian package that provides it. */
export function ensureDebianPackages(needs: Record<string, string>): void {
  const missing = Object.entries(needs).filter(([command]) => !has(command));
  if (missing.length === 0) return;
  const packages = missing.map(([, pkg]) => pkg);
  if (process.getuid?.() !== 0) {
    throw new Error(
      `Missing ${missing.map(([c]) => c).join(', ')}: install the Debian package(s) ${packages.join(' ')} (sudo apt-get install ${packages.join(' ')}).`,
    );
  }
  console.log(`Installing Debian package(s) the tests need: ${packages.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const install = () => execFileSync('apt-get', ['install', '-y', '-qq', ...packages], { stdio: 'inherit', env });
  try {
    install();
  } catch {
    // A fresh machine may have no package lists yet.
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    install();
  }
}
