/** The connector client of a page: its URL and app id from the environment variables, a token provider. */
import { connectorClient, type ConnectorClient } from './connector';
import { ENV_VARS } from './dataverse-names';
import { readEnvironmentVariables } from './environment';
import { pageTokenProvider } from './token/page-token-provider';

export async function setUpConnector(userId: string): Promise<ConnectorClient> {
  const vars = await readEnvironmentVariables([ENV_VARS.connectorUrl, ENV_VARS.connectorAppId]);
  const url = vars[ENV_VARS.connectorUrl];
  const appId = vars[ENV_VARS.connectorAppId];
  if (!url || !appId) {
    throw new Error(
      `The connector is not set up: an administrator must fill the environment variables ${ENV_VARS.connectorUrl} and ${ENV_VARS.connectorAppId}.`,
    );
  }
  return connectorClient(url, pageTokenProvider({ appId, userId }));
}
