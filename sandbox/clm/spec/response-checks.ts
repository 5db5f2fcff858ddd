import type { Response } from 'express';
import { componentSchema, validateAt } from './schema-validator';
import type { SpecOperation } from './operations';

/**
 * Holds the sandbox's own answers to the spec. An answer the spec does not allow is a bug of the
 * sandbox; rather than let a connector learn to live with it, the answer is replaced by a 500 that
 * says what broke, and the problem is kept for tests (`GET /_sandbox/stats` -> specViolations).
 *
 * Statuses any operation may answer although the yaml lists them only in its "rules for every call":
 * 400 (a request that breaks the spec), 401 (token), 404 (an unknown id in the path), 405, 429, 500.
 * PATCH /contacts/{contactId} may also answer 409: the spec makes email unique among active contacts
 * but lists 409 only on POST.
 */
const GLOBAL_STATUSES = new Set(['400', '401', '404', '405', '429', '500']);
const EXTRA_STATUSES: Record<string, string[]> = { 'patch /contacts/{contactId}': ['409'] };

export interface SpecViolation {
  operation: string;
  status: number;
  problems: string[];
}

function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Problems of an answer against the spec (empty when it conforms). */
export function answerProblems(op: SpecOperation, status: number, body: unknown): string[] {
  const key = String(status);
  const documented = op.spec.responses[key];
  const isTokenEndpoint = op.path === '/oauth/token';
  if (!documented) {
    const extra = EXTRA_STATUSES[`${op.method} ${op.path}`] ?? [];
    if (!GLOBAL_STATUSES.has(key) && !extra.includes(key)) return [`status ${status} is not an answer of ${op.method.toUpperCase()} ${op.path}`];
    return validateAt(componentSchema(isTokenEndpoint && status === 400 ? 'TokenError' : 'Error'), body).map((d) => `${d.field}: ${d.message}`);
  }
  const jsonContent = documented.content?.['application/json'];
  if (!jsonContent) {
    return body === undefined ? [] : [`status ${status} of ${op.method.toUpperCase()} ${op.path} has no JSON body in the spec`];
  }
  const pointer = `${op.pointer}/responses/${key}/content/${escapePointer('application/json')}/schema`;
  return validateAt(pointer, body).map((d) => `${d.field}: ${d.message}`);
}

/** Wraps res.json so that every JSON answer of this operation is checked before it leaves. */
export function guardAnswers(op: SpecOperation, res: Response, onViolation: (v: SpecViolation) => void): void {
  const json = res.json.bind(res);
  res.json = (body: unknown) => {
    const problems = answerProblems(op, res.statusCode, body);
    if (problems.length === 0) return json(body);
    const violation = { operation: `${op.method.toUpperCase()} ${op.path}`, status: res.statusCode, problems };
    onViolation(violation);
    console.error(`[clm sandbox] answer breaks clm-api.yaml: ${violation.operation} ${violation.status}: ${problems.join('; ')}`);
    res.status(500);
    return json({ error: 'internal', message: `The sandbox's answer broke clm-api.yaml: ${problems.join('; ')}` });
  };
}
