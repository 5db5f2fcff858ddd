/**
 * Dataverse Web API from a web resource: relative `/api/data/v9.2/` URLs (same origin in Dynamics,
 * the session cookie authenticates), never Xrm.WebApi for reads that need a conditional GET.
 * Every value that goes into a URL goes through `guid()` or `quoted()` here.
 */
import { dataverseWords } from './dataverse-words';
import { fetchWithPolicy, type FetchPolicy } from './http';

const API_BASE = '/api/data/v9.2/';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A row id checked before it goes into a path or a $filter. */
export function guid(value: string): string {
  const bare = value.replace(/[{}]/g, '').toLowerCase();
  if (!GUID.test(bare)) throw new Error(`"${value}" is not a record id`);
  return bare;
}

/** A string literal in $filter: single quotes doubled, then URL-encoded with the rest of the query. */
export function quoted(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** `set?$select=a,b&$filter=...`: each query option value URL-encoded. */
export function dataverseUrl(path: string, query: Record<string, string | undefined> = {}): string {
  const parts = Object.entries(query)
    .filter((e): e is [string, string] => e[1] !== undefined)
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`);
  return `${API_BASE}${path}${parts.length ? `?${parts.join('&')}` : ''}`;
}

class DataverseError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export interface GetOptions {
  /** Ask for formatted values (Prefer annotations): the user's own date and amount format. A 304 is then never given. */
  formatted?: boolean;
  /** Rows per page (`Prefer: odata.maxpagesize`): the answer's `@odata.nextLink` then leads to the next page. */
  maxPageSize?: number;
  /** Conditional GET of one row: answered 304 (null here) when the ETag still matches. */
  ifNoneMatch?: string;
  policy?: FetchPolicy;
}

export interface GetResult<T> {
  /** null on 304 Not Modified. */
  body: T | null;
  etag: string | null;
}

export async function dataverseGet<T>(url: string, opts: GetOptions = {}): Promise<GetResult<T>> {
  const headers: Record<string, string> = { Accept: 'application/json', 'OData-MaxVersion': '4.0', 'OData-Version': '4.0' };
  const prefer = [
    ...(opts.formatted ? ['odata.include-annotations="OData.Community.Display.V1.FormattedValue,Microsoft.Dynamics.CRM.totalrecordcountlimitexceeded"'] : []),
    ...(opts.maxPageSize ? [`odata.maxpagesize=${opts.maxPageSize}`] : []),
  ];
  if (prefer.length) headers.Prefer = prefer.join(',');
  if (opts.ifNoneMatch) headers['If-None-Match'] = opts.ifNoneMatch;
  const res = await fetchWithPolicy(url, { headers, credentials: 'same-origin' }, opts.policy);
  if (res.status === 304) return { body: null, etag: opts.ifNoneMatch ?? null };
  if (!res.ok) {
    const error = (await res.json().catch(() => ({}))) as { error?: { code?: string; message?: string } };
    // In a person's words; Dataverse's code stays at the end for support (dataverse-words.ts).
    throw new DataverseError(res.status, dataverseWords(res.status, error.error?.code, error.error?.message));
  }
  return { body: (await res.json()) as T, etag: res.headers.get('ETag') };
}

export async function dataverseRows<T>(url: string, opts: GetOptions = {}): Promise<T[]> {
  const { body } = await dataverseGet<{ value: T[] }>(url, opts);
  return body?.value ?? [];
}

/**
 * A `@odata.nextLink` as a same-origin URL: Dataverse gives it absolute (on the org's URL, the
 * page's own origin in Dynamics); the path and query are what the next request needs.
 */
export function samePathOf(link: string): string {
  const url = new URL(link, window.location.origin);
  const at = url.pathname.indexOf(API_BASE);
  return at < 0 ? `${url.pathname}${url.search}` : `${url.pathname.slice(at)}${url.search}`;
}

/** The formatted value Dataverse sent beside a column, or the raw value as text. */
export function formatted(row: Record<string, unknown>, column: string): string {
  const shown = row[`${column}@OData.Community.Display.V1.FormattedValue`];
  if (typeof shown === 'string') return shown;
  const raw = row[column];
  return raw === null || raw === undefined ? '' : String(raw);
}
