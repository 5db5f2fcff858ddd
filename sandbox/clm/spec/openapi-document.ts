import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

/**
 * clm-api.yaml, loaded once. The sandbox reads its copy of the spec at start and checks requests
 * and answers against it, so the spec (not this code) decides what is valid. The copy beside this
 * file is kept identical to shared/spec/clm-api.yaml (a test checks it when the shared copy exists).
 */
const SPEC_FILE = join(__dirname, 'clm-api.yaml');

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface JsonSchema {
  [keyword: string]: unknown;
}

interface ParameterSpec {
  name: string;
  in: 'query' | 'header' | 'path';
  required?: boolean;
  schema: JsonSchema;
}

export interface OperationSpec {
  security?: unknown[];
  parameters?: ParameterSpec[];
  requestBody?: { required?: boolean; content: Record<string, { schema: JsonSchema }> };
  responses: Record<string, { description?: string; content?: Record<string, { schema: JsonSchema }> }>;
}

export interface OpenApiDocument {
  openapi: string;
  components: { schemas: Record<string, JsonSchema> };
  paths: Record<string, Partial<Record<HttpMethod, OperationSpec>>>;
}

let cached: OpenApiDocument | undefined;

export function loadClmApiSpec(): OpenApiDocument {
  cached ??= parse(readFileSync(SPEC_FILE, 'utf8')) as OpenApiDocument;
  return cached;
}
