/**
 * The CLM side of one app instance: the token store (Azure Storage) and the client over it.
 * The composition root (app/composition-root.ts) calls this once per process.
 */
import axios from 'axios';
import type { Config } from '../../config';
import type { EnvironmentVariablesPort } from '../dataverse/environment-variables';
import type { RetryPolicy } from '../resilience';
import { containerFromConnectionString, JsonBlobDocument } from '../storage/blob-json-document';
import { ClmTokenStore, TOKEN_BLOB, TOKEN_CONTAINER, tokenState, type ClmTokenEvent } from '../storage/clm-token-store';
import { clmApiBaseFrom } from './api-base';
import { ClmClient } from './client';
import { refreshGrant } from './oauth';

export interface Clm {
  client: ClmClient;
  /**
   * The same client for calls a person waits on (Request Contract, validation, signature): all its
   * retries fit INTERACTIVE_BUDGET_MS, so the answer comes within connector-api.md's 30 s; the
   * background work (webhooks, reconcile, runs) uses `client`, with the full retries.
   */
  interactive: ClmClient;
  tokens: ClmTokenStore;
  apiBase: () => Promise<string>;
}

export interface ClmOverrides {
  retry?: Partial<Omit<RetryPolicy, 'service'>>;
  log?: (event: ClmTokenEvent) => void;
  /** Another blob name (tests that run several token families in one Azurite). */
  tokenBlob?: string;
  leaseSeconds?: number;
}

/** What an interactive call may spend on the CLM, retries included, leaving time for Dataverse within 30 s. */
const INTERACTIVE_BUDGET_MS = 20_000;

/** The refresh call: few, short attempts, so that it always ends well within the lease. */
function refreshPolicy(config: Config, overrides: ClmOverrides = {}): Omit<RetryPolicy, 'service'> {
  return {
    ...config.clmRetry,
    maxAttempts: Math.min(config.clmRetry.maxAttempts, 3),
    timeoutMs: Math.min(config.clmRetry.timeoutMs, 10_000),
    retryAfterCapSeconds: Math.min(config.clmRetry.retryAfterCapSeconds, 10),
    ...overrides.retry,
  };
}

export function createClm(config: Config, environmentVariables: EnvironmentVariablesPort, overrides: ClmOverrides = {}): Clm {
  const http = axios.create();
  const apiBase = clmApiBaseFrom(environmentVariables);
  const document = new JsonBlobDocument(
    containerFromConnectionString(config.storageConnectionString, TOKEN_CONTAINER),
    overrides.tokenBlob ?? TOKEN_BLOB,
    tokenState,
  );
  const tokens = new ClmTokenStore({
    document,
    environmentVariables,
    apiBase,
    redeem: refreshGrant(http, refreshPolicy(config, overrides)),
    envCheckMs: config.clmTokenEnvCheckMs,
    refreshMarginMs: config.clmTokenRefreshMarginMs,
    ...(overrides.leaseSeconds ? { leaseSeconds: overrides.leaseSeconds } : {}),
    ...(overrides.retry?.sleep ? { sleep: overrides.retry.sleep } : {}),
    ...(overrides.log ? { log: overrides.log } : {}),
  });
  const documentBody = config.clmDocumentBody;
  const client = new ClmClient({ apiBase, tokens, retry: { ...config.clmRetry, ...overrides.retry }, http, documentBody });
  const interactive = new ClmClient({
    apiBase,
    tokens,
    retry: { ...config.clmRetry, budgetMs: INTERACTIVE_BUDGET_MS, ...overrides.retry },
    http,
    documentBody,
  });
  return { client, interactive, tokens, apiBase };
}
