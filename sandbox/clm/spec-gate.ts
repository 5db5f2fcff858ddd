import type { NextFunction, Request, Response } from 'express';
import { authenticate } from './auth/bearer';
import { checkGrantType } from './auth/token-endpoint';
import { ClmError } from './errors';
import type { RequestLocals } from './request-locals';
import { checkBody, checkParameters } from './spec/request-checks';
import { matchOperation, type SpecOperation } from './spec/operations';
import { guardAnswers } from './spec/response-checks';
import type { ClmWorld } from './world';

/**
 * The door of the API base: finds the spec operation a request is for (404 / 405 otherwise),
 * guards its answers against the spec, then authenticates. Body checks run after body parsing
 * (checkRequest below).
 */
export function matchAndAuthenticate(world: ClmWorld) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const { operation, allowedMethods } = matchOperation(req.method, req.path);
    if (!operation) {
      if (allowedMethods.length > 0) {
        res.setHeader('Allow', allowedMethods.join(', '));
        throw new ClmError(405, 'invalid_request', `${req.method} is not allowed here; use ${allowedMethods.join(' or ')}`);
      }
      throw new ClmError(404, 'not_found', `No such path in the API: ${req.path}`);
    }
    res.locals.operation = operation;
    guardAnswers(operation, res, (violation) => world.stats.specViolations.push(violation));
    if (operation.needsBearer) (res.locals as RequestLocals).clientId = authenticate(world.tokens, req);
    next();
  };
}

export function checkRequest() {
  return (req: Request, res: Response, next: NextFunction): void => {
    const operation = res.locals.operation as SpecOperation;
    if (operation.path === '/oauth/token') checkGrantType(req);
    const checked = checkParameters(operation, req);
    checkBody(operation, req);
    Object.assign(res.locals as RequestLocals, checked);
    next();
  };
}
