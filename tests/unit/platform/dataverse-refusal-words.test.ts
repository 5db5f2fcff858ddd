/**
 * Issue 25, finding 6, on the connector's side: a Dataverse refusal reaches the person in words
 * (a disabled user; the privilege and table missing, and whom to ask), never Dataverse's own text,
 * and its code is kept in the problem details (`code`, an RFC 9457 extension member) for support.
 */
import { toServiceError } from '../../../functions/src/adapters/dataverse/errors';
import { problemResponse } from '../../../functions/src/handlers/http/problem';

const refused = (code: string, message: string) => Object.assign(new Error(message), { status: 403, code });

it('names the missing privilege in words and keeps the code in the problem details', () => {
  const mapped = toServiceError(
    refused(
      '0x80040220',
      'Principal user (Id=5e7e55e0-1a2b-4c3d-8e4f-000000000005, type=8, roleCount=1, privilegeDepth=None), is missing prvReaddtclm_Template privilege.',
    ),
  );
  const body = JSON.parse(String(problemResponse(mapped, 'trace-1').body)) as { detail: string; code?: string; status: number };
  expect(body.status).toBe(403);
  expect(body.detail).toMatch(/^Dynamics refused this: your roles do not allow read on the dtclm_template table\. Ask your Dynamics administrator/);
  expect(body.detail).not.toMatch(/Principal|prvRead|5e7e55e0/);
  expect(body.code).toBe('0x80040220');
});

it('says a disabled user is disabled', () => {
  const body = JSON.parse(String(problemResponse(toServiceError(refused('0x80040225', 'The user is disabled.')), 'trace-2').body)) as {
    detail: string;
    code?: string;
  };
  expect(body.detail).toBe('Your Dynamics user is disabled: ask your Dynamics administrator to enable it.');
  expect(body.code).toBe('0x80040225');
});
