/**
 * Errors in Dataverse's shape: `{ "error": { "code": "0x...", "message": "..." } }` with the HTTP
 * status Dataverse uses. Codes are the hexadecimal ErrorCodes Dataverse documents
 * (learn.microsoft.com "Dataverse Web API error codes"); the connector may branch on them.
 */
export class DataverseError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  body(): { error: { code: string; message: string } } {
    return { error: { code: this.code, message: this.message } };
  }
}

export const ErrorCodes = {
  /** ObjectDoesNotExist: a row that is absent, or that the caller may not read. */
  objectDoesNotExist: '0x80040217',
  /** Resource not found for the segment (unknown entity set or path segment). */
  resourceNotFound: '0x8006088a',
  /** OData query or payload that does not fit the model (unknown property, syntax). */
  queryParse: '0x80060888',
  /**
   * The caller holds the privilege, but its depth does not reach this row (SecLib::AccessCheckEx,
   * hr -2147187962 = 0x80048306, "Not enough privilege to access the Microsoft Dynamics 365 object or
   * perform the requested operation": Microsoft's troubleshooting article for error 80048306).
   */
  accessCheckFailed: '0x80048306',
  /** PrivilegeDenied: the caller lacks a privilege (prvCreate..., prvWrite..., prvActOnBehalfOfAnotherUser). */
  privilegeDenied: '0x80040220',
  /** ConcurrencyVersionMismatch: If-Match ETag does not match the row's version. */
  concurrencyVersionMismatch: '0x80060882',
  /** DuplicateRecord: a row with the same key (primary or alternate) already exists. */
  duplicateRecord: '0x80040237',
  /** Service protection limit: number of requests exceeded. */
  serviceProtectionRequests: '0x80072322',
  /** The calling or impersonated user is disabled. */
  userDisabled: '0x80040225',
  /** The user is not a member of the organization (no systemuser for the token / CallerObjectId). */
  userNotInOrganization: '0x80072560',
  /** Invalid argument (bad value for a column, bad key). */
  invalidArgument: '0x80040203',
  /** Generic server-side failure (used for injected 503). */
  unexpected: '0x80040216',
} as const;

export const notFound = (entity: string, id: string): DataverseError =>
  new DataverseError(404, ErrorCodes.objectDoesNotExist, `${entity} With Id = ${id} Does Not Exist`);

export type AccessRight = 'ReadAccess' | 'WriteAccess' | 'DeleteAccess' | 'AppendAccess' | 'AppendToAccess';

/** 403 for a row that exists but that the caller's privilege depth does not reach, worded as Dataverse's security library words it. */
export function accessCheckFailed(a: {
  objectId: string;
  ownerId: string;
  callingUser: string;
  objectTypeCode: number | undefined;
  businessUnitId: string;
  right: AccessRight;
}): DataverseError {
  return new DataverseError(
    403,
    ErrorCodes.accessCheckFailed,
    `SecLib::AccessCheckEx failed. Returned hr = -2147187962, ObjectID: ${a.objectId}, OwnerId: ${a.ownerId},  OwnerIdType: 8 and CallingUser: ${a.callingUser}. ObjectTypeCode: ${a.objectTypeCode ?? 0}, objectBusinessUnitId: ${a.businessUnitId}, AccessRights: ${a.right} `,
  );
}

export const segmentNotFound = (segment: string): DataverseError =>
  new DataverseError(404, ErrorCodes.resourceNotFound, `Resource not found for the segment '${segment}'.`);

export const unknownProperty = (property: string, entity: string): DataverseError =>
  new DataverseError(400, ErrorCodes.queryParse, `Could not find a property named '${property}' on type 'Microsoft.Dynamics.CRM.${entity}'.`);

export const badRequest = (message: string, code: string = ErrorCodes.queryParse): DataverseError => new DataverseError(400, code, message);
