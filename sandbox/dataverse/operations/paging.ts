/**
 * Page tokens and sizes shared by collections and expanded collections ("Page results using OData",
 * "Join tables using OData"): up to 5,000 rows a page unless `Prefer: odata.maxpagesize` asks for
 * fewer; the `$skiptoken` is a cookie like Dataverse's.
 */
import { badRequest } from '../errors';
import type { Scope } from './scope';

/** Rows per page for this request: the preference, never above the server's maximum (5,000 by default). */
export function pageSizeOf(scope: Scope): number {
  return Math.min(scope.prefs.maxPageSize ?? scope.maxPageSize, scope.maxPageSize);
}

/** Like Dataverse's paging cookie: the page number, plus the row offset it stands for. */
export function skipTokenFor(offset: number, pageNumber: number): string {
  return `<cookie pagenumber="${pageNumber}" offset="${offset}" istracking="False" />`;
}

export function offsetFromSkipToken(token: string): number {
  const m = /offset="(\d+)"/.exec(token);
  if (!m) throw badRequest(`The $skiptoken '${token}' is not valid.`);
  return Number(m[1]);
}
