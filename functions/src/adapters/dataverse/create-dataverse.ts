/**
 * Everything the connector needs from Dataverse, for one instance of the app: one resilient
 * Dataverse gateway (client.ts) acting as the connector app (impersonation per request where a caller
 * is known), the environment variables, and the mapping engine's ports. The composition root
 * (app/composition-root.ts) calls this once per process.
 */
import type { DataverseGateway } from './client';
import type { Config } from '../../config';
import type { RetryPolicy } from '../resilience';
import { createAppTokenProvider } from './app-token';
import { createDataverseClient } from './client';
import { DataverseEnvironmentVariables } from './environment-variables';
import { DataverseMetadataReader } from './metadata-reader';
import { DataverseRecordReader } from './record-reader';
import { DataverseUserContextReader } from './user-context-reader';

export interface Dataverse {
  /** The Dataverse gateway (client.ts); pass `impersonateAAD` to act as a user. */
  api: DataverseGateway;
  /** The app-only token (for callers that must speak HTTP themselves). */
  getToken: () => Promise<string>;
  environmentVariables: DataverseEnvironmentVariables;
  metadata: DataverseMetadataReader;
  records: DataverseRecordReader;
  userContext: DataverseUserContextReader;
}

export interface DataverseOverrides {
  getToken?: () => Promise<string>;
  /** Test hooks for the retry loop (sleep, random, onRetry). */
  retry?: Partial<Omit<RetryPolicy, 'service'>>;
}

export function createDataverse(config: Config, overrides: DataverseOverrides = {}): Dataverse {
  const getToken = overrides.getToken ?? createAppTokenProvider(config);
  const api = createDataverseClient({ url: config.dataverseUrl, getToken, retry: { ...config.dataverseRetry, ...overrides.retry } });
  const metadata = new DataverseMetadataReader(api);
  return {
    api,
    getToken,
    environmentVariables: new DataverseEnvironmentVariables(api, config.envVarsTtlMs),
    metadata,
    records: new DataverseRecordReader(api, (n) => metadata.entitySetOf(n)),
    userContext: new DataverseUserContextReader(api),
  };
}
