/** How answers write links and context URLs: `$metadata#set(select,nav(select))`, query strings as Dataverse writes them. */
import type { QueryOptions } from '../odata/ast';

/** Query strings as Dataverse writes them: `$` and `,` left readable, the rest percent-encoded. */
export function encodeQuery(params: URLSearchParams): string {
  return [...params.entries()].map(([k, v]) => `${k}=${encodeURIComponent(v).replace(/%24/g, '$').replace(/%2C/g, ',')}`).join('&');
}

export function contextPath(path: string, options: QueryOptions): string {
  const parts: string[] = [...(options.select ?? [])];
  for (const e of options.expand ?? []) parts.push(`${e.navigation}(${contextPath('', e.options).replace(/^\(|\)$/g, '')})`);
  return parts.length ? `${path}(${parts.join(',')})` : path;
}
