/**
 * The Function App's settings (connector-api.md "Settings"), read and checked once. A missing or
 * malformed setting throws an error that names the setting, so the app stops at start with a
 * message an admin can act on. Nothing is read at import time: the composition root calls `loadConfig` once.
 *
 * The CLM URLs, the root folder and the CLM tokens are NOT settings: they are Dataverse environment
 * variables (dataverse-model.md), read by adapters/dataverse/environment-variables.ts.
 */
import { zodProblemsLine } from '../../api/zod-problems';
import { z } from 'zod';

const url = (name: string) =>
  z
    .string({ error: `${name} is missing` })
    .trim()
    .min(1, { error: `${name} is missing` })
    .refine((v) => /^https?:\/\//i.test(v) && URL.canParse(v), { error: `${name} is not an http(s) URL` })
    .transform((v) => v.replace(/\/+$/, ''));

const text = (name: string) =>
  z
    .string({ error: `${name} is missing` })
    .trim()
    .min(1, { error: `${name} is missing` });

const optionalText = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v : undefined));

/** A whole number from a setting, with a default when the setting is absent or blank. */
const int = (name: string, fallback: number, min: number, max: number) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return fallback;
      const n = Number(v);
      if (!Number.isInteger(n) || n < min || n > max) {
        ctx.addIssue({ code: 'custom', message: `${name} must be a whole number from ${min} to ${max}` });
        return z.NEVER;
      }
      return n;
    });

const settingsSchema = z.object({
  DATAVERSE_URL: url('DATAVERSE_URL'),
  AZURE_TENANT_ID: text('AZURE_TENANT_ID'),
  AZURE_CLIENT_ID: text('AZURE_CLIENT_ID'),
  AZURE_CLIENT_SECRET: text('AZURE_CLIENT_SECRET'),
  AZURE_AUTHORITY_HOST: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : 'https://login.microsoftonline.com'))
    .pipe(url('AZURE_AUTHORITY_HOST')),
  CONNECTOR_AUDIENCE: optionalText,
  AzureWebJobsStorage: text('AzureWebJobsStorage'),
  SCIM_URL: optionalText.pipe(z.union([z.undefined(), url('SCIM_URL')])),
  SCIM_TOKEN: optionalText,
  // Tunables (not in the spec's table; defaults fit Azure Functions' 230 s HTTP limit).
  DATAVERSE_TIMEOUT_MS: int('DATAVERSE_TIMEOUT_MS', 30_000, 100, 120_000),
  DATAVERSE_MAX_ATTEMPTS: int('DATAVERSE_MAX_ATTEMPTS', 4, 1, 10),
  CLM_TIMEOUT_MS: int('CLM_TIMEOUT_MS', 30_000, 100, 120_000),
  CLM_MAX_ATTEMPTS: int('CLM_MAX_ATTEMPTS', 4, 1, 10),
  // A streamed CLM document (GET /api/contracts/{id}/documents/{documentId}): the longest wait for
  // the next bytes, and the whole body's time, under the 230 s the Functions front end allows.
  CLM_DOCUMENT_IDLE_TIMEOUT_MS: int('CLM_DOCUMENT_IDLE_TIMEOUT_MS', 20_000, 100, 120_000),
  CLM_DOCUMENT_TOTAL_TIMEOUT_MS: int('CLM_DOCUMENT_TOTAL_TIMEOUT_MS', 200_000, 1000, 200_000),
  RETRY_BASE_DELAY_MS: int('RETRY_BASE_DELAY_MS', 500, 1, 60_000),
  RETRY_MAX_DELAY_MS: int('RETRY_MAX_DELAY_MS', 10_000, 1, 120_000),
  RETRY_AFTER_CAP_SECONDS: int('RETRY_AFTER_CAP_SECONDS', 30, 0, 300),
  ENV_VARS_TTL_SECONDS: int('ENV_VARS_TTL_SECONDS', 60, 0, 3600),
  CLM_TOKEN_ENV_CHECK_SECONDS: int('CLM_TOKEN_ENV_CHECK_SECONDS', 60, 0, 3600),
  CLM_TOKEN_REFRESH_MARGIN_SECONDS: int('CLM_TOKEN_REFRESH_MARGIN_SECONDS', 120, 0, 3600),
  // A long run's worker lease (renewed every quarter of it), and how long after the lease ran out
  // a run nobody took over is marked failed: never under the queue trigger's 10-minute visibility
  // timeout, so that the take-over by the message that comes back always comes first.
  RUN_LEASE_SECONDS: int('RUN_LEASE_SECONDS', 120, 2, 600),
  RUN_STALE_AFTER_SECONDS: int('RUN_STALE_AFTER_SECONDS', 600, 600, 86_400),
  // Set by App Service on every instance: names the worker that holds a long run.
  WEBSITE_INSTANCE_ID: optionalText,
});

