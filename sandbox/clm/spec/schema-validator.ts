import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { ErrorDetail } from '../errors';
import { loadClmApiSpec } from './openapi-document';

/**
 * JSON Schema 2020-12 validation (what OpenAPI 3.1 schemas are) of values against schemas found by
 * JSON Pointer inside clm-api.yaml. The whole document is registered once, so `$ref`s such as
 * `#/components/schemas/Signatory` resolve exactly as the spec writes them.
 */
const DOC_ID = 'clm-api.yaml';

let ajv: Ajv2020 | undefined;
const compiled = new Map<string, ValidateFunction>();

function validator(): Ajv2020 {
  if (!ajv) {
    // strict: false because an OpenAPI document carries keywords (openapi, paths, examples...) that
    // are not JSON Schema; they are ignored, the schema keywords inside are enforced.
    ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    ajv.addFormat('binary', true);
    ajv.addSchema(loadClmApiSpec() as object, DOC_ID);
  }
  return ajv;
}

function compile(pointer: string): ValidateFunction {
  let fn = compiled.get(pointer);
  if (!fn) {
    fn = validator().compile({ $ref: `${DOC_ID}${pointer}` });
    compiled.set(pointer, fn);
  }
  return fn;
}

/** `/signatories/0/email` -> `signatories[0].email`, the body path the `details[].field` carries. */
function toFieldPath(instancePath: string, prefix = ''): string {
  const parts = instancePath
    .split('/')
    .filter(Boolean)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  let path = prefix;
  for (const part of parts) path += /^\d+$/.test(part) ? `[${part}]` : path ? `.${part}` : part;
  return path;
}

function describe(error: ErrorObject): ErrorDetail {
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'required') {
    const parent = toFieldPath(error.instancePath);
    const field = parent ? `${parent}.${String(params.missingProperty)}` : String(params.missingProperty);
    return { field, message: 'is required' };
  }
  const field = toFieldPath(error.instancePath) || '(body)';
  if (error.keyword === 'enum') return { field, message: `must be one of ${JSON.stringify(params.allowedValues)}` };
  if (error.keyword === 'const') return { field, message: `must be ${JSON.stringify(params.allowedValue)}` };
  return { field, message: error.message ?? 'is not valid' };
}

/** Details of everything wrong with `value` against the schema at `pointer` (empty when it is valid). */
export function validateAt(pointer: string, value: unknown, fieldPrefix = ''): ErrorDetail[] {
  const fn = compile(pointer);
  if (fn(value)) return [];
  const seen = new Set<string>();
  const details: ErrorDetail[] = [];
  for (const error of fn.errors ?? []) {
    const detail = describe(error);
    if (fieldPrefix) detail.field = detail.field === '(body)' ? fieldPrefix : `${fieldPrefix}.${detail.field}`;
    const key = `${detail.field}\u0000${detail.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      details.push(detail);
    }
  }
  return details;
}

/** JSON Pointer of a named component schema, e.g. componentSchema('Error'). */
export function componentSchema(name: string): string {
  return `#/components/schemas/${name}`;
}
