/**
 * What the emulated tenant knows: its applications (who may ask for tokens, with which secret) and
 * the APIs they expose, and its users. Built from the shared seed so the Dataverse emulator and the
 * identity emulator agree on every id.
 */
import { CONNECTOR_APP, DEMO_USERS, DYNAMICS_APP, SANDBOX_PASSWORD, WEB_CLIENT, type DemoUser } from '../seed/identities';

export interface RegisteredClient {
  clientId: string;
  displayName: string;
  /** Confidential clients authenticate with a secret; public clients must not send one. */
  secret?: string;
  /** The object id of the app's service principal: the `oid` of its app-only tokens. */
  servicePrincipalObjectId?: string;
}

/** An API exposed by an app registration of the tenant (Application ID URI, delegated scopes). */
export interface ExposedApi {
  /** The app's client id: the `aud` of the v2.0 tokens issued for it. */
  clientId: string;
  identifierUris: string[];
  scopes: string[];
}

const clients: RegisteredClient[] = [
  {
    clientId: CONNECTOR_APP.clientId,
    displayName: CONNECTOR_APP.displayName,
    secret: CONNECTOR_APP.clientSecret,
    servicePrincipalObjectId: CONNECTOR_APP.servicePrincipalObjectId,
  },
  { clientId: WEB_CLIENT.clientId, displayName: WEB_CLIENT.displayName },
  { clientId: DYNAMICS_APP.clientId, displayName: DYNAMICS_APP.displayName, secret: DYNAMICS_APP.clientSecret },
];

/** The connector's API: `api://<clientId>` with the delegated scope `user_impersonation`. */
export const exposedApis: ExposedApi[] = [
  {
    clientId: CONNECTOR_APP.clientId,
    identifierUris: [`api://${CONNECTOR_APP.clientId}`, CONNECTOR_APP.clientId],
    scopes: ['user_impersonation'],
  },
];

export function findClient(clientId: string): RegisteredClient | undefined {
  return clients.find((c) => c.clientId.toLowerCase() === clientId.toLowerCase());
}

/** Entra signs users in by UPN, case-insensitively. */
export function findUser(username: string): DemoUser | undefined {
  const wanted = username.trim().toLowerCase();
  return DEMO_USERS.find((u) => u.upn.toLowerCase() === wanted);
}

export function findUserByObjectId(objectId: string): DemoUser | undefined {
  return DEMO_USERS.find((u) => u.objectId === objectId);
}

export function passwordMatches(password: string): boolean {
  return password === SANDBOX_PASSWORD;
}
