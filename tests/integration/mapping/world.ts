/** The part of the sandbox the mapping tests need: identity and Dataverse emulators, and a connector token. */
import { startDataverse, type DataverseSandbox } from '../../../sandbox/dataverse';
import { startIdentity, type IdentitySandbox } from '../../../sandbox/identity';
import { CONNECTOR_APP } from '../../../sandbox/seed/identities';
import type { RequestLogEntry } from '../../../sandbox/dataverse';

export interface MappingWorld {
  identity: IdentitySandbox;
  dataverse: DataverseSandbox;
  getToken: () => Promise<string>;
  requests(): Promise<RequestLogEntry[]>;
  clearRequests(): Promise<void>;
  close(): Promise<void>;
}

export async function startMappingWorld(): Promise<MappingWorld> {
  const identity = await startIdentity();
  const dataverse = await startDataverse({ issuer: identity.issuer, jwksUri: identity.jwksUri });
  let token: string | undefined;
  const getToken = async () => {
    if (token) return token;
    const res = await fetch(identity.tokenEndpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: CONNECTOR_APP.clientId,
        client_secret: CONNECTOR_APP.clientSecret,
        scope: `${dataverse.url}/.default`,
      }),
    });
    if (!res.ok) throw new Error(`token request failed: ${res.status}`);
    token = ((await res.json()) as { access_token: string }).access_token;
    return token;
  };
  return {
    identity,
    dataverse,
    getToken,
    async requests() {
      const res = await fetch(`${dataverse.url}/_sandbox/requests`);
      const body = (await res.json()) as RequestLogEntry[] | { value: RequestLogEntry[] };
      return Array.isArray(body) ? body : body.value;
    },
    async clearRequests() {
      await fetch(`${dataverse.url}/_sandbox/requests`, { method: 'DELETE' });
    },
    async close() {
      await dataverse.close();
      await identity.close();
    },
  };
}
