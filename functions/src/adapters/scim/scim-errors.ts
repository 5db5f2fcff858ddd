/**
 * The SCIM service provider's answers as errors that carry nothing secret (axios' own errors hold
 * the request, and so the bearer token). Read by withRetry (status, Retry-After) and the service.
 */
/** The CLM's error detail may echo a userName: e-mail addresses are taken out before it goes anywhere. */
const withoutEmails = (text: string) => text.replace(/[^\s"'<>@]+@[^\s"'<>@]+\.[a-z]{2,}/gi, '<e-mail>');

/** A non-2xx SCIM answer, with the RFC 7644 error body's scimType and detail. */
export class ScimHttpError extends Error {
  readonly headers: { 'retry-after'?: string };
  constructor(
    readonly status: number,
    readonly scimType: string | undefined,
    readonly detail: string | undefined,
    retryAfter: string | undefined,
    readonly operation: string,
  ) {
    super(`The CLM's SCIM service answered ${operation} with HTTP ${status}${scimType ? ` (${scimType})` : ''}${detail ? `: ${withoutEmails(detail)}` : ''}`);
    this.name = 'ScimHttpError';
    this.headers = retryAfter !== undefined ? { 'retry-after': retryAfter } : {};
  }
}

/** No answer at all (connection refused, reset...). */
export class ScimNetworkError extends Error {
  constructor(
    readonly code: string | undefined,
    readonly operation: string,
  ) {
    super(`The CLM's SCIM service could not be reached for ${operation}${code ? ` (${code})` : ''}.`);
    this.name = 'ScimNetworkError';
  }
}

/** The answer does not have the shape RFC 7643 gives it. */
export class ScimAnswerError extends Error {
  readonly status = 502;
  constructor(operation: string, problems: string[]) {
    super(`The CLM's SCIM service answered ${operation} in an unexpected shape: ${problems.slice(0, 5).join('; ')}`);
    this.name = 'ScimAnswerError';
  }
}
