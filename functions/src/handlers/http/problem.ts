/**
 * ConnectorError -> `application/problem+json` (RFC 9457, connector-api.md): `{ type, title, status,
 * detail, errors?, traceId }`, `Retry-After` on 503. Anything else is a 500 with a generic detail:
 * its message may carry internals, so it is logged (redacted), never answered.
 */
import type { HttpResponseInit } from '@azure/functions';
import { PROBLEM_CONTENT_TYPE, type Problem } from '../../../../api/problem';
import { ConnectorError, UnauthenticatedError, UnavailableError } from '../../services/errors';

/** `type` URIs: stable, one per status, under the connector's own namespace. */
function problemType(status: number): string {
  return `https://dilitrust.com/clm-connector/problems/${status}`;
}

function problemBody(error: ConnectorError, traceId: string): Problem {
  // Dataverse's code of the refusal behind it (adapters/dataverse/errors.ts keeps it), for support.
  const code = (error as unknown as { dataverseCode?: unknown }).dataverseCode;
  return {
    type: problemType(error.status),
    title: error.title,
    status: error.status,
    detail: error.message,
    ...(error.errors?.length ? { errors: error.errors.map((e) => ({ field: e.field, message: e.message })) } : {}),
    traceId,
    ...(typeof code === 'string' ? { code } : {}),
  };
}

export function problemResponse(error: unknown, traceId: string): HttpResponseInit {
  if (error instanceof ConnectorError) {
    const headers: Record<string, string> = { 'Content-Type': PROBLEM_CONTENT_TYPE };
    // RFC 6750: a refused bearer token is challenged, so clients know to get a new one.
    if (error instanceof UnauthenticatedError) headers['WWW-Authenticate'] = 'Bearer error="invalid_token"';
    if (error instanceof UnavailableError) headers['Retry-After'] = String(Math.max(1, Math.ceil(error.retryAfterSeconds)));
    return { status: error.status, headers, body: JSON.stringify(problemBody(error, traceId)) };
  }
  const body: Problem = {
    type: problemType(500),
    title: 'Internal error',
    status: 500,
    detail: `Something went wrong in the connector. Try again; if it keeps happening, give your administrator this trace id: ${traceId}.`,
    traceId,
  };
  return { status: 500, headers: { 'Content-Type': PROBLEM_CONTENT_TYPE }, body: JSON.stringify(body) };
}
