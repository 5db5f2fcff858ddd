/**
 * The DynamicsWebApi (v2) client the Dataverse adapters share. Time-outs are set here; retries
 * (429 Retry-After, 5xx back-off) are a later issue's job and deliberately not done yet.
 */
import { DynamicsWebApi } from 'dynamics-web-api';

export interface DataverseConnection {
  /** The environment URL, e.g. https://contoso.crm4.dynamics.com (the sandbox: its emulator URL). */
  url: string;
  /** An app-only access token for `${url}/.default` (client credentials of the connector app). */
  getToken: () => Promise<string>;
  /** Per request; default 30 s, well under the Functions host's own time-out. */
  timeoutMs?: number;
}

export const DEFAULT_TIMEOUT_MS = 30_000;

export function createDataverseClient(c: DataverseConnection): DynamicsWebApi {
  return new DynamicsWebApi({
    serverUrl: c.url,
    dataApi: { version: '9.2' },
    timeout: c.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    onTokenRefresh: async () => c.getToken(),
  });
}

/** DynamicsWebApi rejects with an object carrying the HTTP status. */
export function httpStatusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}

/** A record that is missing, or that the caller may not read, reads as "no record". */
export function isNotReadable(error: unknown): boolean {
  const s = httpStatusOf(error);
  return s === 404 || s === 403;
}
