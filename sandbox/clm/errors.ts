import type { Response } from 'express';

/** The machine codes of the spec's `Error` schema (clm-api.yaml, components.schemas.Error). */
export type ErrorCode =
  | 'invalid_request'
  | 'invalid_token'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'validation_failed'
  | 'no_signatory'
  | 'no_validation_flow'
  | 'invalid_state'
  | 'rate_limited'
  | 'internal';

export interface ErrorDetail {
  /** Template field key or body path, as the spec says. */
  field: string;
  message: string;
}

/** Thrown by handlers; the error middleware turns it into the spec's `Error` body. */
export class ClmError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorDetail[],
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}

export function notFound(what: string): ClmError {
  return new ClmError(404, 'not_found', `${what} not found`);
}

export function sendError(res: Response, err: ClmError): void {
  for (const [name, value] of Object.entries(err.headers ?? {})) res.setHeader(name, value);
  const body: { error: ErrorCode; message: string; details?: ErrorDetail[] } = { error: err.code, message: err.message };
  if (err.details && err.details.length > 0) body.details = err.details;
  res.status(err.status).json(body);
}

/** The token endpoint speaks OAuth (RFC 6749 section 5.2), not the `Error` body: spec `TokenError`. */
export type TokenErrorCode = 'invalid_grant' | 'invalid_request' | 'unsupported_grant_type';

export class TokenEndpointError extends Error {
  constructor(
    readonly code: TokenErrorCode,
    readonly description: string,
  ) {
    super(description);
  }
}
