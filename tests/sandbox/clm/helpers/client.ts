import { answerProblems } from './spec';

/** One answer: status, headers, parsed JSON (when JSON) and the raw bytes. */
export interface Answer<T = any> {
  status: number;
  headers: Headers;
  body: T;
  raw: Buffer;
}

export interface CallOptions {
  token?: string | null;
  params?: Record<string, string>;
  query?: Record<string, string | number>;
  headers?: Record<string, string>;
  json?: unknown;
  form?: Record<string, string>;
  rawBody?: string;
}

/**
 * A client that names the spec operation it calls (`'GET', '/contracts/{contractId}'`) and checks
 * every answer against that operation in the spec: a test that gets an answer the spec does not
 * allow fails right there.
 */
export class ClmTestClient {
  token: string | null = null;

  constructor(readonly apiBase: string) {}

  async call<T = any>(method: string, pathTemplate: string, opts: CallOptions = {}): Promise<Answer<T>> {
    const path = pathTemplate.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(opts.params?.[name] ?? ''));
    const query = opts.query ? `?${new URLSearchParams(Object.entries(opts.query).map(([k, v]) => [k, String(v)]))}` : '';
    const headers: Record<string, string> = { ...(opts.headers ?? {}) };
    const token = opts.token === undefined ? this.token : opts.token;
    if (token) headers.authorization = `Bearer ${token}`;
    let body: string | undefined;
    if (opts.json !== undefined) {
      body = JSON.stringify(opts.json);
      headers['content-type'] ??= 'application/json';
    } else if (opts.form) {
      body = new URLSearchParams(opts.form).toString();
      headers['content-type'] ??= 'application/x-www-form-urlencoded';
    } else if (opts.rawBody !== undefined) {
      body = opts.rawBody;
    }
    const response = await fetch(`${this.apiBase}${path}${query}`, { method, headers, body });
    const raw = Buffer.from(await response.arrayBuffer());
    const isJson = (response.headers.get('content-type') ?? '').includes('application/json');
    const parsed = isJson && raw.length > 0 ? JSON.parse(raw.toString('utf8')) : raw.length > 0 ? raw.toString('utf8') : undefined;
    if (!pathTemplate.startsWith('/_sandbox')) {
      const problems = answerProblems(method, pathTemplate, response.status, isJson ? parsed : undefined);
      if (problems.length > 0)
        throw new Error(
          `${method} ${pathTemplate} answered ${response.status} against the spec: ${problems.join('; ')}\n${raw.toString('utf8').slice(0, 500)}`,
        );
    }
    return { status: response.status, headers: response.headers, body: parsed as T, raw };
  }

  /** A test control under `${apiBase}/_sandbox`. */
  control<T = any>(method: string, path: string, json?: unknown): Promise<Answer<T>> {
    return this.call<T>(method, `/_sandbox${path}`, { json, token: null });
  }
}

/** Polls until `check` returns a value (not undefined/false); no fixed sleeps, generous limit. */
export async function waitFor<T>(check: () => Promise<T | undefined | false> | T | undefined | false, what = 'condition', limitMs = 10_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() - started > limitMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
