/**
 * The one place where values go into a SCIM URL: each path segment is percent-encoded, query values
 * through URLSearchParams, and a filter's string literal is written as RFC 7644 section 3.4.2.2
 * wants it (a JSON string, so quotes and backslashes in an e-mail cannot break out of it).
 */
export function scimUrl(base: string, segments: string[], query: Record<string, string | number | undefined> = {}): string {
  const url = new URL(`${base.replace(/\/+$/, '')}/${segments.map(encodeURIComponent).join('/')}`);
  for (const [name, value] of Object.entries(query)) if (value !== undefined) url.searchParams.set(name, String(value));
  return url.toString();
}

export function eqFilter(attribute: 'userName' | 'externalId' | 'displayName', value: string): string {
  return `${attribute} eq ${JSON.stringify(value)}`;
}
