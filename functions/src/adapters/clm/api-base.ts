/** The CLM API base from the Dataverse environment variable `dtclm_api_url` (Dilitrust_API URL). */
import type { EnvironmentVariablesPort } from '../dataverse/environment-variables';
import { ClmNotConfiguredError } from './errors';

export function clmApiBaseFrom(environmentVariables: EnvironmentVariablesPort): () => Promise<string> {
  return async () => {
    const value = (await environmentVariables.read()).dtclm_api_url?.trim();
    if (!value || !URL.canParse(value)) throw new ClmNotConfiguredError('Dilitrust_API URL (dtclm_api_url)');
    return value.replace(/\/+$/, '');
  };
}
