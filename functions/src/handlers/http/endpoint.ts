/**
 * The one wrapper every connector route but the webhook goes through (connector-api.md "Rules for
 * every route"). In order:
 *   1. the Entra token and the route's connector role (401 / 403), see services/auth/authorize.ts,
 *      before a byte of the body is read: an anonymous caller cannot make the app buffer 1 MiB;
 *   2. the raw body, at most 1 MiB (413);
 *   3. JSON + the route's zod schema (400 with one `errors` entry per problem), and route params;
 *   4. one service call; its answer becomes JSON (or a stream of bytes, forwarded as they come), a
 *      ConnectorError becomes problem+json, anything else a 500 with the trace id (the invocation
 *      id) and a redacted log line. A stream that fails once its headers are sent cannot become a
 *      problem any more: the runtime ends the answer aborted (the caller sees a cut-off body).
 *
 * Usage (a handler file):
 *   export const startValidationHandler = (app: AppProvider) => endpoint(app, {
 *     role: 'user',
 *     body: startValidationBodySchema,          // optional: no schema = the body must be empty
 *     params: { contractId: guidSchema },       // optional: route parameters, checked
 *     handle: async ({ body, params, caller, log }) => ({ status: 202, body: await startValidation(...) }),
 *   });
 * The auth (token validator + caller directory) and the log's redactor come from the app.
 */
import { zodProblems } from '../../../../api/zod-problems';
import type { HttpHandler, HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import { type z } from 'zod';
import type { ConnectorRole } from '../../domain/roles';
import type { AppServices } from '../../services/app-services';
import { authorize, type AuthorizedCaller } from '../../services/auth/authorize';
import { BadRequestError, type FieldProblem } from '../../services/errors';
import { Redactor } from '../../services/logging/redactor';
import { problemResponse } from './problem';
import { readBody } from './read-body';
import { safeLog, type SafeLog } from './safe-log';

interface EndpointInput<B, P> {
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
  /**
   * Bytes answered as they come (a CLM document), with the Content-Type the handler sets; `body`
   * is then ignored. The Functions runtime reads it chunk by chunk with HTTP streaming on
   * (host-setup.ts); never a Buffer of the whole file.
   */
  stream?: ReadableStream<Uint8Array>;
  headers?: Record<string, string>;
}

type ParamShapes = Record<string, z.ZodType<string>>;
type ParamsOf<S extends ParamShapes | undefined> = S extends ParamShapes ? { [K in keyof S]: z.infer<S[K]> } : Record<string, never>;

export interface EndpointSpec<BS extends z.ZodType | undefined, PS extends ParamShapes | undefined, R> {
  role: ConnectorRole;
  body?: BS;
  params?: PS;
  maxBodyBytes?: number;
  handle(input: EndpointInput<BS extends z.ZodType ? z.infer<BS> : undefined, ParamsOf<PS>>): Promise<Reply<R>>;
}

/** What the wrapper itself needs of the app. */
export type EndpointApp = () => Pick<AppServices, 'auth' | 'redactor'>;

export function endpoint<BS extends z.ZodType | undefined = undefined, PS extends ParamShapes | undefined = undefined, R = unknown>(
  app: EndpointApp,
  spec: EndpointSpec<BS, PS, R>,
): HttpHandler {
  return async (request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> => {
    const traceId = context.invocationId;
    // Until the app is reached (its settings may be what fails), lines are redacted by the patterns alone.
    let log = safeLog(context, new Redactor());
    try {
      const services = app();
      log = safeLog(context, services.redactor);
      const caller = await authorize(request.headers.get('authorization'), spec.role, services.auth);
      const raw = await readBody(request, spec.maxBodyBytes);
      const params = parseParams(spec.params, request.params);
      const body = parseBody(spec.body, raw);
      const reply = await spec.handle({ body, params, caller, traceId, log, request } as never);
      if (reply.stream) return { status: reply.status, headers: { ...reply.headers }, body: reply.stream };
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
  if (!r.success) throw new BadRequestError('The request body does not have the expected shape.', zodProblems(r.error, { input: json }));
  return r.data;
}
