/**
 * The CLM API base from the Dataverse environment variable `dtclm_api_url` (Dilitrust_API URL).
 * Only an https address (plain http on a loopback host, as in the local sandbox) is taken: the CLM
 * tokens travel to it (connector-api.md, the token-origin rule), so a plain-http one is refused
 * before anything is sent.
 */
import { trustedClmOrigin } from '../../../../api/clm-origin';
import type { EnvironmentVariablesPort } from '../dataverse/environment-variables';
import { ClmInsecureUrlError, ClmNotConfiguredError } from './errors';

export function clmApiBaseFrom(environmentVariables: EnvironmentVariablesPort): () => Promise<string> {
  return async () => {
    const value = (await environmentVariables.read()).dtclm_api_url?.trim();
    if (!value || !URL.canParse(value)) throw new ClmNotConfiguredError('Dilitrust_API URL (dtclm_api_url)');
    if (!trustedClmOrigin(value)) throw new ClmInsecureUrlError();
    return value.replace(/\/+$/, '');
  };
}
