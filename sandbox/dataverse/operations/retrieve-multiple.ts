/**
 * GET on an entity set (or a collection-valued navigation property of one row): query, $count,
 * paging with `Prefer: odata.maxpagesize` and a `$skiptoken` nextLink, and the first response of
 * change tracking (`Prefer: odata.track-changes` -> `@odata.deltaLink`).
 */
import type { QueryOptions } from '../odata/ast';
import { badRequest } from '../errors';
import type { TableInfo } from '../schema/catalog';
import type { Row } from '../store/store';
import { formatRow, selectedAttributes } from '../format/entity';
import { jsonResponse, type ApiResponse } from '../http/types';
import { queryRows } from './query';
import type { Scope } from './scope';
import { assertOrganizationRead, assertTrackable, deltaToken } from './changes';
import { contextPath, encodeQuery } from './links';
import { offsetFromSkipToken, pageSizeOf, skipTokenFor, versionFromSkipToken } from './paging';
import { validateExpand } from './expand-rules';

const COUNT_LIMIT = 5000;

export interface CollectionTarget {
  info: TableInfo;
  candidates: Row[];
  /** Path the links (nextLink, deltaLink) follow, e.g. `accounts` or `accounts(id)/contact_customer_accounts`. */
  path: string;
}

export function retrieveMultiple(scope: Scope, target: CollectionTarget, options: QueryOptions, query: URLSearchParams): ApiResponse {
  const { info } = target;
  selectedAttributes(info, options.select); // unknown columns are a 400 even when no row matches
  if (scope.prefs.trackChanges) {
    assertTrackable(info);
    assertOrganizationRead(scope, info);
    if (options.filter || options.orderBy || options.expand || options.top !== undefined) {
      throw badRequest('Change tracking (odata.track-changes) supports $select only: $filter, $orderby, $expand and $top cannot be used with it.');
    }
  }
  validateExpand(scope.catalog, info, options.expand);
  const rows = queryRows(scope, info, target.candidates, options);
  const pageSize = pageSizeOf(scope);
  const offset = options.skipToken ? offsetFromSkipToken(options.skipToken) : 0;
  // A tracked read's delta token is the point its first page was read at (kept in the paging cookie).
  const startVersion = options.skipToken ? versionFromSkipToken(options.skipToken) : undefined;
  // "Don't use $top with the Prefer: odata.maxpagesize request header. If you include both, $top is ignored." (Page results using OData)
  const top = scope.prefs.maxPageSize === undefined ? options.top : undefined;
  const limited = top !== undefined ? rows.slice(0, top) : rows;
  const page = limited.slice(offset, offset + pageSize);
  const more = offset + pageSize < limited.length;

  const tracking = scope.prefs.trackChanges;
  const applied: string[] = [];
  if (scope.prefs.includeAnnotations) applied.push(`odata.include-annotations="${scope.prefs.includeAnnotations}"`);
  if (scope.prefs.maxPageSize !== undefined) applied.push(`odata.maxpagesize=${scope.prefs.maxPageSize}`);
  if (tracking) applied.push('odata.track-changes');

  const body: Record<string, unknown> = {
    // The context names the entity set of the rows, even when they were reached through a navigation property.
    '@odata.context': `${scope.apiUrl}$metadata#${contextPath(info.def.entitySetName, options)}${tracking ? '/$delta' : ''}`,
  };
  if (options.count) body['@odata.count'] = Math.min(rows.length, COUNT_LIMIT);
  body.value = page.map((row) => formatRow(scope, info, row, options));
  if (more) {
    const next = new URLSearchParams(query);
    next.delete('$skiptoken');
    next.set('$skiptoken', skipTokenFor(offset + pageSize, offset / pageSize + 2, tracking ? (startVersion ?? scope.store.currentVersion()) : undefined));
    body['@odata.nextLink'] = `${scope.apiUrl}${target.path}?${encodeQuery(next)}`;
  } else if (tracking) {
    const link = new URLSearchParams();
    if (options.select) link.set('$select', options.select.join(','));
    link.set('$deltatoken', deltaToken(scope.store, startVersion ?? scope.store.currentVersion()));
    body['@odata.deltaLink'] = `${scope.apiUrl}${target.path}?${encodeQuery(link)}`;
  }
  return jsonResponse(200, body, applied.length ? { 'Preference-Applied': applied.join(',') } : {});
}
