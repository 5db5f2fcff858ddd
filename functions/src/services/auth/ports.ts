/** What authentication and authorization need from the world (implemented in adapters/identity and adapters/dataverse). */

/** The caller a valid access token names. */
export interface VerifiedCaller {
  /** Entra object id (`oid`), lower case. */
  objectId: string;
  /** An app-only token (client credentials) rather than a signed-in user. */
  isApp: boolean;
}

export interface TokenValidator {
  /** Checks `Authorization: Bearer <jwt>`; throws UnauthenticatedError (401) with the reason. */
  verify(authorization: string | null | undefined): Promise<VerifiedCaller>;
}

/** A Dynamics user as the connector needs them to decide and to act. */
export interface DirectoryUser {
  systemUserId: string;
  objectId: string;
  fullName: string;
  email?: string;
  isDisabled: boolean;
  /** Names of every security role held directly or through a team. */
  roleNames: string[];
}

export interface CallerDirectory {
  /** The systemuser whose azureactivedirectoryobjectid is `objectId`, or undefined. */
  find(objectId: string): Promise<DirectoryUser | undefined>;
}
