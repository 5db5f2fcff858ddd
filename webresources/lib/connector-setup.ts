/** The connector client of a page: its URL, app id and sign-in authority from the environment variables, a token provider. */
import { connectorClient, type ConnectorClient } from './connector';
import { ENV_VARS } from './dataverse-names';
import { readEnvironmentVariables } from './environment';
import { pageTokenProvider } from './token/page-token-provider';
import { pageXrm } from './xrm-context';

export async function setUpConnector(userId: string): Promise<ConnectorClient> {
  const vars = await readEnvironmentVariables([ENV_VARS.connectorUrl, ENV_VARS.connectorAppId, ENV_VARS.connectorAuthority]);
  const url = vars[ENV_VARS.connectorUrl];
  const appId = vars[ENV_VARS.connectorAppId];
  if (!url || !appId) {
    throw new Error(
      `The connector is not set up: an administrator must fill the environment variables ${ENV_VARS.connectorUrl} and ${ENV_VARS.connectorAppId}.`,
    );
  }
  // The org's URL, where the redirect bridge page is served; a page opened on its own falls back to its origin.
  const clientUrl = pageXrm()?.Utility.getGlobalContext().getClientUrl() ?? window.location.origin;
  return connectorClient(url, pageTokenProvider({ appId, userId, clientUrl, authority: vars[ENV_VARS.connectorAuthority] }));
}
