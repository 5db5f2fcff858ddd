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
}

export function connectorClient(baseUrl: string, tokens: TokenProvider): ConnectorClient {
  const base = baseUrl.replace(/\/+$/, '');
  return {
    async call(method, path, schema, body, policy) {
      const token = await tokens.getToken();
      const res = await fetchWithPolicy(
        `${base}/${path}`,
        {
          method,
          headers: { Authorization: `Bearer ${token}`, Accept: 'application/json', ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
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
      return parsed.data;
    },
  };
}

/** Contract and route parameters that go into a connector path. */
export function pathSegment(value: string): string {
  return encodeURIComponent(value);
}
