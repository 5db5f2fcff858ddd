/**
 * The load both webhook benchmarks put on an HTTP target, so that every target is loaded by the
 * same generator the same way: `SENDERS` keep-alive senders in a closed loop (each sends its next
 * request as soon as the previous one is answered), with the same prepared, signed CLM deliveries;
 * and the bare node `http` server they are compared with. Not a benchmark itself (run.ts skips `_` files).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { Webhook } from 'standardwebhooks';

export const SENDERS = 100;

export interface Load {
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  /** This process's CPU (generator and server) per request, µs. */
  cpuUsPerRequest: number;
  /** Azurite's CPU per request, µs (null where /proc cannot be read). */
  azuriteUsPerRequest: number | null;
}

/** CPU time of another process, µs, from /proc (Linux); null elsewhere. */
function processCpuUs(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    // Fields after the parenthesised command name: utime and stime are the 12th and 13th.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1e6) / 100; // USER_HZ is 100 on Linux
  } catch {
    return null;
  }
}

interface Prepared {
  headers: Record<string, string | number>;
  body: string;
}

export function prepare(count: number, secret: string): Prepared[] {
  const hook = new Webhook(secret);
  return Array.from({ length: count }, (_, i) => {
    const id = `evt_bench_${i}_${Math.random().toString(36).slice(2, 8)}`;
    const now = new Date();
    const body = JSON.stringify({
      id,
      type: 'contract.status_changed',
      occurredAt: now.toISOString(),
      data: {
        contractId: `ctr_bench_${i % 500}`,
        status: 'in_validation',
        previousStatus: 'draft',
        sequence: 2,
        externalRef: null,
        reason: null,
        signedDocumentId: null,
      },
    });
    return {
      body,
      headers: {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
        'webhook-id': id,
        'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
        'webhook-signature': hook.sign(id, now, body),
      },
    };
  });
}

/** A closed loop: each of `SENDERS` sends its next request as soon as the previous one is answered. */
export async function load(url: string, requests: Prepared[], azuritePid?: number): Promise<Load> {
  const target = new URL(url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: SENDERS });
  const times: number[] = [];
  let non2xx = 0;
  let next = 0;
  const one = (p: Prepared) =>
    new Promise<void>((resolve, reject) => {
      const t0 = process.hrtime.bigint();
      const req = http.request({ host: target.hostname, port: target.port, path: target.pathname, method: 'POST', agent, headers: p.headers }, (res) => {
        res.resume();
        res.on('end', () => {
          times.push(Number(process.hrtime.bigint() - t0) / 1e6);
          if ((res.statusCode ?? 0) >= 300) non2xx++;
          resolve();
        });
      });
      req.on('error', reject);
      req.end(p.body);
    });
  const cpu0 = process.cpuUsage();
  const azurite0 = processCpuUs(azuritePid);
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: SENDERS }, async () => {
      while (next < requests.length) await one(requests[next++]);
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = process.cpuUsage(cpu0);
  const azurite1 = processCpuUs(azuritePid);
  agent.destroy();
  times.sort((a, b) => a - b);
  const pct = (p: number) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))];
  return {
    perSecond: requests.length / seconds,
    p50Ms: pct(50),
    p99Ms: pct(99),
    non2xx,
    cpuUsPerRequest: (cpu.user + cpu.system) / requests.length,
    azuriteUsPerRequest: azurite0 === null || azurite1 === null ? null : (azurite1 - azurite0) / requests.length,
  };
}

export async function bareServer(): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(204).end());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhooks/clm`,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
