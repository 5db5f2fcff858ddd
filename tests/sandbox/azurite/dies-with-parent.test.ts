import { spawn } from 'node:child_process';
import { join } from 'node:path';

/** A parent killed hard (SIGKILL, no clean-up) must not leave Azurite running on its ports. */
const root = join(__dirname, '..', '..', '..');

async function answers(url: string): Promise<boolean> {
  try {
    await fetch(url);
    return true;
  } catch {
    return false;
  }
}

it('Azurite stops when the process that started it is killed', async () => {
  const parent = spawn(process.execPath, [join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(__dirname, 'fixtures', 'hold-azurite.ts')], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const { blob, pid } = await new Promise<{ blob: string; pid: number }>((resolve, reject) => {
    let out = '';
    parent.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /BLOB (\S+) PID (\d+)/.exec(out);
      if (m) resolve({ blob: m[1], pid: Number(m[2]) });
    });
    parent.once('exit', () => reject(new Error(`parent exited early: ${out}`)));
  });
  expect(await answers(blob)).toBe(true);
  // tsx runs the script in a node of its own: that node (Azurite's parent) is the one killed hard.
  const exited = new Promise((resolve) => parent.once('exit', resolve));
  process.kill(pid, 'SIGKILL');
  await exited;
  // Azurite sees its stdin pipe close and exits; wait until its port is free.
  let up = true;
  for (let i = 0; i < 100 && up; i++) {
    up = await answers(blob);
    if (up) await new Promise((r) => setTimeout(r, 100));
  }
  expect(up).toBe(false);
}, 30_000);
