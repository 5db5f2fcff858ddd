/**
 * A certificate for `localhost`, made on this machine, so the identity emulator serves https as
 * Entra ID does (msal-browser refuses an http authority), and this process trusting it, as a
 * developer's machine trusts a local development CA (mkcert and the like). Nothing outside the
 * sandbox's own process trusts it: a browser is told to (the browser tests' contexts ignore
 * certificate errors for it; `npm start` prints how to accept it once).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tls from 'node:tls';

export interface LocalCertificate {
  key: string;
  cert: string;
}

let made: LocalCertificate | undefined;
let trusted = false;

/** A self-signed certificate for localhost (RSA 2048, SHA-256, 7 days), one per process (openssl). */
export function localhostCertificate(): LocalCertificate {
  if (made) return made;
  const dir = mkdtempSync(join(tmpdir(), 'sandbox-tls-'));
  try {
    const key = join(dir, 'key.pem');
    const cert = join(dir, 'cert.pem');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-sha256',
        '-days',
        '7',
        '-subj',
        '/CN=localhost',
        '-addext',
        'subjectAltName=DNS:localhost',
        '-keyout',
        key,
        '-out',
        cert,
      ],
      { stdio: 'ignore', timeout: 30_000 },
    );
    made = { key: readFileSync(key, 'utf8'), cert: readFileSync(cert, 'utf8') };
    return made;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * This process's TLS clients (fetch, https) trust `cert` besides the system's CAs: the connector's
 * functions, the Dataverse emulator and the sandbox's own steps then reach the emulator over https
 * with certificate checks on. Node reads NODE_EXTRA_CA_CERTS only at start, hence the default
 * secure context is extended here; a client that passes its own `ca` is left alone.
 */
export function trustInThisProcess(cert: string): void {
  if (trusted) return;
  trusted = true;
  // Processes this one starts (a second Function App instance, a benchmark's host) trust it too:
  // Node reads NODE_EXTRA_CA_CERTS when a process starts, and children inherit this environment.
  // A file the machine already names there is kept, with this certificate added after it.
  const earlier = process.env.NODE_EXTRA_CA_CERTS;
  const file = join(mkdtempSync(join(tmpdir(), 'sandbox-ca-')), 'extra-ca.pem');
  writeFileSync(file, `${earlier && existsSync(earlier) ? `${readFileSync(earlier, 'utf8').trimEnd()}\n` : ''}${cert}`);
  process.env.NODE_EXTRA_CA_CERTS = file;
  const original = tls.createSecureContext;
  tls.createSecureContext = (options?: tls.SecureContextOptions) => {
    const context = original(options);
    if (!options?.ca) (context.context as { addCACert(pem: string): void }).addCACert(cert);
    return context;
  };
}
