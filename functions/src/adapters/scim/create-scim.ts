/**
 * The SCIM side of one app instance, from the settings SCIM_URL and SCIM_TOKEN (connector-api.md);
 * undefined when they are not set (provisioning is then off, and the health check says so).
 */
import axios from 'axios';
import type { Config } from '../../config';
import type { RetryPolicy } from '../resilience';
import { ScimHttpClient } from './scim-http-client';

export function createScim(config: Config, retry: Partial<Omit<RetryPolicy, 'service'>> = {}): ScimHttpClient | undefined {
  if (!config.scim?.url || !config.scim.token) return undefined;
  return new ScimHttpClient({ url: config.scim.url, token: config.scim.token, http: axios.create(), retry: { ...config.clmRetry, ...retry } });
}
