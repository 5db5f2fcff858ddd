/**
 * One CLM HTTP exchange through axios, turned into either the raw answer or a sanitized error
 * (ClmHttpError / ClmNetworkError): axios' own errors hold the request, hence the tokens.
 */
import type { AxiosInstance, AxiosRequestConfig } from 'axios';
import { AttemptTimeoutError } from '../resilience';
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
  signal: AbortSignal;
  timeoutMs: number;
}

export async function exchange(http: AxiosInstance, x: ClmExchange): Promise<{ status: number; data: unknown; contentType?: string }> {
  const config: AxiosRequestConfig = {
    method: x.method,
    url: x.url,
    headers: { Accept: x.binary ? '*/*' : 'application/json', ...x.headers },
    params: x.params ? Object.fromEntries(Object.entries(x.params).filter(([, v]) => v !== undefined)) : undefined,
    data: x.data,
    signal: x.signal,
    timeout: x.timeoutMs,
    responseType: x.binary ? 'arraybuffer' : 'json',
    // Every status comes back as an answer: this module decides what is an error.
    validateStatus: () => true,
    maxRedirects: 0,
    transitional: { clarifyTimeoutError: true, silentJSONParsing: true, forcedJSONParsing: true },
  };
  let res;
  try {
    res = await http.request(config);
  } catch (e) {
    if (x.signal.aborted && x.signal.reason instanceof AttemptTimeoutError) throw x.signal.reason;
    const code = (e as { code?: unknown }).code;
    // A fresh error: axios' one carries the config (Authorization header, form body).
    throw new ClmNetworkError(typeof code === 'string' ? code : undefined, x.operation);
  }
  const header = (name: string) => {
    const v = res.headers?.[name];
    return typeof v === 'string' ? v : Array.isArray(v) ? String(v[0]) : v === undefined || v === null ? undefined : String(v);
  };
  if (res.status >= 400) {
    const retryAfter = header('retry-after');
    const wwwAuthenticate = header('www-authenticate');
    throw new ClmHttpError(
      res.status,
      parseErrorBody(res.data),
      { ...(retryAfter !== undefined ? { 'retry-after': retryAfter } : {}), ...(wwwAuthenticate !== undefined ? { 'www-authenticate': wwwAuthenticate } : {}) },
      x.operation,
      errorCodeOf(res.data),
    );
  }
  return { status: res.status, data: res.data, contentType: header('content-type') };
}
