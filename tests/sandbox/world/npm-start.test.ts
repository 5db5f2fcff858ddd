import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

/**
 * `npm start` as a person or a script runs it: one SANDBOX_READY line with the documented keys, and
 * SIGTERM stops it with exit code 0. (Runs sandbox/start.ts through tsx, which is what `npm start` does.)
 */
const root = join(__dirname, '..', '..', '..');
let child: ChildProcess;
let ready: Record<string, unknown>;
let output = '';

beforeAll(async () => {
  child = spawn(process.execPath, [join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'sandbox/start.ts'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  ready = await new Promise((resolve, reject) => {
    const deadline = setTimeout(() => reject(new Error(`no SANDBOX_READY within 60 s:\n${output}`)), 60_000);
    child.stdout!.on('data', (c: Buffer) => {
      output += c.toString();
      const line = output.split('\n').find((l) => l.startsWith('SANDBOX_READY '));
      if (line) {
        clearTimeout(deadline);
        resolve(JSON.parse(line.slice('SANDBOX_READY '.length)) as Record<string, unknown>);
      }
    });
    child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
    child.once('exit', (code) => reject(new Error(`npm start exited (${code}) before it was ready:\n${output}`)));
  });
}, 70_000);

afterAll(() => {
  if (child.exitCode === null) child.kill('SIGKILL');
});

describe('npm start', () => {
  it('prints exactly one SANDBOX_READY line with the documented keys', () => {
    expect(output.split('\n').filter((l) => l.startsWith('SANDBOX_READY '))).toHaveLength(1);
    for (const key of ['dataverse', 'identity', 'tenantId', 'clientId', 'clientSecret', 'functions', 'storage', 'clm']) {
      expect(typeof ready[key]).toBe('string');
    }
  });

  it('prints the demo users and their password for a person, and no CLM token', () => {
    expect(output).toContain('rep@contoso.example');
    expect(output).toContain('"sandbox"');
    expect(output).not.toMatch(/dtclm_token_(at|rt)\s*[:=]/);
  });

  it('stops every part and exits 0 on SIGTERM', async () => {
    const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
    await expect(fetch(String(ready.dataverse))).rejects.toThrow();
  }, 30_000);
});
