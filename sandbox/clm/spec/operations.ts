import { loadClmApiSpec, type HttpMethod, type OperationSpec } from './openapi-document';

/** One method of one path of the spec, with what it takes to recognise a request for it. */
export interface SpecOperation {
  method: HttpMethod;
  /** The spec's path template, e.g. /contracts/{contractId}. */
  path: string;
  /** The same path as an express route, e.g. /contracts/:contractId. */
  expressPath: string;
  /** JSON Pointer of the operation inside the document, for schema references. */
  pointer: string;
  spec: OperationSpec;
  /** True when the operation needs a bearer token (security not emptied with `security: []`). */
  needsBearer: boolean;
  regex: RegExp;
}

const METHODS: HttpMethod[] = ['get', 'post', 'put', 'patch', 'delete'];

function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

function buildOperations(): SpecOperation[] {
  const doc = loadClmApiSpec();
  const operations: SpecOperation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    const pattern = path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '([^/]+)');
    for (const method of METHODS) {
      const spec = item[method];
      if (!spec) continue;
      operations.push({
        method,
        path,
        expressPath: path.replace(/\{([^}]+)\}/g, ':$1'),
        pointer: `#/paths/${escapePointer(path)}/${method}`,
        spec,
        needsBearer: !(Array.isArray(spec.security) && spec.security.length === 0),
        regex: new RegExp(`^${pattern}/?$`),
      });
    }
  }
  return operations;
}

let cached: SpecOperation[] | undefined;

export function specOperations(): SpecOperation[] {
  cached ??= buildOperations();
  return cached;
}

/** What a request path (relative to the API base) is in the spec: an operation, a path with other methods, or nothing. */
export function matchOperation(method: string, path: string): { operation?: SpecOperation; allowedMethods: string[] } {
  const onPath = specOperations().filter((op) => op.regex.test(path));
  const operation = onPath.find((op) => op.method === method.toLowerCase());
  return { operation, allowedMethods: onPath.map((op) => op.method.toUpperCase()) };
}
