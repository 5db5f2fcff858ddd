/**
 * The one HTTP exchange of the connector's REST clients (the CLM's API and its SCIM service), over
 * axios: every status comes back as an answer and this code decides what is an error; no redirect
 * is followed; an attempt's time-out (withRetry's signal) surfaces as AttemptTimeoutError; axios'
 * own errors, which hold the request and so the bearer token, never leave: each client turns a
 * failed exchange into its own sanitized error. Then the answer is checked with its zod schema.
 * A streamed request (`responseType: 'stream'`) gets its 2xx body as the stream; an error answer's
 * body is read first (at most ERROR_BODY_LIMIT bytes), so it is mapped as a buffered one is.
 */
import type { AxiosInstance, AxiosRequestConfig, AxiosResponse } from 'axios';
import type { Readable } from 'node:stream';
import type { z } from 'zod';
import { zodProblems } from '../../../../api/zod-problems';
import { AttemptTimeoutError } from './timeout';

export interface HttpErrors {
  /** No answer at all (connection refused, reset...): `code` is Node's error code. */
  network(code: string | undefined): Error;
  /** An answer of status 400 or more. */
  status(answer: HttpAnswer): Error;
}

export interface HttpAnswer {
  status: number;
  data: unknown;
  header(name: string): string | undefined;
}

/** Sends one request (the config's signal and timeout are the attempt's) and returns a 2xx answer, else throws the client's error. */
export async function httpExchange(http: AxiosInstance, config: AxiosRequestConfig & { signal: AbortSignal }, errors: HttpErrors): Promise<HttpAnswer> {
  let res: AxiosResponse;
  try {
    res = await http.request({ ...config, validateStatus: () => true, maxRedirects: 0 });
  } catch (e) {
    if (config.signal.aborted && config.signal.reason instanceof AttemptTimeoutError) throw config.signal.reason;
    const code = (e as { code?: unknown }).code;
    // A fresh error: axios' one carries the config (Authorization header, form body).
    throw errors.network(typeof code === 'string' ? code : undefined);
  }
  const header = (name: string) => {
    const v = (res.headers as Record<string, unknown> | undefined)?.[name];
    return typeof v === 'string' ? v : Array.isArray(v) ? String(v[0]) : v === undefined || v === null ? undefined : String(v);
  };
  if (res.status >= 400) {
    const data = config.responseType === 'stream' ? await errorBodyOf(res.data as Readable, config.signal) : res.data;
    throw errors.status({ status: res.status, data, header });
  }
  return { status: res.status, data: res.data, header };
}

/** An error answer's body is a problem document, small: more than this is cut (and the connection closed). */
const ERROR_BODY_LIMIT = 64 * 1024;

async function errorBodyOf(body: Readable, signal: AbortSignal): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let length = 0;
  try {
    for await (const chunk of body as AsyncIterable<Buffer>) {
      chunks.push(chunk);
      length += chunk.length;
      if (length >= ERROR_BODY_LIMIT) break;
    }
  } catch {
    // A cut-off error body: what came is all the mapping gets; the attempt's time-out, though, stays one.
    if (signal.aborted && signal.reason instanceof AttemptTimeoutError) throw signal.reason;
  } finally {
    body.destroy();
  }
  return Buffer.concat(chunks).subarray(0, ERROR_BODY_LIMIT);
}

/** The answer in the shape its schema gives it, or the client's error naming each problem. */
export function validAnswer<S extends z.ZodType>(schema: S, data: unknown, invalid: (problems: string[]) => Error): z.infer<S> {
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw invalid(zodProblems(parsed.error, { input: data }).map((p) => p.message));
  return parsed.data as z.infer<S>;
}
