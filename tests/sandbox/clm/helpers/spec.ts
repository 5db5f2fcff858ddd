import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';

/**
 * The tests' own reading of clm-api.yaml, independent of the sandbox's code: the shared spec, which
 * lives beside the repository (`../shared`, or the folder SHARED_SPECS_DIR names). Without it the
 * CLM sandbox tests fail, rather than check the sandbox against the copy it carries itself (a
 * sandbox that drifted from the spec would then agree with itself).
 */
const SHARED_SPEC = process.env.SHARED_SPECS_DIR
  ? resolve(process.env.SHARED_SPECS_DIR, 'clm-api.yaml')
  : resolve(__dirname, '../../../../../shared/spec/clm-api.yaml');
const SANDBOX_COPY = join(__dirname, '../../../../sandbox/clm/spec/clm-api.yaml');
if (!existsSync(SHARED_SPEC)) {
  throw new Error(
    `The shared CLM spec is missing at ${SHARED_SPEC}: check out the shared folder beside the repository (../shared/spec), or set SHARED_SPECS_DIR to the folder holding clm-api.yaml.`,
  );
}
const SPEC_PATH = SHARED_SPEC;
export const SHARED_SPEC_PATH = SHARED_SPEC;
export const SANDBOX_SPEC_PATH = SANDBOX_COPY;

interface Operation {
  security?: unknown[];
  responses: Record<string, { content?: Record<string, { schema: unknown }> }>;
}
export interface SpecDoc {
  paths: Record<string, Record<string, Operation>>;
}

export const spec = parse(readFileSync(SPEC_PATH, 'utf8')) as SpecDoc;

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addFormat('binary', true);
ajv.addSchema(spec as object, 'spec');
const cache = new Map<string, ValidateFunction>();

function pointer(...segments: string[]): string {
  return '#/' + segments.map((s) => s.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');
}

function validatorFor(ref: string): ValidateFunction {
  let fn = cache.get(ref);
  if (!fn) {
    fn = ajv.compile({ $ref: `spec${ref}` });
    cache.set(ref, fn);
  }
  return fn;
}

/** Every (method, path, status) the spec documents. */
export function documentedAnswers(): { method: string; path: string; status: string }[] {
  const out: { method: string; path: string; status: string }[] = [];
  for (const [path, item] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(item)) {
      for (const status of Object.keys(op.responses)) out.push({ method: method.toUpperCase(), path, status });
    }
  }
  return out;
}

/**
 * Problems of an answer against the spec. Statuses the yaml gives in its rules for every call
 * (401 token, 429 rate limit, 400 a request that breaks the spec, 404 unknown id, 500) carry the
 * `Error` body (the token endpoint's 400 is `TokenError`).
 */
export function answerProblems(method: string, path: string, status: number, body: unknown): string[] {
  const op = spec.paths[path]?.[method.toLowerCase()];
  if (!op) return [`${method} ${path} is not in the spec`];
  const documented = op.responses[String(status)];
  let ref: string;
  if (documented) {
    if (!documented.content?.['application/json']) return [];
    ref = pointer('paths', path, method.toLowerCase(), 'responses', String(status), 'content', 'application/json', 'schema');
  } else if ([400, 401, 404, 405, 409, 429, 500].includes(status)) {
    ref = path === '/oauth/token' && status === 400 ? '#/components/schemas/TokenError' : '#/components/schemas/Error';
  } else {
    return [`status ${status} is not an answer of ${method} ${path}`];
  }
  const fn = validatorFor(ref);
  return fn(body) ? [] : (fn.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}
