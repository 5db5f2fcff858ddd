/**
 * The one way a zod error becomes problem details (RFC 9457 `errors`, connector-api.md "Rules for
 * every route"): one `{ field, message }` per issue, in words a person can act on ("x is required",
 * "x must be a string", "x must be one of: a, b", "Unknown field(s): y"). The routes answer with it;
 * the settings, the CLM's and SCIM's answers and the webhook say their problems with it too.
 */
import type { z } from 'zod';
import type { FieldProblem } from './problem';

type Issues = z.ZodError | readonly z.core.$ZodIssue[];

export interface ZodProblemOptions {
  /** The field of an issue about the whole value: '(body)' unless told. */
  root?: string;
  /** The value that was checked: tells a missing field ("is required") from one of the wrong type. */
  input?: unknown;
}

/** The issues of a zod error as problem details' `errors`. */
export function zodProblems(error: Issues, options: ZodProblemOptions = {}): FieldProblem[] {
  const issues = 'issues' in error ? error.issues : error;
  return issues.map((issue) => issueProblem(issue, options));
}

/** The same problems on one line ("a.b must be a string; c is required"), for an error's message. */
export function zodProblemsLine(error: Issues, options: ZodProblemOptions = {}): string {
  return zodProblems(error, options)
    .map((p) => p.message)
    .join('; ');
}

function issueProblem(issue: z.core.$ZodIssue, { root = '(body)', input }: ZodProblemOptions): FieldProblem {
  const field = issue.path.length ? issue.path.map(String).join('.') : root;
  if (issue.code === 'unrecognized_keys') return { field, message: `Unknown field(s): ${issue.keys.join(', ')}` };
  // A schema's own words ({ error: 'must be a UUID' }, or a sentence naming the field) are read as written.
  if (issue.message.includes(field) && issue.path.length) return { field, message: issue.message };
  if (/^[a-z]/.test(issue.message)) return { field, message: `${field} ${issue.message}` };
  if (issue.code === 'invalid_type') {
    return isPresent(input, issue.path) ? { field, message: `${field} must be ${article(issue.expected)}` } : { field, message: `${field} is required` };
  }
  if (issue.code === 'invalid_value') return { field, message: `${field} must be one of: ${issue.values.map(String).join(', ')}` };
  // zod's own wording starts with a capital ("Invalid input: ..."): read after the field's name.
  return { field, message: `${field}: ${issue.message.charAt(0).toLowerCase()}${issue.message.slice(1)}` };
}

/** Whether the value holds something at this path (zod does not keep the input on its issues). */
function isPresent(value: unknown, path: readonly PropertyKey[]): boolean {
  let at: unknown = value;
  for (const key of path) {
    if (at === null || typeof at !== 'object' || !(key in at)) return false;
    at = (at as Record<PropertyKey, unknown>)[key];
  }
  return at !== undefined;
}

/** zod's expected type in words: "a string", "an array". */
function article(expected: string): string {
  return /^[aeiou]/i.test(expected) ? `an ${expected}` : `a ${expected}`;
}
