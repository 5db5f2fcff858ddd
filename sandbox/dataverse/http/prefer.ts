/**
 * The Prefer request header (RFC 7240 as OData uses it): return=representation,
 * odata.include-annotations, odata.maxpagesize, odata.track-changes, odata.continue-on-error.
 */
export interface Preferences {
  returnRepresentation: boolean;
  includeAnnotations?: string;
  maxPageSize?: number;
  trackChanges: boolean;
  continueOnError: boolean;
}

export function parsePrefer(header: string | string[] | undefined): Preferences {
  const text = Array.isArray(header) ? header.join(',') : (header ?? '');
  const prefs: Preferences = { returnRepresentation: false, trackChanges: false, continueOnError: false };
  for (const part of splitOutsideQuotes(text)
    .map((p) => p.trim())
    .filter(Boolean)) {
    const eq = part.indexOf('=');
    const name = (eq < 0 ? part : part.slice(0, eq)).trim().toLowerCase();
    const value =
      eq < 0
        ? ''
        : part
            .slice(eq + 1)
            .trim()
            .replace(/^"|"$/g, '');
    if (name === 'return' && value === 'representation') prefs.returnRepresentation = true;
    else if (name === 'odata.include-annotations') prefs.includeAnnotations = value;
    else if (name === 'odata.maxpagesize' && /^\d+$/.test(value)) prefs.maxPageSize = Number(value);
    else if (name === 'odata.track-changes') prefs.trackChanges = true;
    else if (name === 'odata.continue-on-error') prefs.continueOnError = true;
  }
  return prefs;
}

/** Preferences are comma-separated, but a quoted value (a list of annotations) may hold commas too. */
function splitOutsideQuotes(text: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    if (ch === ',' && !quoted) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts;
}

/** Whether an annotation term is asked for: "*", exact names, or "Namespace.*" patterns; "-x" excludes. */
export function annotationFilter(include: string | undefined): (term: string) => boolean {
  if (!include) return () => false;
  const patterns = include
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  const matches = (pattern: string, term: string): boolean =>
    pattern === '*' || pattern === term || (pattern.endsWith('.*') && term.startsWith(pattern.slice(0, -1)));
  return (term) => {
    const excluded = patterns.some((p) => p.startsWith('-') && matches(p.slice(1), term));
    return !excluded && patterns.some((p) => !p.startsWith('-') && matches(p, term));
  };
}
