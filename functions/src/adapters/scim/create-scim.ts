/**
 * The SCIM side of one app instance, from the settings SCIM_URL and SCIM_TOKEN (connector-api.md);
 * undefined when they are not set (provisioning is then off, and the health check says so).
 */
import axios from 'axios';
import type { Config } from '../../config';
import type { RetryPolicy } from '../resilience';
import { SCIM_MAX_ATTEMPTS, ScimHttpClient } from './scim-http-client';

/** scim-profile.md: 5 tries per call, whatever CLM_MAX_ATTEMPTS says for the CLM's REST API; time-outs and back-off as the CLM's. */
export function createScim(config: Config, retry: Partial<Omit<RetryPolicy, 'service'>> = {}): ScimHttpClient | undefined {
  if (!config.scim?.url || !config.scim.token) return undefined;
  return new ScimHttpClient({
    url: config.scim.url,
    token: config.scim.token,
    http: axios.create(),
    retry: { ...config.clmRetry, maxAttempts: SCIM_MAX_ATTEMPTS, ...retry },
  });
}
