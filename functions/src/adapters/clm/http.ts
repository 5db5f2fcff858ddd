/**
 * One CLM HTTP exchange through the shared core (resilience/http-exchange.ts), turned into either
 * the raw answer or a sanitized error (ClmHttpError / ClmNetworkError).
 */
import type { AxiosInstance, AxiosRequestConfig } from 'axios';
import { httpExchange } from '../resilience';
import { ClmHttpError, ClmNetworkError, errorCodeOf, parseErrorBody } from './errors';

export interface ClmExchange {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH';
  url: string;
  /** For messages and logs: method and path template, never ids with secrets (e.g. "GET /contracts/{id}"). */
  operation: string;
  headers?: Record<string, string>;
  params?: Record<string, string | number | undefined>;
  data?: unknown;
  binary?: boolean;
  /** The 2xx body as a node stream (read as it comes); implies binary. */
  streamed?: boolean;
  signal: AbortSignal;
  timeoutMs: number;
}

export interface ClmAnswer {
  status: number;
  data: unknown;
  contentType?: string;
  header(name: string): string | undefined;
}

export async function exchange(http: AxiosInstance, x: ClmExchange): Promise<ClmAnswer> {
  const binary = x.binary || x.streamed;
  const config: AxiosRequestConfig & { signal: AbortSignal } = {
    method: x.method,
    url: x.url,
    headers: { Accept: binary ? '*/*' : 'application/json', ...x.headers },
    params: x.params ? Object.fromEntries(Object.entries(x.params).filter(([, v]) => v !== undefined)) : undefined,
    data: x.data,
    signal: x.signal,
    timeout: x.timeoutMs,
    responseType: x.streamed ? 'stream' : binary ? 'arraybuffer' : 'json',
    transitional: { clarifyTimeoutError: true, silentJSONParsing: true, forcedJSONParsing: true },
  };
  const answer = await httpExchange(http, config, {
    network: (code) => new ClmNetworkError(code, x.operation),
    status: (a) => {
      const retryAfter = a.header('retry-after');
      const wwwAuthenticate = a.header('www-authenticate');
      return new ClmHttpError(
        a.status,
        parseErrorBody(a.data),
        {
          ...(retryAfter !== undefined ? { 'retry-after': retryAfter } : {}),
          ...(wwwAuthenticate !== undefined ? { 'www-authenticate': wwwAuthenticate } : {}),
        },
        x.operation,
        errorCodeOf(a.data),
      );
    },
  });
  return { status: answer.status, data: answer.data, contentType: answer.header('content-type'), header: answer.header };
}