/** How a remote call is retried (resilience/with-retry.ts reads this shape). */
export interface RetrySettings {
  maxAttempts: number;
  timeoutMs: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A `Retry-After` above this is not waited out: the call fails with 503 and that Retry-After. */
  retryAfterCapSeconds: number;
}

/** How long a streamed answer's body may stall, and last (resilience/guarded-body.ts). */
export interface BodyTimeouts {
  idleMs: number;
  totalMs: number;
}

export interface Config {
  dataverseUrl: string;
  tenantId: string;
  clientId: string;
  clientSecret: string;
  /** No trailing slash; the authority is `${authorityHost}/${tenantId}`. */
  authorityHost: string;
  /** The `aud` the connector's API accepts: CONNECTOR_AUDIENCE or `api://<clientId>`. */
  connectorAudience: string;
  /** Connection string of the Function App's storage account (token store, queues, locks). */
  storageConnectionString: string;
  scim?: { url: string; token?: string };
  dataverseRetry: RetrySettings;
  clmRetry: RetrySettings;
  /** A streamed CLM document's body, once its headers are in: no bytes for `idleMs`, or not done in `totalMs`, aborts it. */
  clmDocumentBody: BodyTimeouts;
  /** How long the Dataverse environment variables are cached per instance. */
  envVarsTtlMs: number;
  /** How often the token store looks for newly pasted CLM tokens while it holds good ones. */
  clmTokenEnvCheckMs: number;
  /** An access token expiring within this is refreshed before use. */
  clmTokenRefreshMarginMs: number;
  /** A long run whose worker wrote nothing for this long is taken over or failed (services/runs). */
  runStaleAfterMs: number;
  runLeaseMs: number;
  /** This instance's id (App Service's WEBSITE_INSTANCE_ID), in a long run's workerId; undefined locally. */
  instanceId?: string;
}

export class ConfigError extends Error {
  constructor(
    message: string,
    /** The settings at fault, by their application-setting name. */
    readonly settings: string[],
  ) {
    super(message);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = settingsSchema.safeParse(env);
  if (!parsed.success) {
    const names = [...new Set(parsed.error.issues.map((i) => String(i.path[0] ?? '?')))];
    throw new ConfigError(`Invalid application settings: ${zodProblemsLine(parsed.error, { root: '?', input: env })}`, names);
  }
  const s = parsed.data;
  const retry = (maxAttempts: number, timeoutMs: number): RetrySettings => ({
    maxAttempts,
    timeoutMs,
    baseDelayMs: s.RETRY_BASE_DELAY_MS,
    maxDelayMs: s.RETRY_MAX_DELAY_MS,
    retryAfterCapSeconds: s.RETRY_AFTER_CAP_SECONDS,
  });
  return {
    dataverseUrl: s.DATAVERSE_URL,
    tenantId: s.AZURE_TENANT_ID,
    clientId: s.AZURE_CLIENT_ID,
    clientSecret: s.AZURE_CLIENT_SECRET,
    authorityHost: s.AZURE_AUTHORITY_HOST,
    connectorAudience: s.CONNECTOR_AUDIENCE ?? `api://${s.AZURE_CLIENT_ID}`,
    storageConnectionString: s.AzureWebJobsStorage,
    ...(s.SCIM_URL ? { scim: { url: s.SCIM_URL, ...(s.SCIM_TOKEN ? { token: s.SCIM_TOKEN } : {}) } } : {}),
    dataverseRetry: retry(s.DATAVERSE_MAX_ATTEMPTS, s.DATAVERSE_TIMEOUT_MS),
    clmRetry: retry(s.CLM_MAX_ATTEMPTS, s.CLM_TIMEOUT_MS),
    clmDocumentBody: { idleMs: s.CLM_DOCUMENT_IDLE_TIMEOUT_MS, totalMs: s.CLM_DOCUMENT_TOTAL_TIMEOUT_MS },
    envVarsTtlMs: s.ENV_VARS_TTL_SECONDS * 1000,
    clmTokenEnvCheckMs: s.CLM_TOKEN_ENV_CHECK_SECONDS * 1000,
    clmTokenRefreshMarginMs: s.CLM_TOKEN_REFRESH_MARGIN_SECONDS * 1000,
    runStaleAfterMs: s.RUN_STALE_AFTER_SECONDS * 1000,
    runLeaseMs: s.RUN_LEASE_SECONDS * 1000,
    ...(s.WEBSITE_INSTANCE_ID ? { instanceId: s.WEBSITE_INSTANCE_ID } : {}),
  };
}
