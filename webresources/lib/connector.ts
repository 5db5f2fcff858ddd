/**
 * The connector's HTTP API from a page: its base URL (dtclm_connector_url), a bearer token from the
 * page's TokenProvider, answers checked with the shared zod schemas, errors as problem+json turned
 * into a ConnectorError a person can read.
 */
import type { z } from 'zod';
import { problemSchema, type FieldProblem } from '../../api/problem';
import { fetchWithPolicy, type FetchPolicy } from './http';
import type { TokenProvider } from './token/token-provider';

export class ConnectorError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errors: FieldProblem[] = [],
  ) {
    super(message);
  }
}

export interface ConnectorClient {
  call<T>(method: 'GET' | 'POST', path: string, schema: z.ZodType<T>, body?: unknown, policy?: FetchPolicy): Promise<T>;
  /**
   * Any method, with an optional If-Match (a write guarded by the ETag it read); answers the body
   * and the answer's ETag header (null when there is none). A 412 is a ConnectorError with status 412.
   */
  send<T>(request: {
    method: 'GET' | 'POST' | 'PUT';
    path: string;
    schema: z.ZodType<T>;
    body?: unknown;
    ifMatch?: string;
    policy?: FetchPolicy;
  }): Promise<{ body: T; etag: string | null }>;
  /** A GET whose answer is bytes (a contract's CLM document), as a Blob of the type the connector answers. */
  blob(path: string): Promise<Blob>;
}

export function connectorClient(baseUrl: string, tokens: TokenProvider): ConnectorClient {
  const base = baseUrl.replace(/\/+$/, '');
  const send: ConnectorClient['send'] = async ({ method, path, schema, body, ifMatch, policy }) => {
    const token = await tokens.getToken();
    const res = await fetchWithPolicy(
      `${base}/${path}`,
      {
        method,
        headers: {
          Authorization: `Bearer ${token}`,
          Accept: 'application/json',
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
          ...(ifMatch === undefined ? {} : { 'If-Match': ifMatch }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      },
      policy,
    );
    const json: unknown = await res.json().catch(() => undefined);
    if (!res.ok) {
      const problem = problemSchema.safeParse(json);
      if (problem.success) throw new ConnectorError(res.status, problem.data.detail, problem.data.errors ?? []);
      throw new ConnectorError(res.status, `The connector answered ${res.status}. Try again; if it keeps failing, tell your administrator.`);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new ConnectorError(res.status, 'The connector sent an answer this page does not understand. Tell your administrator.');
    return { body: parsed.data, etag: res.headers.get('ETag') };
  };
  return {
    async call(method, path, schema, body, policy) {
      return (await send({ method, path, schema, body, policy })).body;
    },
    send,
    async blob(path) {
      const token = await tokens.getToken();
      const res = await fetchWithPolicy(`${base}/${path}`, { method: 'GET', headers: { Authorization: `Bearer ${token}`, Accept: 'application/pdf, */*' } });
      if (!res.ok) {
        const problem = problemSchema.safeParse(await res.json().catch(() => undefined));
        throw new ConnectorError(
          res.status,
          problem.success ? problem.data.detail : `The connector answered ${res.status}. Try again; if it keeps failing, tell your administrator.`,
        );
      }
      return res.blob();
    },
  };
}
