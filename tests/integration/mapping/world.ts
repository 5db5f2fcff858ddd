/** The part of the sandbox the mapping tests need: identity and Dataverse emulators, and a connector token. */
import { setUpDynamicsAsAdmin } from '../../../sandbox/admin-setup';
import { startDataverse, type DataverseSandbox } from '../../../sandbox/dataverse';
import { connectorAppToken, startIdentity, type IdentitySandbox } from '../../../sandbox/identity';
import type { RequestLogEntry } from '../../../sandbox/dataverse';

export interface MappingWorld {
  identity: IdentitySandbox;
  dataverse: DataverseSandbox;
  getToken: () => Promise<string>;
  requests(): Promise<RequestLogEntry[]>;
  clearRequests(): Promise<void>;
  close(): Promise<void>;
}

/** `maxPageSize`: the most rows the emulator answers per page (Dataverse: 5,000). */
export async function startMappingWorld(opts: { maxPageSize?: number } = {}): Promise<MappingWorld> {
  const identity = await startIdentity();
  const dataverse = await startDataverse({ issuer: identity.issuer, jwksUri: identity.jwksUri, ...opts });
  await setUpDynamicsAsAdmin({ tokenEndpoint: identity.tokenEndpoint, dataverse });
  let token: string | undefined;
  const getToken = async () => {
    if (token) return token;
    token = (await connectorAppToken(identity.tokenEndpoint, dataverse.url)).accessToken;
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
