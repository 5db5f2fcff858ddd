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

/**
 * Like Dataverse's paging cookie: the page number, plus the row offset it stands for; a tracked
 * read (odata.track-changes) also keeps the version its first page was read at (changes.ts).
 */
export function skipTokenFor(offset: number, pageNumber: number, trackingVersion?: number): string {
  const tracking = trackingVersion === undefined ? 'istracking="False"' : `istracking="True" version="${trackingVersion}"`;
  return `<cookie pagenumber="${pageNumber}" offset="${offset}" ${tracking} />`;
}

export function versionFromSkipToken(token: string): number | undefined {
  const m = /version="(\d+)"/.exec(token);
  return m ? Number(m[1]) : undefined;
}

export function offsetFromSkipToken(token: string): number {
  const m = /offset="(\d+)"/.exec(token);
  if (!m) throw badRequest(`The $skiptoken '${token}' is not valid.`);
  return Number(m[1]);
}
