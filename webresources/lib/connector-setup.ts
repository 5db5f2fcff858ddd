/** The connector client of a page: its URL, app id and sign-in authority from the environment variables, a token provider. */
import { connectorClient, type ConnectorClient } from './connector';
import { ENVIRONMENT_VARIABLES } from '../../api/vocabulary/environment-variables';
import { readEnvironmentVariables } from './environment';
import { pageTokenProvider } from './token/page-token-provider';
import { pageXrm } from './xrm-context';

export async function setUpConnector(userId: string): Promise<ConnectorClient> {
  const vars = await readEnvironmentVariables([
    ENVIRONMENT_VARIABLES.connectorUrl,
    ENVIRONMENT_VARIABLES.connectorAppId,
    ENVIRONMENT_VARIABLES.connectorAuthority,
  ]);
  const url = vars[ENVIRONMENT_VARIABLES.connectorUrl];
  const appId = vars[ENVIRONMENT_VARIABLES.connectorAppId];
  if (!url || !appId) {
    throw new Error(
      `The connector is not set up: an administrator must fill the environment variables ${ENVIRONMENT_VARIABLES.connectorUrl} and ${ENVIRONMENT_VARIABLES.connectorAppId}.`,
    );
  }
  // The org's URL, where the redirect bridge page is served; a page opened on its own falls back to its origin.
  const clientUrl = pageXrm()?.Utility.getGlobalContext().getClientUrl() ?? window.location.origin;
  return connectorClient(url, pageTokenProvider({ appId, userId, clientUrl, authority: vars[ENVIRONMENT_VARIABLES.connectorAuthority] }));
}
