/**
 * POST /oauth/token (refresh_token grant). Refresh tokens rotate and a reused one revokes its
 * descendants (clm-api.yaml), so this call is retried only when the CLM certainly finished with
 * the request: an HTTP answer (429 — it refused to look — or 5xx) or a connection refused (it
 * never got it). A time-out or a dropped connection is NOT retried: the first request may still be
 * running, and a second one racing it would make the CLM see the token twice and revoke the pair
 * the first one is issuing. That refresh fails with a 503; the next request tries again later.
 */
import type { AxiosInstance } from 'axios';
import { UnavailableError } from '../../services/errors';
import { classifyHttpFailure, parseRetryAfter, readHttpFailure, withRetry, type FailureKind, type RetryPolicy } from '../resilience';
import { ClmHttpError, ClmNetworkError } from './errors';
import { exchange } from './http';
import { tokenResponse, type TokenResponse } from './schemas';

/** The CLM refused the refresh token (400 invalid_grant): the token family is dead. */
export class InvalidGrantError extends Error {
  constructor() {
    super('The CLM refused the refresh token (invalid_grant).');
    this.name = 'InvalidGrantError';
  }
}

function classifyRefresh(error: unknown, now: number): FailureKind {
  if (error instanceof ClmHttpError) return classifyHttpFailure(error, now, parseRetryAfter);
  if (error instanceof ClmNetworkError && readHttpFailure(error).code === 'ECONNREFUSED') return { kind: 'transient' };
  return { kind: 'final' };
}

export type RefreshGrant = (apiBase: string, refreshToken: string) => Promise<TokenResponse>;

export function refreshGrant(http: AxiosInstance, policy: Omit<RetryPolicy, 'service' | 'classify'>): RefreshGrant {
  return async (apiBase, refreshToken) => {
    let answer: { data: unknown };
    try {
      answer = await withRetry(
        ({ signal }) =>
          exchange(http, {
            method: 'POST',
            url: `${apiBase}/oauth/token`,
            operation: 'POST /oauth/token',
            headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
            data: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken }).toString(),
            signal,
            timeoutMs: policy.timeoutMs,
          }),
        { ...policy, service: 'clm', classify: classifyRefresh },
      );
    } catch (e) {
      if (e instanceof ClmHttpError && e.status === 400 && e.errorCode === 'invalid_grant') throw new InvalidGrantError();
      if (e instanceof UnavailableError) throw e;
      throw new UnavailableError('The CLM did not complete the token refresh; please try again later.', 30, 'clm');
    }
    const parsed = tokenResponse.safeParse(answer.data);
    if (!parsed.success) throw new UnavailableError('The CLM answered the token refresh in an unexpected shape.', 30, 'clm');
    return parsed.data;
  };
}
