/** Remote error answers -> service errors: Dataverse (DynamicsWebApi's rejections) and the CLM (clm-api.yaml Error). */
import { clmToServiceError, ClmHttpError, ClmRequestError, ClmVersionConflictError } from '../../../functions/src/adapters/clm';
import { DataverseRequestError, isNotReadable, PreconditionFailedError, toServiceError } from '../../../functions/src/adapters/dataverse';
import { ConflictError, ForbiddenError, NotFoundError, UnavailableError, UnprocessableError } from '../../../functions/src/services/errors';

/** A rejection shaped as DynamicsWebApi makes it (ErrorHelper.handleHttpError). */
const dwa = (status: number, code: string, message = 'Dataverse words') => Object.assign(new Error(), { status, code, message, headers: {} });

describe('Dataverse errors', () => {
  it.each([
    [dwa(404, '0x80040217'), NotFoundError],
    [dwa(403, '0x80040220'), ForbiddenError],
    [dwa(400, '0x80040220'), ForbiddenError],
    [dwa(403, '0x80040225'), ForbiddenError],
    [dwa(412, '0x80060882'), PreconditionFailedError],
    [dwa(429, '0x80072322'), UnavailableError],
    [dwa(400, '0x80060888'), DataverseRequestError],
  ])('%o -> %p', (error, type) => {
    expect(toServiceError(error)).toBeInstanceOf(type);
  });

  it('keeps the status, so the mapping readers still treat 403/404 as "no record"', () => {
    expect(isNotReadable(toServiceError(dwa(404, '0x80040217')))).toBe(true);
    expect(isNotReadable(toServiceError(dwa(403, '0x80040220')))).toBe(true);
  });

  it('tells a duplicate key from a stale ETag', () => {
    expect((toServiceError(dwa(412, '0x80040237')) as PreconditionFailedError).alreadyExists).toBe(true);
    expect((toServiceError(dwa(412, '0x80060882')) as PreconditionFailedError).alreadyExists).toBe(false);
  });

  it('does not show Dataverse’s own text to the user', () => {
    const mapped = toServiceError(dwa(404, '0x80040217', 'quote With Id = 1234 Does Not Exist')) as Error;
    expect(mapped.message).not.toContain('1234');
  });

  it('passes $batch part arrays and non-HTTP errors through', () => {
    const parts = [new Error('x')];
    expect(toServiceError(parts)).toBe(parts);
    const plain = new TypeError('bug');
    expect(toServiceError(plain)).toBe(plain);
  });
});

describe('CLM errors', () => {
  const clm = (status: number, error: string, details?: { field: string; message: string }[]) =>
    new ClmHttpError(status, { error: error as never, message: `${error} words`, ...(details ? { details } : {}) }, {}, 'POST /contracts');

  it('404 -> NotFoundError, 409 invalid_state -> ConflictError, 412 -> ClmVersionConflictError', () => {
    expect(clmToServiceError(clm(404, 'not_found'))).toBeInstanceOf(NotFoundError);
    expect(clmToServiceError(clm(409, 'invalid_state'))).toBeInstanceOf(ConflictError);
    expect(clmToServiceError(clm(412, 'conflict'))).toBeInstanceOf(ClmVersionConflictError);
  });

  it.each(['validation_failed', 'no_signatory', 'no_validation_flow'])('422 %s -> UnprocessableError, one entry per detail, in words', (code) => {
    const details = [
      { field: 'dt0_a', message: 'is required' },
      { field: 'dt0_b', message: 'is not one of the options' },
    ];
    const e = clmToServiceError(clm(422, code, details)) as UnprocessableError;
    expect(e).toBeInstanceOf(UnprocessableError);
    expect(e.errors).toEqual(details);
    expect(e.message).toMatch(/^[A-Z][a-z]/);
    expect(e.message).not.toContain('_');
  });

  it('422 without details still gives one entry', () => {
    expect((clmToServiceError(clm(422, 'no_signatory')) as UnprocessableError).errors).toHaveLength(1);
  });

  it('a 400 is a connector bug, not the user’s fault', () => {
    expect(clmToServiceError(clm(400, 'invalid_request'))).toBeInstanceOf(ClmRequestError);
  });

  it('knows an expired access token by WWW-Authenticate', () => {
    expect(new ClmHttpError(401, undefined, { 'www-authenticate': 'Bearer error="invalid_token"' }, 'GET /x').isInvalidToken).toBe(true);
    expect(new ClmHttpError(401, undefined, { 'www-authenticate': 'Bearer' }, 'GET /x').isInvalidToken).toBe(false);
  });
});
