import type { Response } from 'express';
import type { CheckedRequest } from './spec/request-checks';

/** What the spec gate hands to handlers through res.locals: checked parameters and the caller. */
export interface RequestLocals extends CheckedRequest {
  /** The API client the bearer token belongs to (absent on /oauth/token). */
  clientId?: string;
}

export function locals(res: Response): RequestLocals {
  return res.locals as RequestLocals;
}
