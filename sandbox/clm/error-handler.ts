import type { NextFunction, Request, Response } from 'express';
import { ClmError, sendError, TokenEndpointError } from './errors';
import type { SpecOperation } from './spec/operations';

/**
 * Turns whatever a handler threw into the answer the spec describes: `Error` bodies, except on
 * /oauth/token whose 400s are OAuth `TokenError`s ({ error, error_description }).
 */
export function errorHandler() {
  return (error: unknown, _req: Request, res: Response, next: NextFunction): void => {
    if (res.headersSent) return next(error);
    const onTokenEndpoint = (res.locals.operation as SpecOperation | undefined)?.path === '/oauth/token';
    if (error instanceof TokenEndpointError) {
      res.setHeader('Cache-Control', 'no-store');
      res.status(400).json({ error: error.code, error_description: error.description });
      return;
    }
    const clmError = asClmError(error);
    if (onTokenEndpoint && clmError.status === 400) {
      const description = [clmError.message, ...(clmError.details ?? []).map((d) => `${d.field} ${d.message}`)].join('; ');
      res.status(400).json({ error: 'invalid_request', error_description: description });
      return;
    }
    sendError(res, clmError);
  };
}

/** Body-parser failures carry `type`; anything unknown is a sandbox bug, answered as 500 internal. */
function asClmError(error: unknown): ClmError {
  if (error instanceof ClmError) return error;
  const type = (error as { type?: string }).type;
  if (type === 'entity.parse.failed')
    return new ClmError(400, 'invalid_request', 'The body is not valid JSON', [{ field: '(body)', message: 'does not parse' }]);
  if (type === 'entity.too.large') return new ClmError(400, 'invalid_request', 'The body is too large', [{ field: '(body)', message: 'over 1 MiB' }]);
  if (type === 'encoding.unsupported' || type === 'charset.unsupported') return new ClmError(400, 'invalid_request', 'Unsupported body encoding');
  console.error(`[clm sandbox] unexpected error: ${(error as Error).message}`);
  return new ClmError(500, 'internal', 'Unexpected sandbox error');
}
