/**
 * Azure Functions route templates (ASP.NET Core routing syntax), enough of it for this app:
 * literals (case-insensitive), `{name}`, `{name?}` (optional, trailing), `{name:constraint}` with
 * int/long/guid/bool/alpha, and a trailing catch-all `{*rest}`. Parameter values are URL-decoded.
 */
type Segment = { kind: 'literal'; text: string } | { kind: 'param'; name: string; optional: boolean; constraint?: string } | { kind: 'catchAll'; name: string };

export interface CompiledRoute {
  template: string;
  /** Route parameters when `path` (below /api, no leading slash) matches, else null. */
  match(path: string): Record<string, string> | null;
  /** The same for a path already split by splitRoutePath (the host splits once for all routes). */
  matchParts(parts: readonly string[]): Record<string, string> | null;
  /** Lower sorts first: literal segments win over parameters, as in ASP.NET routing. */
  precedence: number[];
}

const CONSTRAINTS: Record<string, RegExp> = {
  int: /^-?\d+$/,
  long: /^-?\d+$/,
  guid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  bool: /^(true|false)$/i,
  alpha: /^[a-z]+$/i,
};

function parseSegment(raw: string, template: string): Segment {
  const m = /^\{(\*)?([A-Za-z_][A-Za-z0-9_]*)(?::([A-Za-z]+))?(\?)?\}$/.exec(raw);
  if (!m) {
    if (raw.includes('{') || raw.includes('}')) throw new Error(`Unsupported route segment "${raw}" in "${template}"`);
    return { kind: 'literal', text: raw.toLowerCase() };
  }
  const [, star, name, constraint, optional] = m;
  if (star) return { kind: 'catchAll', name };
  if (constraint && !CONSTRAINTS[constraint.toLowerCase()]) throw new Error(`Unsupported route constraint "${constraint}" in "${template}"`);
  return { kind: 'param', name, optional: Boolean(optional), constraint: constraint?.toLowerCase() };
}

function rank(s: Segment): number {
  if (s.kind === 'literal') return 0;
  if (s.kind === 'catchAll') return 4;
  if (s.optional) return 3;
  return s.constraint ? 1 : 2;
}

export function compileRoute(template: string): CompiledRoute {
  const segments = template
    .split('/')
    .filter(Boolean)
    .map((s) => parseSegment(s, template));
  const matchParts = (parts: readonly string[]): Record<string, string> | null => {
    const params: Record<string, string> = {};
    for (let i = 0; i < segments.length; i++) {
      const seg = segments[i];
      const part = parts[i];
      if (seg.kind === 'catchAll') {
        params[seg.name] = parts.slice(i).join('/');
        return params;
      }
      if (part === undefined) {
        // Only optional parameters may be missing, and only at the end.
        if (seg.kind === 'param' && seg.optional && segments.slice(i).every((s) => s.kind === 'param' && s.optional)) return params;
        return null;
      }
      if (seg.kind === 'literal') {
        if (part.toLowerCase() !== seg.text) return null;
      } else {
        if (seg.constraint && !CONSTRAINTS[seg.constraint].test(part)) return null;
        params[seg.name] = part;
      }
    }
    return parts.length === segments.length ? params : null;
  };
  return {
    template,
    precedence: segments.map(rank),
    match(path: string) {
      const parts = splitRoutePath(path);
      return parts && matchParts(parts);
    },
    matchParts,
  };
}

/** The URL-decoded segments of a path below /api; null when one does not decode (no route matches it). */
export function splitRoutePath(path: string): string[] | null {
  try {
    return path.split('/').filter(Boolean).map(decodeURIComponent);
  } catch {
    return null;
  }
}

/** Sorts routes so that the most specific template is tried first. */
export function byPrecedence(a: CompiledRoute, b: CompiledRoute): number {
  const n = Math.max(a.precedence.length, b.precedence.length);
  for (let i = 0; i < n; i++) {
    const d = (a.precedence[i] ?? -1) - (b.precedence[i] ?? -1);
    if (d !== 0) return d;
  }
  return 0;
}
