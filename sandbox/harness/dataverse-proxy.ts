/**
 * `/api/data/v9.2/...` on the harness's own origin, forwarded to the Dataverse emulator with the
 * signed-in user's Dataverse token, held by the harness's server since they signed in
 * (dynamics-session.ts): what the Dynamics session cookie does for a web resource in Dynamics.
 * Method, path, query, body and the OData headers go through unchanged; so do status and headers back.
 */
import type { Request, Response } from 'express';

const FORWARDED_REQUEST_HEADERS = [
  'accept',
  'content-type',
  'prefer',
  'if-match',
  'if-none-match',
  'odata-version',
  'odata-maxversion',
  'range',
  'x-ms-chunk-size',
  'x-ms-file-name',
];
const DROPPED_RESPONSE_HEADERS = new Set(['content-encoding', 'content-length', 'transfer-encoding', 'connection', 'keep-alive']);

export function dataverseProxy(opts: { dataverseUrl: string; tokenOf(req: Request): Promise<string | undefined> }) {
  return async (req: Request, res: Response): Promise<void> => {
    let token: string | undefined;
    try {
      token = await opts.tokenOf(req);
    } catch (e) {
      res.status(401).json({ error: { code: '0x80040220', message: `The session could not be renewed: ${(e as Error).message}` } });
      return;
    }
    if (!token) {
      res.status(401).json({ error: { code: '0x80040220', message: 'Nobody is signed in: open the harness again to sign in.' } });
      return;
    }
    const headers: Record<string, string> = { Authorization: `Bearer ${token}` };
    for (const name of FORWARDED_REQUEST_HEADERS) {
      const value = req.headers[name];
      if (typeof value === 'string') headers[name] = value;
    }
    const hasBody = !['GET', 'HEAD'].includes(req.method);
    const body = hasBody ? new Uint8Array(await readBody(req)) : undefined;
    let answer: globalThis.Response;
    try {
      answer = await fetch(`${opts.dataverseUrl}${req.originalUrl}`, { method: req.method, headers, body });
    } catch {
      res.status(502).json({ error: { code: '0x80040216', message: 'The Dataverse emulator did not answer.' } });
      return;
    }
    res.status(answer.status);
    answer.headers.forEach((value, name) => {
      if (!DROPPED_RESPONSE_HEADERS.has(name)) res.setHeader(name, value);
    });
    res.end(Buffer.from(await answer.arrayBuffer()));
  };
}

function readBody(req: Request): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
