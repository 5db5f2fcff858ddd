import type { Request } from 'express';
import { ClmError, type ErrorDetail } from '../errors';
import type { JsonSchema } from './openapi-document';
import type { SpecOperation } from './operations';
import { validateAt } from './schema-validator';

/**
 * Holds a request to the spec before any handler sees it: parameters (path, query, header) and the
 * body. A request that breaks the spec is refused with one detail per problem, as the real API would:
 *   - a parameter problem is 400 invalid_request;
 *   - a body problem is 422 validation_failed when the operation documents 422, else 400
 *     invalid_request (e.g. contacts, which document no 422).
 * Query parameters the operation does not define are refused too: a typo such as `updated_since`
 * would otherwise be silently ignored and the connector would never notice.
 */
export interface CheckedRequest {
  /** Query parameters converted to their schema types (integer, ...). */
  query: Record<string, unknown>;
  pathParams: Record<string, string>;
}

function coerce(raw: string, schema: JsonSchema): unknown {
  const type = schema.type;
  if (type === 'integer' && /^-?\d+$/.test(raw)) return Number(raw);
  if (type === 'number' && raw.trim() !== '' && Number.isFinite(Number(raw))) return Number(raw);
  if (type === 'boolean' && (raw === 'true' || raw === 'false')) return raw === 'true';
  return raw;
}

function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function checkParameters(op: SpecOperation, req: Request): CheckedRequest {
  const details: ErrorDetail[] = [];
  const query: Record<string, unknown> = {};
  const pathParams: Record<string, string> = {};
  const parameters = op.spec.parameters ?? [];
  const rawQuery = req.query as Record<string, unknown>;

  const names = [...op.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
  const match = op.regex.exec(req.path);
  names.forEach((name, i) => {
    try {
      pathParams[name] = decodeURIComponent(match?.[i + 1] ?? '');
    } catch {
      details.push({ field: name, message: 'is not valid percent-encoding' });
      pathParams[name] = match?.[i + 1] ?? '';
    }
  });

  parameters.forEach((param, index) => {
    const pointer = `${op.pointer}/parameters/${index}/schema`;
    let raw: unknown;
    if (param.in === 'path') raw = pathParams[param.name];
    else if (param.in === 'header') raw = req.get(param.name);
    else raw = rawQuery[param.name];
    if (raw === undefined || raw === '') {
      if (param.required || param.in === 'path') details.push({ field: param.name, message: `${param.in} parameter is required` });
      return;
    }
    if (typeof raw !== 'string') {
      details.push({ field: param.name, message: 'must be given once, as a single value' });
      return;
    }
    const value = coerce(raw, param.schema);
    details.push(...validateAt(pointer, value, param.name));
    if (param.in === 'query') query[param.name] = value;
  });

  const known = new Set(parameters.filter((p) => p.in === 'query').map((p) => p.name));
  for (const name of Object.keys(rawQuery)) {
    if (!known.has(name)) details.push({ field: name, message: 'is not a query parameter of this operation' });
  }
  if (details.length > 0) throw new ClmError(400, 'invalid_request', 'The request parameters do not follow the API', details);
  return { query, pathParams };
}

function hasBody(req: Request): boolean {
  const length = req.get('content-length');
  return (length !== undefined && length !== '0') || req.get('transfer-encoding') !== undefined;
}

export function checkBody(op: SpecOperation, req: Request): void {
  const requestBody = op.spec.requestBody;
  if (!requestBody) return;
  const bodyStatus = op.spec.responses['422'] ? 422 : 400;
  const bodyCode = bodyStatus === 422 ? 'validation_failed' : 'invalid_request';
  const contentTypes = Object.keys(requestBody.content);
  if (!hasBody(req)) {
    if (requestBody.required)
      throw new ClmError(400, 'invalid_request', 'A request body is required', [{ field: '(body)', message: `send ${contentTypes.join(' or ')}` }]);
    req.body = undefined;
    return;
  }
  const contentType = contentTypes.find((type) => req.is(type));
  if (!contentType) {
    throw new ClmError(400, 'invalid_request', `Content-Type must be ${contentTypes.join(' or ')}`, [
      { field: 'Content-Type', message: `got ${req.get('content-type') ?? 'none'}` },
    ]);
  }
  const pointer = `${op.pointer}/requestBody/content/${escapePointer(contentType)}/schema`;
  const details = validateAt(pointer, req.body);
  if (details.length > 0) throw new ClmError(bodyStatus, bodyCode, 'The request body does not follow the API', details);
}
