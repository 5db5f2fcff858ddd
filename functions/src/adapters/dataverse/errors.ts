/**
 * Dataverse's error answers as the connector's service errors. DynamicsWebApi rejects with an Error
 * carrying `status`, node's `headers` and Dataverse's hex `code` (e.g. 0x80040220). The mapped
 * errors keep the same `status`, so `httpStatusOf` / `isNotReadable` read them unchanged.
 * Messages are ours, in words: Dataverse's own text can name tables and ids, and is kept only in
 * `dataverseMessage` for logs.
 */
import { ConnectorError, ForbiddenError, NotFoundError, UnavailableError } from '../../services/errors';

/**
 * The access-check error: the row exists, the caller holds the privilege, but its depth does not
 * reach this row (SecLib::AccessCheckEx, 403). For the connector that row does not exist: 404.
 */
const ACCESS_CHECK_FAILED = '0x80048306';

/** Dataverse codes that mean "missing privilege" / "disabled user" / "no systemuser for the caller". */
const FORBIDDEN_CODES = new Set(['0x80040220', '0x80040225', '0x80072560']);

/**
 * 412: an `If-Match` ETag that is no longer current (0x80060882), or `If-None-Match: *` / a duplicate
 * alternate key (0x80040237). A repository catches it to re-read and merge, or to treat "exists".
 */
export class PreconditionFailedError extends Error {
  readonly status = 412;
  constructor(
    readonly dataverseCode: string | undefined,
    readonly dataverseMessage: string | undefined,
  ) {
    super(dataverseCode === '0x80040237' ? 'A Dataverse record with the same key already exists.' : 'The Dataverse record changed since it was read.');
    this.name = 'PreconditionFailedError';
  }
  /** True when the row already exists (create with If-None-Match: *, or a duplicate key). */
  get alreadyExists(): boolean {
    return this.dataverseCode === '0x80040237';
  }
}

/** Any other refused request (400, 401...): a bug or a setup problem, not the user's; answered 500. */
export class DataverseRequestError extends Error {
  constructor(
    readonly status: number | undefined,
    readonly dataverseCode: string | undefined,
    readonly dataverseMessage: string | undefined,
  ) {
    super(`Dataverse refused a request${status ? ` (HTTP ${status}${dataverseCode ? `, ${dataverseCode}` : ''})` : ''}.`);
    this.name = 'DataverseRequestError';
  }
}

interface DwaError {
  status?: unknown;
  code?: unknown;
  message?: unknown;
}

function fields(error: unknown) {
  const e = (error ?? {}) as DwaError;
  return {
    status: typeof e.status === 'number' ? e.status : undefined,
    code: typeof e.code === 'string' ? e.code.toLowerCase() : undefined,
    message: typeof e.message === 'string' ? e.message : undefined,
  };
}

function keep<T extends Error>(mapped: T, code: string | undefined, message: string | undefined): T {
  Object.assign(mapped, { dataverseCode: code });
  Object.defineProperty(mapped, 'dataverseMessage', { value: message, enumerable: false });
  return mapped;
}

/**
 * A Dataverse refusal in words the person can act on (issue 25): a disabled user, or the privilege
 * missing, with the table it is on; who to ask. The code stays on the error for the problem details.
 */
function refusalWords(code: string | undefined, message: string | undefined): string {
  if (code === '0x80040225' || /\bis disabled\b/i.test(message ?? '')) return 'Your Dynamics user is disabled: ask your Dynamics administrator to enable it.';
  const privilege = /\bprv(AppendTo|Append|Read|Write|Create|Delete)(\w+?)\b/.exec(message ?? '');
  if (privilege)
    return `Dynamics refused this: your roles do not allow ${privilege[1].toLowerCase()} on the ${privilege[2].toLowerCase()} table. Ask your Dynamics administrator for the connector role your task needs (admin guide, security roles).`;
  return 'Dynamics refused this: a privilege is missing. Ask your Dynamics administrator for the connector role your task needs (admin guide, security roles).';
}

/**
 * Maps a DynamicsWebApi rejection. Errors that are already ours (UnavailableError from withRetry,
 * any ConnectorError) and non-HTTP failures pass through unchanged; so do $batch rejections
 * (DynamicsWebApi rejects those with an array of parts, which the caller reads).
 */
export function toServiceError(error: unknown): unknown {
  if (error instanceof ConnectorError || error instanceof PreconditionFailedError || error instanceof DataverseRequestError) return error;
  if (Array.isArray(error)) return error;
  const { status, code, message } = fields(error);
  if (status === undefined) return error;
  if (status === 404 || (status === 403 && code === ACCESS_CHECK_FAILED)) {
    return keep(new NotFoundError('The Dataverse record was not found, or you may not read it.'), code, message);
  }
  if (status === 403 || (code && FORBIDDEN_CODES.has(code))) return keep(new ForbiddenError(refusalWords(code, message)), code, message);
  if (status === 412) return new PreconditionFailedError(code, message);
  if (status === 429 || status === 503) return keep(new UnavailableError('Dataverse is busy; please try again later.', 5, 'dataverse'), code, message);
  return new DataverseRequestError(status, code, message);
}
