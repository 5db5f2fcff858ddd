/**
 * Every row of a query, page by page (`@odata.nextLink`): each page is its own request, so a
 * failure retries one page (the client's retry loop), not the whole read.
 */
import type { RetrieveMultipleRequest } from 'dynamics-web-api';
import type { DataverseGateway } from './client';

const READ_PAGE_SIZE = 500;

export async function readAllPages<T>(api: DataverseGateway, request: RetrieveMultipleRequest): Promise<T[]> {
  const rows: T[] = [];
  let nextLink: string | undefined;
  do {
    const page = await api.retrieveMultiple<T>({ maxPageSize: READ_PAGE_SIZE, ...request }, nextLink);
    rows.push(...page.value);
    nextLink = page.oDataNextLink;
  } while (nextLink);
  return rows;
}
