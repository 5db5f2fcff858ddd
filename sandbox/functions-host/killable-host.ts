/**
 * Host processes a test can kill (host-process.ts): each is a Function App instance of its own,
 * named by WEBSITE_INSTANCE_ID (the `workerId` of the runs it holds), on the world's emulators.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';

export interface HostProcess {
  name: string;
  url: string;
  child: ChildProcessWithoutNullStreams;
  lines: string[];
  /** SIGKILL: no clean-up, no last write, its queue message left invisible until its visibility runs out. */
  kill(): Promise<NodeJS.Signals | null>;
}

const ROOT = join(__dirname, '../..');

export async function startHost(name: string, settings: Record<string, string>, visibilitySeconds: number): Promise<HostProcess> {
  // `--import tsx` in this very process (tsx's CLI would run the host in a child that SIGKILL misses).
  const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'host-process.ts')], {
    cwd: ROOT,
    env: {
      ...process.env,
      HOST_SETTINGS: JSON.stringify({ ...settings, WEBSITE_INSTANCE_ID: name }),
      HOST_VISIBILITY_SECONDS: String(visibilitySeconds),
    },
  });
  const lines: string[] = [];
  let buffered = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      let nl: number;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        lines.push(line);
        if (line.startsWith('ready ')) resolve(line.slice(6));
        if (line.startsWith('error ')) reject(new Error(`host ${name}: ${line}`));
      }
    });
    child.once('exit', (code) => reject(new Error(`host ${name} exited (${code})`)));
  });
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
  return {
    name,
    url,
    child,
    lines,
    kill: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      return exited;
    },
  };
}
