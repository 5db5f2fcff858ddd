/**
 * Tokens from the identity emulator, as the sandbox's own steps, tests and benchmarks ask for them:
 * plain form POSTs to the token endpoint (RFC 6749), so they exercise the emulator as any client would.
 */
import { CONNECTOR_APP, SANDBOX_PASSWORD, WEB_CLIENT } from '../seed/identities';

export interface IssuedToken {
  accessToken: string;
  /** Seconds the token lives, as the endpoint said. */
  expiresIn: number;
}

async function requestToken(tokenEndpoint: string, form: Record<string, string>, what: string): Promise<IssuedToken> {
  const res = await fetch(tokenEndpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  });
  const body = (await res.json().catch(() => ({}))) as { access_token?: string; expires_in?: number; error?: string; error_codes?: number[] };
  if (!res.ok || !body.access_token) {
    // The error code only: the description may echo request details.
    throw new Error(`Token request for ${what} failed: ${res.status} ${body.error ?? ''} ${body.error_codes?.join(',') ?? ''}`.trim());
  }
  return { accessToken: body.access_token, expiresIn: body.expires_in ?? 300 };
}

/** An app's token (client credentials, by default the connector app's) for a resource, e.g. the Dataverse URL. */
export async function connectorAppToken(
  tokenEndpoint: string,
  resource: string,
  client: { clientId: string; clientSecret: string } = CONNECTOR_APP,
): Promise<IssuedToken> {
  return requestToken(
    tokenEndpoint,
    { grant_type: 'client_credentials', client_id: client.clientId, client_secret: client.clientSecret, scope: `${resource.replace(/\/+$/, '')}/.default` },
    resource,
  );
}

/**
 * A demo user's token (password `sandbox`), by key (`rep`) or UPN, through the web resources'
 * public client; by default for the connector's API, as the web resources ask for it.
 */
export async function demoUserToken(tokenEndpoint: string, user: string, scope = `api://${CONNECTOR_APP.clientId}/.default`): Promise<string> {
  const username = user.includes('@') ? user : `${user}@contoso.example`;
  const issued = await requestToken(
    tokenEndpoint,
    { grant_type: 'password', client_id: WEB_CLIENT.clientId, username, password: SANDBOX_PASSWORD, scope },
    `${username} (${scope})`,
  );
  return issued.accessToken;
}
