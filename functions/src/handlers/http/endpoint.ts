/**
 * The one wrapper every connector route but the webhook goes through (connector-api.md "Rules for
 * every route"). In order:
 *   1. the raw body, at most 1 MiB (413), read before anything else so an oversized body is
 *      refused cheaply;
 *   2. the Entra token and the route's connector role (401 / 403), see services/auth/authorize.ts;
 *   3. JSON + the route's zod schema (400 with one `errors` entry per problem), and route params;
 *   4. one service call; its answer becomes JSON, a ConnectorError becomes problem+json, anything
 *      else a 500 with the trace id (the invocation id) and a redacted log line.
 *
 * Usage (a handler file):
 *   export const startValidationHandler = endpoint({
 *     role: 'user',
 *     body: startValidationBodySchema,          // optional: no schema = the body must be empty
 *     params: { contractId: guidSchema },       // optional: route parameters, checked
 *     handle: async ({ body, params, caller, log }) => ({ status: 202, body: await startValidation(...) }),
 *   });
 * `auth` (token validator + caller directory) defaults to the app context's; tests pass fakes.
 */
import type { HttpHandler, HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import { z } from 'zod';
import type { ConnectorRole } from '../../domain/roles';
import { authorize, type AuthDeps, type AuthorizedCaller } from '../../services/auth/authorize';
import { BadRequestError, type FieldProblem } from '../../services/errors';
import { problemResponse } from './problem';
import { readBody } from './read-body';
import { safeLog, type SafeLog } from './safe-log';

export interface EndpointInput<B, P> {
  body: B;
  params: P;
  caller: AuthorizedCaller;
  traceId: string;
  log: SafeLog;
  request: HttpRequest;
}

export interface Reply<R> {
  status: number;
  body?: R;
  headers?: Record<string, string>;
}

type ParamShapes = Record<string, z.ZodType<string>>;
type ParamsOf<S extends ParamShapes | undefined> = S extends ParamShapes ? { [K in keyof S]: z.infer<S[K]> } : Record<string, never>;

export interface EndpointSpec<BS extends z.ZodType | undefined, PS extends ParamShapes | undefined, R> {
  role: ConnectorRole;
  body?: BS;
  params?: PS;
  /** Default: the app context's auth. Resolved per call, so nothing is built at import time. */
  auth?: () => AuthDeps | Promise<AuthDeps>;
  maxBodyBytes?: number;
  handle(input: EndpointInput<BS extends z.ZodType ? z.infer<BS> : undefined, ParamsOf<PS>>): Promise<Reply<R>>;
}

let defaultAuth: (() => AuthDeps | Promise<AuthDeps>) | undefined;

/** The composition root tells the wrapper where the production auth comes from (app-context.ts). */
export function setDefaultAuth(provider: () => AuthDeps | Promise<AuthDeps>): void {
  defaultAuth = provider;
}

export function endpoint<BS extends z.ZodType | undefined = undefined, PS extends ParamShapes | undefined = undefined, R = unknown>(
  spec: EndpointSpec<BS, PS, R>,
): HttpHandler {
  return async (request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> => {
    const traceId = context.invocationId;
    const log = safeLog(context);
    try {
      const raw = await readBody(request, spec.maxBodyBytes);
      const provider = spec.auth ?? defaultAuth;
      if (!provider) throw new Error('No auth configured for the HTTP endpoints (app-context not loaded)');
      const caller = await authorize(request.headers.get('authorization'), spec.role, await provider());
      const params = parseParams(spec.params, request.params);
      const body = parseBody(spec.body, raw);
      const reply = await spec.handle({ body, params, caller, traceId, log, request } as never);
      return {
        status: reply.status,
        headers: { ...(reply.body === undefined ? {} : { 'Content-Type': 'application/json; charset=utf-8' }), ...reply.headers },
        ...(reply.body === undefined ? {} : { body: JSON.stringify(reply.body) }),
      };
    } catch (error) {
      const answer = problemResponse(error, traceId);
      if ((answer.status ?? 500) >= 500) log.error(`${request.method} ${new URL(request.url).pathname} failed (trace ${traceId}):`, error);
      else log.info(`${request.method} ${new URL(request.url).pathname} answered ${answer.status} (trace ${traceId})`);
      return answer;
    }
  };
}

function parseParams(shapes: ParamShapes | undefined, given: Record<string, string>): Record<string, string> {
  if (!shapes) return {};
  const out: Record<string, string> = {};
  const problems: FieldProblem[] = [];
  for (const [name, schema] of Object.entries(shapes)) {
    const r = schema.safeParse(given[name]);
    if (r.success) out[name] = r.data;
    else problems.push({ field: name, message: `${name} in the address ${r.error.issues[0]?.message ?? 'is not valid'}` });
  }
  if (problems.length) throw new BadRequestError('The address of the request is not valid.', problems);
  return out;
}

function parseBody(schema: z.ZodType | undefined, raw: Buffer): unknown {
  const text = raw.toString('utf8').trim();
  if (!schema) {
    if (text && text !== '{}') throw new BadRequestError('This request takes no body.');
    return undefined;
  }
  let json: unknown = {};
  if (text) {
    try {
      json = JSON.parse(text);
    } catch {
      throw new BadRequestError('The request body is not valid JSON.', [{ field: '(body)', message: 'The body is not valid JSON.' }]);
    }
  }
  const r = schema.safeParse(json);
  if (!r.success) throw new BadRequestError('The request body does not have the expected shape.', r.error.issues.map(issueToProblem));
  return r.data;
}

function issueToProblem(issue: z.core.$ZodIssue): FieldProblem {
  const field = issue.path.length ? issue.path.map(String).join('.') : '(body)';
  if (issue.code === 'unrecognized_keys') return { field, message: `Unknown field(s): ${issue.keys.join(', ')}` };
  if (issue.code === 'invalid_type' && issue.input === undefined) return { field, message: `${field} is required` };
  if (issue.code === 'invalid_value') return { field, message: `${field} must be one of: ${issue.values.map(String).join(', ')}` };
  // zod's own wording starts with a capital ("Invalid input: ..."): read after the field's name.
  return { field, message: `${field}: ${issue.message.charAt(0).toLowerCase()}${issue.message.slice(1)}` };
}
