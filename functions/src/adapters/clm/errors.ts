/**
 * The CLM's error answers (clm-api.yaml `Error`) as the connector's service errors. Nothing from
 * axios travels further than this module: its errors carry the request config, and so the bearer
 * token or the refresh token in the form body. `ClmHttpError` keeps only status, code, message,
 * details and the two headers that matter.
 */
import { ConflictError, ConnectorError, ForbiddenError, NotFoundError, UnavailableError, UnprocessableError } from '../../services/errors';
import { errorBody, type ClmErrorBody } from './schemas';

/** A non-2xx CLM answer, stripped of everything secret. Read by withRetry (status, headers). */
export class ClmHttpError extends Error {
  readonly headers: { 'retry-after'?: string; 'www-authenticate'?: string };
  constructor(
    readonly status: number,
    readonly body: ClmErrorBody | undefined,
    headers: { 'retry-after'?: string; 'www-authenticate'?: string },
    readonly operation: string,
    /** The body's `error` code even when the body is not the API's Error (the token endpoint's TokenError). */
    readonly errorCode: string | undefined = body?.error,
  ) {
    super(`The CLM answered ${operation} with HTTP ${status}${errorCode ? ` (${errorCode})` : ''}.`);
    this.name = 'ClmHttpError';
    this.headers = headers;
  }
  /** 401 with `WWW-Authenticate: Bearer error="invalid_token"`: the access token expired or was revoked. */
  get isInvalidToken(): boolean {
    return this.status === 401 && (/error="?invalid_token/.test(this.headers['www-authenticate'] ?? '') || this.body?.error === 'invalid_token');
  }
}

/** A network-level failure (no answer), without the request config. */
export class ClmNetworkError extends Error {
  constructor(
    readonly code: string | undefined,
    readonly operation: string,
  ) {
    super(`The CLM could not be reached for ${operation}${code ? ` (${code})` : ''}.`);
    this.name = 'ClmNetworkError';
  }
}

/** The CLM answered something clm-api.yaml does not allow: a CLM change or a fault, not a user error. */
export class ClmAnswerError extends Error {
  readonly status = 502;
  constructor(
    readonly operation: string,
    readonly problems: string[],
  ) {
    super(`The CLM answered ${operation} in an unexpected shape: ${problems.slice(0, 5).join('; ')}`);
    this.name = 'ClmAnswerError';
  }
}

/** The CLM refused a request the connector built: a connector bug or a CLM change (answered 500). */
export class ClmRequestError extends Error {
  constructor(
    readonly status: number,
    readonly clmError: string | undefined,
    readonly operation: string,
  ) {
    super(`The CLM refused ${operation} (HTTP ${status}${clmError ? `, ${clmError}` : ''}).`);
    this.name = 'ClmRequestError';
  }
}

/** 412 on PATCH /contacts/{id}: the contact changed since its version was read; read again and merge. */
export class ClmVersionConflictError extends ConflictError {
  constructor() {
    super('The CLM contact changed since it was read.');
  }
}

/** An environment variable the CLM client needs is empty. */
export class ClmNotConfiguredError extends UnavailableError {
  override readonly title = 'CLM connection not configured';
  constructor(variable: string) {
    super(`The connector is not set up: the environment variable ${variable} is empty in Dynamics. An administrator must fill it.`, 300, 'clm');
  }
}

/** `dtclm_api_url` is not https (nor http on a loopback host): the tokens would travel in clear text. */
export class ClmInsecureUrlError extends UnavailableError {
  override readonly title = 'CLM address not secure';
  readonly hint = 'Set Dilitrust_API URL (dtclm_api_url) to the https address of the CLM API.';
  constructor() {
    super(
      'The environment variable Dilitrust_API URL (dtclm_api_url) is not an https address: the connector sends the CLM tokens only over https. An administrator must correct it.',
      300,
      'clm',
    );
  }
}

function asJson(data: unknown): unknown {
  let value = data;
  if (Buffer.isBuffer(value) || value instanceof ArrayBuffer) value = Buffer.from(value as Buffer).toString('utf8');
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  return value;
}

/** The `error` code of any JSON error body. */
export function errorCodeOf(data: unknown): string | undefined {
  const code = (asJson(data) as { error?: unknown } | undefined)?.error;
  return typeof code === 'string' ? code : undefined;
}

export function parseErrorBody(data: unknown): ClmErrorBody | undefined {
  const value = asJson(data);
  const parsed = errorBody.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

const UNPROCESSABLE_WORDS: Record<string, string> = {
  validation_failed: 'The CLM refused some of the values.',
  no_signatory: 'The contract has no signatory: add at least one before sending it for signature.',
  no_validation_flow: 'No validation flow applies to this contract in the CLM.',
};

/** Final mapping of a failed CLM call (after retries and the one token refresh). */
export function toServiceError(error: unknown): unknown {
  if (error instanceof ConnectorError || error instanceof ClmAnswerError) return error;
  if (!(error instanceof ClmHttpError)) return error;
  const body = error.body;
  switch (error.status) {
    case 404:
      return new NotFoundError(body?.message ? `Not found in the CLM: ${body.message}` : 'Not found in the CLM.');
    case 409:
      return new ConflictError(
        body?.error === 'invalid_state'
          ? `The contract is not in a state that allows this: ${body.message}`
          : `The CLM refused the change: ${body?.message ?? 'conflict'}`,
      );
    case 412:
      return new ClmVersionConflictError();
    case 422: {
      const details = body?.details?.length ? body.details : [{ field: '', message: body?.message ?? 'refused' }];
      return new UnprocessableError(
        UNPROCESSABLE_WORDS[body?.error ?? ''] ?? body?.message ?? 'The CLM refused the values.',
        details.map((d) => ({ field: d.field, message: d.message })),
      );
    }
    case 403:
      return new ForbiddenError('The CLM does not allow the connector’s account to do this.');
    case 401:
      return new UnavailableError('The CLM refused the connector’s access token even after a refresh; please try again later.', 30, 'clm', { status: 401 });
    default:
      return new ClmRequestError(error.status, body?.error, error.operation);
  }
}
