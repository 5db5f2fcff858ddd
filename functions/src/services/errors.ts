/**
 * The failures a use case can end in, in words for the person who will read them. Adapters turn
 * remote answers into these; the HTTP layer turns these into problem+json (connector-api.md) with
 * the status each carries. Messages never contain a token, a secret or a stack trace.
 */

export interface FieldProblem {
  /** A request field (`recordId`), a CLM template field key (`dt0_montant`) or a mapping path. */
  field: string;
  message: string;
}

export abstract class ConnectorError extends Error {
  abstract readonly status: number;
  /** Short, stable title of the problem type (problem+json `title`). */
  abstract readonly title: string;
  readonly errors?: FieldProblem[];

  constructor(detail: string, errors?: FieldProblem[]) {
    super(detail);
    this.name = new.target.name;
    this.errors = errors;
  }
}

/** 400: the request does not parse or breaks its schema. */
export class BadRequestError extends ConnectorError {
  readonly status = 400;
  readonly title = 'Bad request';
}

/** 401: no valid Entra token. */
export class UnauthenticatedError extends ConnectorError {
  readonly status = 401;
  readonly title = 'Not signed in';
}

/** 401 on the webhook: the signature is missing, wrong or too old (no bearer challenge: Entra has no part in it). */
export class BadSignatureError extends ConnectorError {
  readonly status = 401;
  readonly title = 'Bad signature';
}

/** 403: a known caller without the role the route needs, or a disabled user. */
export class ForbiddenError extends ConnectorError {
  readonly status = 403;
  readonly title = 'Not allowed';
}

/** 404: the record, template or contract does not exist, or the caller may not read it. */
export class NotFoundError extends ConnectorError {
  readonly status = 404;
  readonly title = 'Not found';
}

/** 409: the thing exists but is not in a state that allows the action. */
export class ConflictError extends ConnectorError {
  readonly status = 409;
  readonly title = 'Conflict';
}

/** 412: the thing changed since the caller read it (If-Match no longer current): read again, then retry. */
export class ChangedSinceReadError extends ConnectorError {
  readonly status = 412;
  readonly title = 'Changed since read';
}

/** 413: the body is larger than the route accepts. */
export class PayloadTooLargeError extends ConnectorError {
  readonly status = 413;
  readonly title = 'Request too large';
}

/** 422: values the CLM (or the mapping) refuses; `errors` has one entry per field. */
export class UnprocessableError extends ConnectorError {
  readonly status = 422;
  readonly title = 'Values refused';
}

/** 503: Dataverse or the CLM is unavailable or throttling after bounded retries; try again later. */
export class UnavailableError extends ConnectorError {
  readonly status = 503;
  readonly title: string = 'Service unavailable';
  constructor(
    detail: string,
    /** Seconds the caller should wait (the `Retry-After` of the answer). */
    readonly retryAfterSeconds: number,
    /** Which side failed, for logs and the health check. */
    readonly service: 'dataverse' | 'clm' | 'storage' | 'scim' | 'connector',
    /** How the last attempt failed, so the health check's hint fits it (a 500 is not a token to paste). */
    readonly failure?: RemoteFailure,
  ) {
    super(detail);
  }
}

/** The last attempt of a remote call: the HTTP status it answered, or why no answer came. */
export interface RemoteFailure {
  status?: number;
  timedOut?: boolean;
  /** The socket's error code (ECONNREFUSED, ENOTFOUND, ...). */
  code?: string;
}

/** 503: the CLM refused the refresh token (invalid_grant): an admin must paste new tokens. */
export class ClmConnectionBrokenError extends UnavailableError {
  override readonly title = 'CLM connection broken';
  constructor(
    detail = 'The connection to the CLM is broken: its refresh token was refused. An administrator must paste new tokens into the environment variables Dilitrust_token_at and Dilitrust_token_rt.',
  ) {
    super(detail, 300, 'clm');
  }
}

/**
 * 503: the CLM tokens were taken for one API origin and `dtclm_api_url` now names another
 * (connector-api.md, the token-origin rule): they are sent nowhere until new tokens are pasted.
 */
export class ClmTokensForAnotherOriginError extends UnavailableError {
  override readonly title = 'CLM tokens for another address';
  /** What the admin does (the health check shows it). */
  readonly hint: string;
  constructor(
    readonly tokenOrigin: string,
    readonly apiOrigin: string,
  ) {
    super(
      `The CLM tokens were given for ${tokenOrigin}, but Dilitrust_API URL now names ${apiOrigin}: the connector sends them nowhere else. An administrator must paste new tokens for ${apiOrigin} into Dilitrust_token_rt and Dilitrust_token_at (or set Dilitrust_API URL back).`,
      300,
      'clm',
    );
    this.hint = `Paste new tokens for ${apiOrigin} into Dilitrust_token_rt / Dilitrust_token_at, or set Dilitrust_API URL back to ${tokenOrigin}.`;
  }
}

/** 401 from SCIM: SCIM_TOKEN is not accepted; every call would fail the same way, so the run stops. */
export class ScimTokenRejectedError extends ConnectorError {
  readonly status = 503;
  readonly title = 'SCIM token refused';
  constructor() {
    super('The CLM refused SCIM_TOKEN (HTTP 401). Create a new SCIM token in the CLM and put it in the Function App setting SCIM_TOKEN.');
  }
}

/** SCIM_URL / SCIM_TOKEN are not set: provisioning is off. */
export class ScimNotConfiguredError extends ConnectorError {
  readonly status = 503;
  readonly title = 'User provisioning not configured';
  constructor() {
    super('User provisioning is not set up: set SCIM_URL and SCIM_TOKEN in the Function App settings.');
  }
}
